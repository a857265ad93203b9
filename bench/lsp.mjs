// A small LSP client for the benchmark (plain JS; the same logic as test/support/lspClient.ts): spawns a
// language server over stdio, speaks JSON-RPC, records notifications with their arrival time, and lets
// the caller wait on events (never a fixed sleep).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as os from 'node:os';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The environment variables the extension starts the language server with (client/src/serverEnv.ts,
 * kept equal by test/unit/client/serverEnv.test.ts): the benchmark runs the server as the extension does.
 */
export const SERVER_ENV = {
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** This process's environment and SERVER_ENV, for starting dist/server.js. */
export function serverEnv() {
  return { ...process.env, ...SERVER_ENV };
}

/**
 * The Node flags the extension starts the language server with (client/src/serverEnv.ts
 * serverExecArgv, kept equal by the same test): V8's helper threads, the cores beside the main thread (1–4).
 */
export function serverExecArgv(cores = os.availableParallelism()) {
  return [`--v8-pool-size=${Math.min(4, Math.max(1, Math.floor(cores) - 1))}`];
}

export class Lsp {
  /**
   * @param {string[]} argv node arguments (script and its flags)
   * @param {{ settings?: unknown, env?: NodeJS.ProcessEnv }} opts
   */
  constructor(argv, opts = {}) {
    this.proc = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(" ") : []), ...argv], { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
    this.buf = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.events = new EventEmitter();
    this.events.setMaxListeners(0);
    /** uri → latest diagnostics */
    this.diagnostics = new Map();
    /** uri → arrival time (ms, performance.now()) of the latest diagnostics */
    this.diagnosticsAt = new Map();
    this.lastDiagnosticsAt = 0;
    this.diagnosticsCount = 0;
    this.stderr = '';
    this.settings = opts.settings ?? {};
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
    this.proc.stdout.on('data', (d) => this.onData(d));
    this.proc.stderr.on('data', (d) => (this.stderr += d.toString()));
    this.proc.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}) during ${p.method}: ${this.stderr.slice(-2000)}`));
      this.pending.clear();
    });
  }

  get pid() {
    return this.proc.pid;
  }

  onData(d) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('bad header');
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      p.resolve({ result: msg.result, error: msg.error, at });
      return;
    }
    if (msg.id !== undefined && msg.method) {
      let result = null;
      if (msg.method === 'workspace/configuration') result = msg.params.items.map((i) => (i.section === 'yaml' ? this.settings.yaml ?? {} : this.settings[i.section] ?? this.settings));
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.set(msg.params.uri, msg.params.diagnostics);
      this.diagnosticsAt.set(msg.params.uri, at);
      this.lastDiagnosticsAt = at;
      this.diagnosticsCount++;
    }
    this.events.emit('notification', { method: msg.method, params: msg.params, at });
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Resolves with { result, error, at } (errors are returned, not thrown: "method not found" is an answer). */
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first future notification satisfying pred. */
  waitFor(pred, timeoutMs = 600000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('notification', on);
        reject(new Error(`timed out after ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const on = (n) => {
        if (pred(n)) {
          clearTimeout(timer);
          this.events.off('notification', on);
          resolve(n);
        }
      };
      this.events.on('notification', on);
    });
  }

  /** Resident set size of the server process now, and its peak (MB, from /proc). */
  rss() {
    try {
      const s = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      return { rss: NaN, peak: NaN };
    }
  }

  async stop() {
    if (this.proc.exitCode !== null) return;
    const killer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
      this.notify('exit', null);
    } catch {
      // gone already
    }
    await this.exited;
    clearTimeout(killer);
  }
}

/** `initialize` params of an editor with one workspace folder (and a storage folder for the persisted index). */
export function initParams(dir, storagePath) {
  const uri = pathToFileURL(dir).href;
  return {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'ws' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
    initializationOptions: storagePath ? { storagePath } : {},
  };
}
