// The language server's persisted index, through JSON-RPC: a reopened workspace gets the same
// diagnostics from the cache as from the files; a changed file is read again; a damaged cache is
// ignored and rewritten. Also: a workspace large enough to be read by worker threads.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LspClient, repoRoot } from '../support/lspClient';

const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

function sorted(c: LspClient): string {
  const out: string[] = [];
  for (const [uri, diags] of [...c.diagnostics].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const d of diags) out.push(`${uri} ${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
  }
  return out.join('\n');
}

interface Run {
  diags: string;
  log: string;
  /** publishDiagnostics notifications, in order, and where the one saying indexing is over came among all notifications. */
  sends: { uri: string; at: number }[];
  indexedAt: number;
}

async function run(ws: string, storagePath: string, settings: unknown = {}): Promise<Run> {
  const c = new LspClient();
  try {
    await c.start([ws], settings, {}, { storagePath });
    const log = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message).join('\n');
    const sends = c.notifications.flatMap((n, at) => (n.method === 'textDocument/publishDiagnostics' ? [{ uri: n.params.uri as string, at }] : []));
    const indexedAt = c.notifications.findIndex((n) => n.method === 'k8sDnsLens/modelChanged' && !n.params.stats.indexing);
    return { diags: sorted(c), log, sends, indexedAt };
  } finally {
    await c.stop();
  }
}

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')) : [];
}

async function waitForCache(dir: string): Promise<void> {
  for (let i = 0; i < 200 && cacheFiles(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
}

/** A generated workspace of `files` files in `dir`/ws (manifests only), and a storage folder path beside it. */
function generated(dir: string, files: number): { ws: string; storage: string } {
  const ws = path.join(dir, 'ws');
  const r = spawnSync(process.execPath, [generator, String(files), ws], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  fs.rmSync(path.join(ws, 'ground-truth.json'));
  return { ws, storage: path.join(dir, 'storage') };
}

test('warm start from the persisted index: same diagnostics; changed and damaged inputs handled', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-persist-'));
  try {
    // 400 files: read by worker threads on the cold start
    const { ws, storage } = generated(dir, 400);

    const cold = await run(ws, storage);
    assert.match(cold.log, /indexed 400 files .*0 from the persisted index, 400 read with [0-2] workers/);
    // without a persisted index the reading workers start at initialize (when the machine has a spare core)
    const workers = Number(/400 read with (\d) workers/.exec(cold.log)?.[1]);
    if (workers > 0) assert.match(cold.log, new RegExp(`reading workers started at initialize \\(${workers};`));
    assert.ok(cold.diags.length > 0, 'the workspace has findings');
    await waitForCache(storage);
    assert.equal(cacheFiles(storage).length, 1, 'the index was persisted');

    const warm = await run(ws, storage);
    assert.match(warm.log, /400 from the persisted index, 0 read/);
    assert.doesNotMatch(warm.log, /reading workers started/, 'with a persisted index no worker is started before it is known to be needed');
    assert.ok(warm.diags === cold.diags, 'same diagnostics from the persisted index');
    // no file changed: what the checks found last session is taken, not computed again
    assert.match(warm.log, /checks \d+ ms \(\d+ namespaces' from the last session, 0 checked\)/);
    // the last session's diagnostics are shown first; the model built afterwards finds the same, so
    // nothing is sent twice
    assert.match(warm.log, /diagnostics of \d+ files shown from the last session/);
    assert.ok(warm.sends.length > 0);
    assert.equal(new Set(warm.sends.map((s) => s.uri)).size, warm.sends.length, 'each file sent once');
    assert.ok(warm.sends.every((s) => s.at < warm.indexedAt), 'all before the index is done');
    assert.ok(fs.readdirSync(storage).some((f) => /^diagnostics-.*\.json$/.test(f)), 'the diagnostics were persisted');

    // other settings: the last session's diagnostics do not hold
    const otherSettings = await run(ws, storage, { clusterDomain: 'corp.example' });
    assert.doesNotMatch(otherSettings.log, /shown from the last session/);
    // … and are persisted for those settings (the index itself unchanged)
    const againOther = await run(ws, storage, { clusterDomain: 'corp.example' });
    assert.match(againOther.log, /shown from the last session/);
    assert.ok(againOther.diags === otherSettings.diags);

    // a file touched (same bytes, new mtime) is hashed and reused; a file changed is parsed again
    const files = fs.readdirSync(path.join(ws, 'ns-0')).map((f) => path.join(ws, 'ns-0', f));
    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(files[0], future, future);
    fs.appendFileSync(files[1], '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: added-svc\n  namespace: ns-0\nspec:\n  selector:\n    app: nothing-here\n  ports:\n  - port: 80\n');
    const changed = await run(ws, storage);
    assert.match(changed.log, /398 from the persisted index, 2 read/);
    assert.doesNotMatch(changed.log, /shown from the last session/, 'files changed since: nothing shown from the last session');
    assert.doesNotMatch(changed.log, /from the last session, \d+ checked/, 'files changed since: every namespace checked');
    assert.ok(changed.diags.includes('Service "added-svc" selects no pod'), 'the added Service is checked');

    // the same content read without any cache gives the same answer
    await waitForCache(storage);
    const fresh = await run(ws, path.join(dir, 'other-storage'));
    assert.ok(changed.diags === fresh.diags, 'same diagnostics as without a cache');

    // a damaged cache is ignored (and rewritten)
    const file = path.join(storage, cacheFiles(storage)[0]);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const damaged = await run(ws, storage);
    assert.match(damaged.log, /persisted index not used \(checksum mismatch\)/);
    assert.ok(damaged.diags === fresh.diags, 'same diagnostics after a damaged cache');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a warm start takes the addresses of the last session and builds namespaces on first use: lookups (names, addresses) and the cluster tree answer as after the cold start', { skip: !fs.existsSync(generator) && 'no generator' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-lazy-'));
  try {
    const { ws, storage } = generated(dir, 600);
    type Tree = { namespaces: { name: string; services: { fqdn: string; clusterIPs: string[]; endpoints: { ip: string; source: string }[] }[]; otherPods: { ips: string[] }[] }[] };
    // no idle-time work: the warm session's lookups find every namespace not built yet
    const session = async (ask: (c: LspClient) => Promise<unknown>) => {
      const c = new LspClient(['--stdio'], { ...process.env, K8S_DNS_LENS_IDLE_WORK: 'off' });
      try {
        await c.start([ws], {}, {}, { storagePath: storage });
        const out = await ask(c);
        const log = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params.message).join('\n');
        return { out, log };
      } finally {
        await c.stop();
      }
    };
    // the cold start: the tree, and what to ask — Service names and addresses, pod addresses, hand-written endpoint addresses, across namespaces
    let queries: { name: string; type: string }[] = [];
    const cold = await session(async (c) => {
      const tree = await c.request<Tree>('k8sDnsLens/clusterTree', {});
      // the addresses first: a namespace a name built cannot hide a namespace an address did not
      const names: typeof queries = [];
      for (const ns of tree.namespaces) {
        const s = ns.services.find((x) => x.clusterIPs.length);
        if (s) names.push({ name: s.fqdn, type: 'A' });
        if (s) queries.push({ name: s.clusterIPs[0], type: 'PTR' });
        const ep = ns.services.flatMap((x) => x.endpoints).find((e) => e.source !== 'controller');
        if (ep) queries.push({ name: ep.ip, type: 'PTR' });
        const p = ns.otherPods.find((x) => x.ips.length);
        if (p) queries.push({ name: p.ips[0], type: 'PTR' });
      }
      queries = [...queries, ...names].slice(0, 80);
      const answers = [];
      for (const q of queries) answers.push(await c.request('k8sDnsLens/nslookup', q));
      return { tree, answers };
    });
    await waitForCache(storage);
    for (let i = 0; i < 200 && !fs.readdirSync(storage).some((f) => f.startsWith('diagnostics-')); i++) await new Promise((res) => setTimeout(res, 25));
    assert.ok(queries.length > 20, `${queries.length} questions`);
    // the warm start: the lookups first (each builds what it needs), then the tree (every namespace)
    const warm = await session(async (c) => {
      const answers = [];
      for (const q of queries) answers.push(await c.request('k8sDnsLens/nslookup', q));
      const tree = await c.request<Tree>('k8sDnsLens/clusterTree', {});
      return { tree, answers };
    });
    assert.match(warm.log, /addresses from the last session; \d+ namespaces built on first use or when idle/);
    const w = warm.out as { answers: unknown[]; tree: Tree };
    const k = cold.out as { answers: unknown[]; tree: Tree };
    for (let i = 0; i < queries.length; i++) assert.deepEqual(w.answers[i], k.answers[i], JSON.stringify(queries[i]));
    assert.deepEqual(w.tree, k.tree);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
