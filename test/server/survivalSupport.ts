// Support of the survival tests: temporary workspaces, the generated workspace, snapshots of what a
// server answers (diagnostics, cluster tree) to compare a server that lived through a storm of changes
// with a fresh one started on the final state.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { LspClient, repoRoot, type Notification } from '../support/lspClient';

export const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');
export const noGenerator = fs.existsSync(generator) ? false : `the workspace generator ${generator} is not there`;

export function tmpDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `k8s-dns-lens-${prefix}-`)));
}

/** `n` generated manifest files in `out` (its ground-truth.json removed: it would be read as a manifest). */
export function generate(n: number, out: string): void {
  const r = spawnSync(process.execPath, [generator, String(n), out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-workspace failed: ${r.stderr}`);
  fs.rmSync(path.join(out, 'ground-truth.json'), { force: true });
}

export function uriOf(p: string): string {
  return pathToFileURL(p).href;
}

/** Every file under `dir`, sorted (absolute paths). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Non-empty diagnostics per uri, sorted by uri (the version field left out: a fresh server has no buffers). */
export function diagnosticsOf(c: LspClient, keep: (uri: string) => boolean = () => true): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const uri of [...c.diagnostics.keys()].sort()) {
    const d = c.diagnostics.get(uri)!;
    if (d.length && keep(uri)) out[uri] = d;
  }
  return out;
}

export const isProgress = (n: Notification, kind: 'begin' | 'report' | 'end') => n.method === '$/progress' && n.params?.value?.kind === kind;
export const isIndexed = (n: Notification, run?: number) =>
  n.method === 'k8sDnsLens/modelChanged' && !n.params.stats.indexing && (run === undefined || n.params.indexRun === run);

/**
 * Resolves when the server starts indexing visibly (it asks to create a progress token: that happens
 * while files are being read, after ~300 ms) — or, if indexing is already over, with `false`.
 */
export function whenIndexing(c: LspClient, mark: number): Promise<boolean> {
  return new Promise((resolve) => {
    c.requestHandlers.set('window/workDoneProgress/create', () => {
      resolve(true);
      return null;
    });
    void c.waitFor((n) => isIndexed(n), 60000, mark).then(
      () => resolve(false),
      () => resolve(false),
    );
  });
}

/** Every progress that began also ended (waits for the ends still to come; fails after a deadline). */
export async function progressBalanced(c: LspClient): Promise<number> {
  const begun = c.notifications.filter((n) => isProgress(n, 'begin')).map((n) => n.params.token);
  for (const token of begun) await c.waitFor((n) => isProgress(n, 'end') && n.params.token === token, 5000);
  return begun.length;
}

/** Problems the server reported about itself: its stderr and error-level log messages. */
export function serverErrors(c: LspClient): string {
  const logged = c.notifications
    .filter((n) => n.method === 'window/logMessage' && (n.params.type === 1 || /uncaught|unhandled|failed/i.test(n.params.message)))
    .map((n) => n.params.message);
  return [c.stderr.trim(), ...logged].filter(Boolean).join('\n');
}

/** A fresh server on `folders` with `settings`, answers taken, stopped. */
export async function freshAnswers<T>(folders: string[], settings: unknown, ask: (c: LspClient) => Promise<T>): Promise<T> {
  const c = new LspClient();
  try {
    await c.start(folders, settings);
    const r = await ask(c);
    assertNoErrors(c);
    return r;
  } finally {
    await c.stop();
  }
}

export function assertNoErrors(c: LspClient): void {
  const e = serverErrors(c);
  if (e) throw new Error(`the server reported errors:\n${e}`);
  if (!c.alive) throw new Error('the server exited');
}

/** Small seeded PRNG (mulberry32): the same storm every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
