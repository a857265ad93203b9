// The real bundled server (dist/server.js) over JSON-RPC, through storms of changes: 1,000 edits sent
// without waiting, files deleted and renamed while the workspace is being indexed, a workspace folder
// removed (also mid-index), settings changed mid-index. Each time the server must stay up, report no
// error, and end with exactly the answers of a fresh server started on the final state.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LspClient } from '../support/lspClient';
import { seedDir } from './helpers';
import {
  assertNoErrors,
  diagnosticsOf,
  filesUnder,
  freshAnswers,
  generate,
  isIndexed,
  isProgress,
  noGenerator,
  prng,
  progressBalanced,
  tmpDir,
  uriOf,
  whenIndexing,
} from './survivalSupport';

// ---------------------------------------------------------------- 1,000 rapid edits

interface StormState {
  services: Map<string, { app: string; headless: boolean; ns: string }>;
  pods: Map<string, { app: string; ns: string; hostname?: string; subdomain?: string }>;
  broken: boolean;
}

function render(s: StormState): string {
  const docs: string[] = [];
  for (const [name, v] of s.services) {
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${v.ns}\nspec:\n${v.headless ? '  clusterIP: None\n' : ''}  selector:\n    ${v.app.startsWith('svc=') ? `svc: ${v.app.slice(4)}` : `app: ${v.app}`}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n`,
    );
  }
  for (const [name, p] of s.pods) {
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${p.ns}\n  labels:\n    app: ${p.app}\nspec:\n${p.hostname ? `  hostname: ${p.hostname}\n` : ''}${p.subdomain ? `  subdomain: ${p.subdomain}\n` : ''}  containers:\n  - name: c\n    image: nginx\n    ports:\n    - name: http\n      containerPort: 8080\n`,
    );
  }
  let text = docs.join('---\n');
  if (s.broken) {
    // a flow sequence never closed, in the middle of the text
    const at = text.indexOf('\n', Math.floor(text.length / 2));
    text = `${text.slice(0, at + 1)}  oops: [unclosed, {a: b\n${text.slice(at + 1)}`;
  }
  return text;
}

/** 1,000 texts of one document: Services and Pods come and go, labels move, the YAML breaks and is fixed. */
function storm(): { texts: string[]; names: string[] } {
  const rnd = prng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const apps = ['a0', 'a1', 'a2', 'a3', 'svc=endpoint', 'svc=headless'];
  const nss = ['default', 'default', 'storm'];
  const s: StormState = { services: new Map(), pods: new Map(), broken: false };
  const names = new Set<string>();
  const texts: string[] = [];
  let k = 0;
  for (let i = 0; i < 1000; i++) {
    const op = rnd();
    if (op < 0.2) {
      const name = `svc-${k++ % 12}`;
      s.services.set(name, { app: pick(apps), headless: rnd() < 0.4, ns: pick(nss) });
    } else if (op < 0.3 && s.services.size) s.services.delete(pick([...s.services.keys()]));
    else if (op < 0.5) {
      const name = `pod-${k++ % 15}`;
      const svc = [...s.services.keys()];
      const sub = svc.length && rnd() < 0.5 ? pick(svc) : rnd() < 0.2 ? 'headless1' : undefined;
      s.pods.set(name, { app: pick(apps.slice(0, 4)), ns: pick(nss), hostname: rnd() < 0.6 ? `h${k % 7}` : undefined, subdomain: sub });
    } else if (op < 0.6 && s.pods.size) s.pods.delete(pick([...s.pods.keys()]));
    else if (op < 0.75 && s.pods.size) s.pods.get(pick([...s.pods.keys()]))!.app = pick(apps.slice(0, 4));
    else if (op < 0.85 && s.services.size) s.services.get(pick([...s.services.keys()]))!.app = pick(apps);
    else s.broken = !s.broken;
    if (i === 999) s.broken = false; // the final text is a readable one: more to compare
    for (const [n, v] of s.services) names.add(`${n}.${v.ns}.svc.cluster.local`);
    for (const [, p] of s.pods) if (p.hostname && p.subdomain) names.add(`${p.hostname}.${p.subdomain}.${p.ns}.svc.cluster.local`);
    texts.push(render(s));
  }
  for (const n of ['endpoint1.default.svc.cluster.local', 'headless1.default.svc.cluster.local', 'pod-a.headless1.default.svc.cluster.local']) names.add(n);
  return { texts, names: [...names].sort() };
}

/** Positions of every `name:`/`hostname:`/`subdomain:` value and selector label in `text`. */
function probePositions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((l, line) => {
    const m = /^\s*-?\s*(name|hostname|subdomain|app|svc):\s+(\S+)/.exec(l);
    if (m) out.push({ line, character: l.indexOf(m[2], l.indexOf(m[1]) + m[1].length) + 1 });
  });
  return out;
}

test('server survives: 1,000 rapid edits to one document, sent without waiting, end in the answers of a fresh parse', async (t) => {
  const dir = tmpDir('rapid');
  const client = new LspClient();
  try {
    fs.cpSync(seedDir, dir, { recursive: true });
    const file = path.join(dir, 'storm.yaml');
    const uri = uriOf(file);
    const { texts, names } = storm();
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: storm\n');
    await client.start([dir]);

    const t0 = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
    texts.forEach((text, i) => client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text }] }));
    const last = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === 1001, 60000);
    const ms = performance.now() - t0;
    t.diagnostic(`1,000 edits applied and the diagnostics of the last one published in ${Math.round(ms)} ms`);
    // the diagnostics of the last version are the last ones published for the document
    assert.equal(client.diagnostics.get(uri), last.params.diagnostics);
    const versions = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).map((n) => n.params.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'diagnostics are published in version order',
    );

    const finalText = texts[texts.length - 1];
    const probes = probePositions(finalText);
    const ask = async (c: LspClient) => ({
      diagnostics: diagnosticsOf(c),
      tree: await c.request('k8sDnsLens/clusterTree', {}),
      hovers: await Promise.all(probes.map((position) => c.request('textDocument/hover', { textDocument: { uri }, position }))),
      definitions: await Promise.all(probes.map((position) => c.request('textDocument/definition', { textDocument: { uri }, position }))),
      lookups: await Promise.all(names.map((name) => c.request('k8sDnsLens/nslookup', { name, fromNamespace: 'default' }))),
    });
    const survived = await ask(client);
    assert.ok(client.alive, 'the server is up');
    assertNoErrors(client);
    assert.ok(survived.tree.namespaces.some((n: any) => n.services.some((s: any) => s.name.startsWith('svc-'))), 'the storm left Services');

    fs.writeFileSync(file, finalText);
    const fresh = await freshAnswers([dir], {}, ask);
    assert.deepEqual(survived.diagnostics, fresh.diagnostics, 'diagnostics of every file');
    assert.deepEqual(survived.tree, fresh.tree, 'cluster tree');
    assert.deepEqual(survived.hovers, fresh.hovers, 'hovers');
    assert.deepEqual(survived.definitions, fresh.definitions, 'definitions');
    assert.deepEqual(survived.lookups, fresh.lookups, 'nslookup answers');
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- files deleted and renamed while indexing

test('server survives: files deleted and renamed on disk while the workspace is being indexed', { skip: noGenerator }, async (t) => {
  const dir = tmpDir('churn');
  const ws = path.join(dir, 'ws');
  // one worker thread besides the main one: results of batches read before a file went must not bring it back
  const client = new LspClient(['--stdio'], { ...process.env, K8S_DNS_LENS_WORKERS: '1' });
  try {
    generate(1200, ws);
    const files = filesUnder(ws);
    const mark = client.notifications.length;
    await client.initialize([ws]);
    assert.ok(await whenIndexing(client, mark), 'indexing was visible (progress) before it ended');

    // four rounds of changes, each after a progress report: spread over the indexing
    const rnd = prng(7);
    const shuffled = [...files].sort(() => rnd() - 0.5);
    const rounds = 4;
    const per = 40;
    let midIndex = 0;
    let deleted = 0;
    let renamed = 0;
    for (let r = 0; r < rounds; r++) {
      const changes: { uri: string; type: number }[] = [];
      for (const f of shuffled.slice(r * per, (r + 1) * per)) {
        const kind = rnd();
        if (kind < 0.45) {
          fs.rmSync(f);
          changes.push({ uri: uriOf(f), type: 3 });
          deleted++;
        } else {
          // renamed: in place, into a new folder, or out of the manifests (.txt)
          const to = kind < 0.75 ? f.replace(/\.(ya?ml)$/, '-renamed.$1') : kind < 0.9 ? path.join(path.dirname(f), 'moved', path.basename(f)) : `${f}.txt`;
          fs.mkdirSync(path.dirname(to), { recursive: true });
          fs.renameSync(f, to);
          changes.push({ uri: uriOf(f), type: 3 }, { uri: uriOf(to), type: 1 });
          renamed++;
        }
      }
      // a few files edited too: the newer content wins over a read already under way
      const edited = shuffled[rounds * per + r];
      fs.appendFileSync(edited, `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: churn-${r}\n  namespace: ns-0\nspec:\n  selector:\n    app: churn-nothing\n  ports:\n  - port: 80\n`);
      changes.push({ uri: uriOf(edited), type: 2 });
      if (!client.notifications.slice(mark).some((n) => isIndexed(n))) midIndex++;
      client.notify('workspace/didChangeWatchedFiles', { changes });
      const m = client.notifications.length;
      await client.waitFor((n) => isProgress(n, 'report') || isIndexed(n), 60000, m);
    }
    await client.waitFor((n) => isIndexed(n, 1), 60000, mark);
    t.diagnostic(`${deleted} files deleted, ${renamed} renamed, 4 edited in ${rounds} rounds, ${midIndex} of them before indexing ended`);
    assert.ok(midIndex >= 1, 'changes arrived while indexing');

    const ask = async (c: LspClient) => ({ tree: await c.request('k8sDnsLens/clusterTree', {}), diagnostics: diagnosticsOf(c) });
    const survived = await ask(client);
    assertNoErrors(client);
    const gone = new Set(files.filter((f) => !fs.existsSync(f)).map(uriOf));
    assert.deepEqual(
      Object.keys(survived.diagnostics).filter((u) => gone.has(u)),
      [],
      'no diagnostics left on files that are gone',
    );
    const fresh = await freshAnswers([ws], {}, ask);
    assert.equal(survived.tree.stats.files, fresh.tree.stats.files, 'files in the model');
    assert.deepEqual(Object.keys(survived.diagnostics), Object.keys(fresh.diagnostics), 'files with diagnostics');
    assert.deepEqual(survived.diagnostics, fresh.diagnostics, 'diagnostics');
    assert.deepEqual(survived.tree, fresh.tree, 'cluster tree');
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- a workspace folder removed

const EXTRA = {
  // a second pod named pod-a under the seed's headless1: both files get a duplicate-hostname warning
  'intruder.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: intruder\n  labels:\n    svc: headless\nspec:\n  hostname: pod-a\n  subdomain: headless1\n  containers:\n  - name: c\n    image: nginx\n',
  'lonely.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lonely\n  namespace: extra\nspec:\n  selector:\n    app: nobody\n  ports:\n  - port: 80\n',
  'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra-pod\n  namespace: extra\n  labels:\n    app: x\nspec:\n  hostname: p\n  subdomain: missing\n  containers:\n  - name: c\n    image: nginx\n',
};

test('server survives: a workspace folder removed — its objects leave the answers, its diagnostics are cleared', async (t) => {
  const dir = tmpDir('folders');
  const extra = path.join(dir, 'a-extra');
  const kept = path.join(dir, 'b-seed');
  const client = new LspClient();
  try {
    fs.cpSync(seedDir, kept, { recursive: true });
    fs.mkdirSync(extra);
    for (const [name, text] of Object.entries(EXTRA)) fs.writeFileSync(path.join(extra, name), text);
    const init = await client.start([extra, kept]);
    assert.deepEqual(init.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    const before = await client.request('k8sDnsLens/clusterTree', {});
    assert.ok(before.namespaces.some((n: any) => n.name === 'extra'), 'the extra folder is indexed');
    const extraUris = Object.keys(EXTRA).map((f) => uriOf(path.join(extra, f)));
    assert.ok(extraUris.some((u) => client.diagnostics.get(u)?.length), 'the extra folder has diagnostics');
    const dupFindings = () => Object.entries(diagnosticsOf(client)).filter(([, ds]) => ds.some((d: any) => d.code === 'duplicate-hostname'));
    assert.ok(
      dupFindings().some(([u]) => u.startsWith(uriOf(kept))),
      'a file of the kept folder has the duplicate-hostname warning, because of the other folder',
    );

    const mark = client.notifications.length;
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(extra), name: 'a-extra' }] } });
    await client.waitFor((n) => isIndexed(n, 2), 20000, mark);
    for (const u of extraUris) {
      if (!client.notifications.slice(0, mark).some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u && n.params.diagnostics.length)) continue;
      assert.ok(
        client.notifications.slice(mark).some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === u && n.params.diagnostics.length === 0),
        `diagnostics of ${path.basename(u)} cleared`,
      );
    }
    await t.test('regression: a warning the removed folder caused on a file of the kept folder stayed after the removal', () => {
      assert.deepEqual(dupFindings(), [], 'the duplicate-hostname warning went with the other pod (the kept file\'s diagnostics were published again)');
    });

    const ask = async (c: LspClient) => ({
      tree: await c.request('k8sDnsLens/clusterTree', {}),
      diagnostics: diagnosticsOf(c),
      lookup: await c.request('k8sDnsLens/nslookup', { name: 'lonely.extra.svc.cluster.local' }),
    });
    const survived = await ask(client);
    assertNoErrors(client);
    assert.ok(!JSON.stringify(survived.tree).includes(uriOf(extra)), 'nothing of the removed folder in the tree');
    assert.equal(survived.lookup.json.rcode, 'NXDOMAIN');
    assert.deepEqual(survived, await freshAnswers([kept], {}, ask));
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('server survives: a workspace folder removed while it is being indexed', { skip: noGenerator }, async (t) => {
  const dir = tmpDir('folders-mid');
  const big = path.join(dir, 'big');
  const kept = path.join(dir, 'seed');
  const client = new LspClient();
  try {
    fs.cpSync(seedDir, kept, { recursive: true });
    generate(1000, big);
    const mark = client.notifications.length;
    await client.initialize([kept, big]);
    const mid = await whenIndexing(client, mark);
    t.diagnostic(mid ? 'the folder was removed mid-index' : 'indexing ended before the removal');
    client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(big), name: 'big' }] } });
    await client.waitFor((n) => isIndexed(n, 2), 60000, mark);
    const ask = async (c: LspClient) => ({ tree: await c.request('k8sDnsLens/clusterTree', {}), diagnostics: diagnosticsOf(c) });
    const survived = await ask(client);
    assertNoErrors(client);
    assert.deepEqual(
      Object.keys(survived.diagnostics).filter((u) => u.startsWith(uriOf(big))),
      [],
      'no diagnostics of the removed folder',
    );
    assert.deepEqual(survived, await freshAnswers([kept], {}, ask));
    await t.test('regression: the progress of the indexing run cut short by the removal never ended (stayed on screen)', async (st) => {
      const progresses = await progressBalanced(client);
      st.diagnostic(`${progresses} progress indicator(s), each ended`);
    });
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- settings changed mid-index

test('server survives: settings changed while indexing — the answers are those of a fresh server with the new settings', { skip: noGenerator }, async (t) => {
  const dir = tmpDir('settings');
  const ws = path.join(dir, 'ws');
  const client = new LspClient();
  const changed = { clusterDomain: 'corp.example', files: { exclude: ['ns-1/**', 'ns-2/*.yml'] }, dns: { podRecords: 'verified' } };
  try {
    generate(700, ws);
    const mark = client.notifications.length;
    await client.initialize([ws], {});
    const mid = await whenIndexing(client, mark);
    t.diagnostic(mid ? 'settings changed mid-index' : 'indexing ended before the change');
    client.settings = changed;
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((n) => isIndexed(n, 2), 60000, mark);
    const ask = async (c: LspClient) => ({
      tree: await c.request('k8sDnsLens/clusterTree', {}),
      diagnostics: diagnosticsOf(c),
      lookup: await c.request('k8sDnsLens/nslookup', { name: 'kubernetes.default.svc.corp.example' }),
    });
    const survived = await ask(client);
    assertNoErrors(client);
    assert.equal(survived.tree.clusterDomain, 'corp.example');
    assert.equal(survived.lookup.json.rcode, 'NOERROR');
    assert.deepEqual(
      Object.keys(survived.diagnostics).filter((u) => u.includes('/ns-1/')),
      [],
      'excluded files have no diagnostics',
    );
    const fresh = await freshAnswers([ws], changed, ask);
    assert.deepEqual(survived.diagnostics, fresh.diagnostics, 'diagnostics');
    assert.deepEqual(survived.tree, fresh.tree, 'cluster tree');
    assert.deepEqual(survived.lookup, fresh.lookup);
    await t.test('regression: the progress of the indexing run cut short by the settings change never ended', async () => {
      await progressBalanced(client);
    });
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
