// The machinery of the fidelity suite: finding BIND's tools, temporary folders, a real `named` loaded
// with our exported zones, `k8s-dns-lens serve`, dig in batch mode, real nslookup with a pod's
// resolv.conf. Every process started here is stopped at the end (after() hooks, and an exit handler
// for the unexpected); every temporary folder removed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/cli';
import type { NslookupJson } from '../../server/src/core/dns/nslookupText';

/** The repository root (compiled tests live in out/test/fidelity). */
export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/** Files of a fixture folder that are not manifests. */
export const EXCLUDE = ['--exclude', '**/expected.json'];

// ------------------------------------------------------------------ tools

export interface Tools {
  named: string;
  namedCheckzone: string;
  dig: string;
  nslookup: string;
}

function which(cmd: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = path.join(d, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** BIND's tools, or the names of those missing. */
export function findTools(): { tools?: Tools; missing: string[] } {
  const found = { named: which('named'), namedCheckzone: which('named-checkzone'), dig: which('dig'), nslookup: which('nslookup') };
  const missing = Object.entries({ named: found.named, 'named-checkzone': found.namedCheckzone, dig: found.dig, nslookup: found.nslookup })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  return missing.length ? { missing } : { tools: found as Tools, missing };
}

/** `named -v`, e.g. `BIND 9.18.49-1~deb12u3-Debian (Extended Support Version) <id:>`. */
export function bindVersion(t: Tools): string {
  return spawnSync(t.named, ['-v'], { encoding: 'utf8' }).stdout.trim();
}

// ------------------------------------------------------------------ processes and folders

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

function killAllNow(): void {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // gone
    }
  }
  children.clear();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAllNow();
    process.exit(130);
  });
}

export function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `k8s-dns-lens-${prefix}-`));
  tempDirs.add(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`; resolves with its exit code (null when killed). */
export function stop(child: ChildProcess, graceMs = 5000): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      resolve(child.exitCode);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs the built CLI (dist/cli.js) to the end. */
export function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `k8s-dns-lens nslookup NAME --type T --json` through the CLI's own entry (in process: the same code as dist/cli.js, without a process per question). */
export async function nslookupJson(workspace: string, name: string, type: string, extra: string[] = []): Promise<NslookupJson> {
  let out = '';
  let err = '';
  const code = await runCli(['nslookup', name, '--type', type, '--json', '-w', workspace, ...EXCLUDE, ...extra], { cwd: ROOT, out: (s) => (out += s), err: (s) => (err += s) });
  if (code === 2) throw new Error(`nslookup ${name} ${type}: ${err}`);
  return JSON.parse(out) as NslookupJson;
}

/** A port free for both UDP and TCP on 127.0.0.1 (free when asked; the caller retries on a race). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const srv = net.createServer();
    const port = await new Promise<number>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port));
    });
    const udp = dgram.createSocket('udp4');
    const ok = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise<void>((r) => srv.close(() => r()));
    await new Promise<void>((r) => {
      try {
        udp.close(() => r());
      } catch {
        r();
      }
    });
    if (ok) return port;
  }
  throw new Error('no free port');
}

// ------------------------------------------------------------------ dig

export interface DigResult {
  status: string;
  /** The header flags, e.g. ['qr', 'aa', 'rd']. */
  flags: string[];
  /** RDATA of the answer section, in order, as dig prints it (`dig +short` prints the same text). */
  data: string[];
  /** Answer records as `ttl TYPE rdata`. */
  answers: { name: string; ttl: number; type: string; data: string }[];
  authority: { name: string; type: string }[];
}

export interface Question {
  name: string;
  type: string;
}

const RR_LINE = /^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*)$/;

/** Parses `dig +noall +comments +question +answer +authority` output of a batch, keyed by `name TYPE` (lowercase name). */
export function parseDigBatch(text: string): Map<string, DigResult> {
  const out = new Map<string, DigResult>();
  for (const block of text.split(/^;; Got answer:$/m).slice(1)) {
    const status = /status: ([A-Z]+)/.exec(block)?.[1] ?? '?';
    const flags = (/^;; flags: ([a-z ]+);/m.exec(block)?.[1] ?? '').trim().split(/\s+/);
    const qline = /^;; QUESTION SECTION:\n;(\S+)\s+IN\s+(\S+)$/m.exec(block);
    if (!qline) continue;
    const res: DigResult = { status, flags, data: [], answers: [], authority: [] };
    let section = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(';; ANSWER SECTION:')) section = 'answer';
      else if (line.startsWith(';; AUTHORITY SECTION:')) section = 'authority';
      else if (line.startsWith(';')) continue;
      const m = RR_LINE.exec(line);
      if (!m) continue;
      if (section === 'answer') {
        res.answers.push({ name: m[1], ttl: Number(m[2]), type: m[3], data: m[4] });
        res.data.push(m[4]);
      } else if (section === 'authority') res.authority.push({ name: m[1], type: m[3] });
    }
    out.set(`${qline[1].toLowerCase()} ${qline[2]}`, res);
  }
  return out;
}

/** Asks every question of `qs` from 127.0.0.1:`port` with one dig process (batch mode, `-f`). */
export function digBatch(t: Tools, dir: string, port: number, qs: Question[], label: string, options: string[] = []): Map<string, DigResult> {
  const file = path.join(dir, `dig-${label}.txt`);
  fs.writeFileSync(file, qs.map((q) => `${q.name} ${q.type}`).join('\n') + '\n');
  const r = spawnSync(t.dig, [`@127.0.0.1`, '-p', String(port), '+noall', '+comments', '+question', '+answer', '+authority', '+tries=2', '+time=3', ...options, '-f', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  const res = parseDigBatch(r.stdout);
  const lost = qs.filter((q) => !res.has(`${q.name.toLowerCase()} ${q.type}`));
  if (lost.length) throw new Error(`dig got no answer from ${label} for ${lost.length} questions, e.g. ${lost.slice(0, 3).map((q) => `${q.name} ${q.type}`).join(', ')}\n${r.stderr}`);
  return res;
}

/** `dig +short` for one question: the RDATA lines. */
export function digShort(t: Tools, port: number, q: Question): string[] {
  // dig +short prints only RDATA, or a `;;` line when what came back is no answer to its question: once
  // in CI `;; Warning: query response not set` (a reply without the QR bit, from BIND's port on the
  // loopback, not reproduced in many runs since). The question is asked again then (three times at most):
  // what is compared is the RDATA dig prints for an answer, and an answer that never comes still fails.
  let lines: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = spawnSync(t.dig, ['@127.0.0.1', '-p', String(port), '+short', '+tries=2', '+time=3', q.name, q.type], { encoding: 'utf8', timeout: 30_000 });
    lines = r.stdout.split('\n').filter((l) => l.length > 0);
    if (!lines.some((l) => l.startsWith(';;'))) break;
  }
  return lines;
}

/** One question with its own dig process, read as digBatch reads its answers. */
export function digOne(t: Tools, port: number, q: Question): DigResult | undefined {
  const r = spawnSync(t.dig, ['@127.0.0.1', '-p', String(port), '+noall', '+comments', '+question', '+answer', '+authority', '+tries=3', '+time=5', q.name, q.type], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return parseDigBatch(r.stdout).get(`${q.name.toLowerCase()} ${q.type}`);
}

/** One dig run, its whole output. */
export function digRaw(t: Tools, port: number, args: string[]): string {
  return spawnSync(t.dig, ['@127.0.0.1', '-p', String(port), '+tries=2', '+time=3', ...args], { encoding: 'utf8', timeout: 30_000 }).stdout;
}

// ------------------------------------------------------------------ named

export interface Named {
  port: number;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

async function waitFor(check: () => boolean, ms: number, what: string, failed?: () => string | undefined): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const f = failed?.();
    if (f) throw new Error(`${what}: ${f}`);
    if (check()) return;
    if (Date.now() > end) throw new Error(`${what}: not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts `named -g` (foreground, logging to stderr) as an authoritative-only server (`recursion no`, no
 * zone transfers, no empty zones) for `zones`, listening on 127.0.0.1 only at a free port, in `dir`.
 * As root named runs without `-u` (it stays root, which is what works in a container); as another user
 * it runs as that user.
 */
export async function startNamed(t: Tools, dir: string, zones: { zone: string; file: string }[]): Promise<Named> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const conf = path.join(dir, 'named.conf');
    fs.writeFileSync(
      conf,
      `options {
  directory "${dir}";
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  allow-transfer { none; };
  empty-zones-enable no;
  dnssec-validation no;
  notify no;
  pid-file none;
  session-keyfile "${path.join(dir, 'session.key')}";
};
controls { };
${zones.map((z) => `zone "${z.zone.replace(/\.$/, '')}" { type primary; file "${z.file}"; };`).join('\n')}
`,
    );
    let log = '';
    const child = track(spawn(t.named, ['-g', '-c', conf], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }));
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
      // ready: listening on our port (not someone else's server answering there), every zone loaded,
      // and the SOA of the first zone answered
      const listening = `listening on IPv4 interface lo, 127.0.0.1#${port}`;
      await waitFor(
        () => /\brunning\b/.test(log) && log.includes(listening) && zones.every((z) => log.includes(`zone ${z.zone.replace(/\.$/, '')}/IN: loaded serial`)) && digShort(t, port, { name: zones[0].zone, type: 'SOA' }).length > 0,
        20_000,
        'named',
        () =>
          exited
            ? `exited: ${log.split('\n').slice(-8).join('\n')}`
            : /loading from master file .* failed|not loaded due to errors|could not listen|address in use/.test(log)
              ? log
              : undefined,
      );
      return {
        port,
        dir,
        log: () => log,
        stop: async () => {
          await stop(child);
        },
      };
    } catch (e) {
      lastError = e as Error;
      await stop(child, 1000);
      if (!/address in use/.test(log)) break;
    }
  }
  throw lastError ?? new Error('named did not start');
}

// ------------------------------------------------------------------ k8s-dns-lens serve

export interface Serve {
  port: number;
  stdout(): string;
  stderr(): string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startServe(workspace: string, extra: string[] = []): Promise<Serve> {
  const child = track(spawn(process.execPath, [CLI, 'serve', '--port', '0', '-w', workspace, ...EXCLUDE, ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  let exited = false;
  child.once('exit', () => (exited = true));
  let port = 0;
  await waitFor(
    () => {
      const m = /^listening on 127\.0\.0\.1:(\d+) \(udp, tcp\)$/m.exec(out);
      if (m) port = Number(m[1]);
      return !!m;
    },
    20_000,
    'k8s-dns-lens serve',
    () => (exited ? `exited: ${out}${err}` : undefined),
  );
  return { port, stdout: () => out, stderr: () => err, stop: () => stop(child) };
}

// ------------------------------------------------------------------ real nslookup with a pod's resolv.conf

/**
 * How real nslookup gets the pod's resolv.conf: BIND 9.18's nslookup reads the search list and ndots
 * only from /etc/resolv.conf (`-domain=` sets a single domain), so it runs in a private mount namespace
 * (`unshare -m`) with our resolv.conf bind-mounted over /etc/resolv.conf. Returns why it cannot, or
 * undefined when it can.
 */
export function nslookupSandboxProblem(dir: string): string | undefined {
  const unshare = which('unshare');
  const mount = which('mount');
  if (!unshare || !mount) return `${!unshare ? 'unshare' : 'mount'} not found (util-linux)`;
  const probe = path.join(dir, 'resolv.probe');
  fs.writeFileSync(probe, 'search sandbox.probe\n');
  const r = spawnSync(unshare, ['-m', 'sh', '-c', `mount --bind '${probe}' /etc/resolv.conf && cat /etc/resolv.conf`], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0 || !r.stdout.includes('sandbox.probe')) return `unshare -m with a bind mount failed (${(r.stderr || r.error?.message || `exit ${r.status}`).trim()}): needs root or CAP_SYS_ADMIN`;
  return undefined;
}

/** Runs `nslookup [-type=T] NAME` against 127.0.0.1:`port` with `resolvConf` as /etc/resolv.conf. */
export function realNslookup(t: Tools, dir: string, port: number, resolvConf: string, name: string, type?: string): { code: number | null; stdout: string; stderr: string } {
  const file = path.join(dir, 'resolv.conf');
  fs.writeFileSync(file, resolvConf);
  const args = [`-port=${port}`, ...(type ? [`-type=${type}`] : []), name];
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync(which('unshare')!, ['-m', 'sh', '-c', `mount --bind '${file}' /etc/resolv.conf && exec '${t.nslookup}' ${quoted}`], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
