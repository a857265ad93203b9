// Preloaded into the language server (`node --require out/test/support/safetyPreload.js dist/server.js`,
// and into its worker threads, which inherit the process's execArgv): wraps every fs API that writes,
// renames, deletes or creates, every child_process function, and every network connection or DNS
// lookup function, and records each call as one JSON line { thread, kind, fn, paths } in the file named
// by K8S_DNS_LENS_SAFETY_LOG. The calls still happen: this only watches.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

const logFile = process.env.K8S_DNS_LENS_SAFETY_LOG;
if (logFile) {
  // the original functions, taken before any wrapping: the log's own writes are not recorded
  const openSync = fs.openSync;
  const writeSync = fs.writeSync;
  const fd = openSync(logFile, 'a');
  const record = (kind: string, fn: string, paths: unknown[]) => {
    const ps = paths.map((p) => (typeof p === 'string' ? path.resolve(p) : Buffer.isBuffer(p) ? path.resolve(p.toString()) : p instanceof URL ? p.href : typeof p === 'number' ? `fd:${p}` : String(p)));
    writeSync(fd, `${JSON.stringify({ thread: threadId, kind, fn, paths: ps })}\n`);
  };
  record('loaded', 'preload', []);

  /** Wraps obj[name]; `paths` picks the arguments to record (undefined: record nothing for this call). */
  const wrap = (obj: any, name: string, kind: string, label: string, paths: (args: any[]) => unknown[] | undefined) => {
    const orig = obj?.[name];
    if (typeof orig !== 'function') return;
    const wrapped = function (this: unknown, ...args: any[]) {
      const ps = paths(args);
      if (ps) record(kind, label, ps);
      return orig.apply(this, args);
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    try {
      obj[name] = wrapped;
    } catch {
      // a read-only property: leave it
    }
  };

  const first = (args: any[]) => [args[0]];
  const two = (args: any[]) => [args[0], args[1]];
  const second = (args: any[]) => [args[1]];
  const isWriteFlag = (flags: unknown) => {
    if (flags === undefined || flags === null) return false;
    if (typeof flags === 'number') {
      const c = fs.constants;
      return (flags & (c.O_WRONLY | c.O_RDWR | c.O_CREAT | c.O_TRUNC | c.O_APPEND)) !== 0;
    }
    return /[wa+]/.test(String(flags));
  };
  const openPaths = (args: any[]) => (isWriteFlag(args[1]) ? [args[0]] : undefined);
  const streamPaths = (args: any[]) => {
    const o = args[1];
    const flags = typeof o === 'string' ? undefined : o?.flags;
    return flags === undefined || isWriteFlag(flags) ? [args[0]] : undefined;
  };

  // fs: callback, sync and promise forms
  const byName: Record<string, (args: any[]) => unknown[] | undefined> = {
    writeFile: first,
    appendFile: first,
    truncate: first,
    rename: two,
    unlink: first,
    rm: first,
    rmdir: first,
    mkdir: first,
    mkdtemp: first,
    copyFile: second,
    cp: second,
    symlink: second,
    link: second,
    chmod: first,
    chown: first,
    utimes: first,
    lutimes: first,
  };
  for (const [name, paths] of Object.entries(byName)) {
    wrap(fs, name, 'fs', name, paths);
    wrap(fs, `${name}Sync`, 'fs', `${name}Sync`, paths);
    wrap(fs.promises, name, 'fs', `promises.${name}`, paths);
  }
  wrap(fs, 'open', 'fs', 'open', openPaths);
  wrap(fs, 'openSync', 'fs', 'openSync', openPaths);
  wrap(fs.promises, 'open', 'fs', 'promises.open', openPaths);
  wrap(fs, 'createWriteStream', 'fs', 'createWriteStream', streamPaths);

  // child processes: any call at all
  const cp = require('node:child_process');
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) wrap(cp, name, 'child_process', name, (a) => [a[0]]);

  // the network: connections, servers, datagrams, DNS
  const any = (a: any[]) => [typeof a[0] === 'object' ? JSON.stringify(a[0]) : a[0]];
  const net = require('node:net');
  for (const name of ['connect', 'createConnection', 'createServer']) wrap(net, name, 'net', `net.${name}`, any);
  wrap(net.Socket.prototype, 'connect', 'net', 'net.Socket.connect', any);
  wrap(net.Server.prototype, 'listen', 'net', 'net.Server.listen', any);
  const tls = require('node:tls');
  for (const name of ['connect', 'createServer']) wrap(tls, name, 'net', `tls.${name}`, any);
  for (const mod of ['http', 'https', 'http2']) {
    const m = require(`node:${mod}`);
    for (const name of ['request', 'get', 'connect', 'createServer', 'createSecureServer']) wrap(m, name, 'net', `${mod}.${name}`, any);
  }
  wrap(require('node:dgram'), 'createSocket', 'net', 'dgram.createSocket', any);
  const dns = require('node:dns');
  for (const name of Object.keys(dns)) if (/^(lookup|lookupService|resolve)/.test(name)) wrap(dns, name, 'net', `dns.${name}`, any);
  for (const name of Object.keys(dns.promises)) if (/^(lookup|lookupService|resolve)/.test(name)) wrap(dns.promises, name, 'net', `dns.promises.${name}`, any);
  if (typeof (globalThis as any).fetch === 'function') wrap(globalThis, 'fetch', 'net', 'fetch', any);
}
