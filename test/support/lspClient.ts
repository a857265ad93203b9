// A minimal LSP client for tests: forks the bundled dist/server.js, speaks JSON-RPC over stdio,
// and lets tests wait for notifications (never a fixed sleep).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { EventEmitter } from 'node:events';

export const repoRoot = path.resolve(__dirname, '../..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  method: string;
}

export interface Notification {
  method: string;
  params: any;
}

export class LspClient {
  private proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, Pending>();
  readonly notifications: Notification[] = [];
  private events = new EventEmitter();
  /** Latest diagnostics per uri. */
  readonly diagnostics = new Map<string, any[]>();
  stderr = '';
  /** Handlers for server → client requests (workspace/configuration…). */
  requestHandlers = new Map<string, (params: any) => unknown>();

  /** `execArgv`: options of node itself before the script (e.g. `--require <preload.js>`). */
  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env, execArgv: string[] = []) {
    this.proc = spawn(process.execPath, [...execArgv, serverPath, ...args], { stdio: 'pipe', env });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}) during ${p.method}: ${this.stderr}`));
      this.pending.clear();
      this.events.emit('exit', code);
    });
    this.requestHandlers.set('workspace/configuration', (p: any) => p.items.map(() => this.settings));
    this.requestHandlers.set('window/workDoneProgress/create', () => null);
    this.requestHandlers.set('client/registerCapability', () => null);
  }

  settings: unknown = {};

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** The server process is still running. */
  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Messages the server logged (window/logMessage), one per line. */
  get log(): string {
    return this.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => n.params.message)
      .join('\n');
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad header: ${header}`);
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.onMessage(JSON.parse(body));
    }
  }

  private onMessage(msg: any): void {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined && msg.method) {
      const h = this.requestHandlers.get(msg.method);
      const result = h ? h(msg.params) : null;
      this.send({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') this.diagnostics.set(msg.params.uri, msg.params.diagnostics);
    const n = { method: msg.method, params: msg.params };
    this.notifications.push(n);
    this.events.emit('notification', n);
  }

  private send(msg: unknown): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification (already received or future) that satisfies `pred`. */
  waitFor(pred: (n: Notification) => boolean, timeoutMs = 20000, fromIndex = 0): Promise<Notification> {
    for (let i = fromIndex; i < this.notifications.length; i++) if (pred(this.notifications[i])) return Promise.resolve(this.notifications[i]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('notification', on);
        reject(new Error(`timed out waiting for a notification; stderr: ${this.stderr}`));
      }, timeoutMs);
      const on = (n: Notification) => {
        if (pred(n)) {
          clearTimeout(timer);
          this.events.off('notification', on);
          resolve(n);
        }
      };
      this.events.on('notification', on);
    });
  }

  /** Initialize with workspace folders (absolute paths) and wait until the first index is done. */
  async start(folders: string[], settings: unknown = {}, capabilities: any = {}, initializationOptions?: unknown): Promise<any> {
    const mark = this.notifications.length;
    const result = await this.initialize(folders, settings, capabilities, initializationOptions);
    await this.waitFor((n) => n.method === 'k8sDnsLens/modelChanged' && !n.params.stats.indexing, 60000, mark);
    return result;
  }

  /** Initialize with workspace folders and send `initialized` (indexing starts); does not wait for it. */
  async initialize(folders: string[], settings: unknown = {}, capabilities: any = {}, initializationOptions?: unknown): Promise<any> {
    this.settings = settings;
    const { pathToFileURL } = await import('node:url');
    const workspaceFolders = folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) }));
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: workspaceFolders[0]?.uri ?? null,
      workspaceFolders,
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, ...capabilities },
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.events.once('exit', r));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
