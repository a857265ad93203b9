// The bundled server never changes the user's workspace, never starts a process, never touches the
// network: a whole editing session under a preload (test/support/safetyPreload.ts) that records every
// fs write/rename/delete/create, child_process call and network or DNS call, in the server and in its
// worker threads. Only the persisted index, under the storage folder the client gives, is written.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LspClient, repoRoot } from '../support/lspClient';
import { positionOf } from './helpers';
import { filesUnder, generate, isIndexed, noGenerator, tmpDir, uriOf } from './survivalSupport';

const preload = path.join(repoRoot, 'out', 'test', 'support', 'safetyPreload.js');

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of filesUnder(dir)) out[path.relative(dir, f)] = createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  return out;
}

const inside = (p: string, dir: string) => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

test('server safety: a full session writes only its persisted index (storage folder), starts no process, makes no network call — in workers too', { skip: noGenerator }, async (t) => {
  const dir = tmpDir('safety');
  const ws = path.join(dir, 'workspace');
  const storagePath = path.join(dir, 'storage');
  const log = path.join(dir, 'calls.jsonl');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures'), ws, { recursive: true });
  // enough files to be read by a worker thread (forced below): the workers are watched too
  generate(320, path.join(ws, 'generated'));
  const before = hashes(ws);
  const client = new LspClient(['--stdio'], { ...process.env, K8S_DNS_LENS_SAFETY_LOG: log, K8S_DNS_LENS_WORKERS: '1' }, ['--require', preload]);
  try {
    await client.start([ws], {}, {}, { storagePath });
    assert.match(client.log, /read with 1 workers/, 'a worker thread read files');

    // a session: open, edit, every feature, file events, close
    const file = path.join(ws, 'seed', 'pod_headless.yml');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const svcUri = uriOf(path.join(ws, 'seed', 'Headless.yml'));
    const svcText = fs.readFileSync(path.join(ws, 'seed', 'Headless.yml'), 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const edited = text.replace('hostname: pod-a', 'hostname: pod-b');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    const at = (u: string, tx: string, needle: string) => ({ textDocument: { uri: u }, position: positionOf(tx, needle, 1) });
    const hover = await client.request('textDocument/hover', at(uri, edited, 'pod-b'));
    assert.match(hover.contents.value, /pod-b\.headless1\.default\.svc\.cluster\.local/);
    await client.request('textDocument/definition', at(uri, edited, 'subdomain: headless1'));
    await client.request('textDocument/references', { ...at(svcUri, svcText, 'headless1'), context: { includeDeclaration: true } });
    await client.request('textDocument/completion', at(uri, edited, 'subdomain: '));
    await client.request('textDocument/codeLens', { textDocument: { uri: svcUri } });
    await client.request('workspace/symbol', { query: 'headless1' });
    await client.request('k8sDnsLens/fqdnAt', { uri, position: positionOf(edited, 'pod-b', 1) });
    await client.request('k8sDnsLens/zoneNames', {});
    const tree = await client.request('k8sDnsLens/clusterTree', {});
    assert.ok(tree.stats.files > 300);
    for (const name of ['headless1.default.svc.cluster.local', 'pod-b.headless1.default.svc.cluster.local', 'kubernetes.default', 'example.com', 'nothing.nowhere.svc.cluster.local']) {
      await client.request('k8sDnsLens/nslookup', { name, fromNamespace: 'default' });
    }
    await client.request('k8sDnsLens/nslookup', { name: '10.96.0.10', type: 'PTR' });
    // code actions on every diagnostic of a few files that have some
    let actions = 0;
    for (const [u, diags] of [...client.diagnostics].filter(([, d]) => d.length).slice(0, 10)) {
      for (const d of diags) actions += ((await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: d.range, context: { diagnostics: [d] } })) ?? []).length;
    }
    t.diagnostic(`${actions} code actions offered`);
    // a file event for an unchanged file (read again), then the document closed
    const mark = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: svcUri, type: 2 }] });
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor((n) => isIndexed(n) || n.method === 'textDocument/publishDiagnostics', 20000, mark);
    await client.request('k8sDnsLens/clusterTree', {});
    assert.equal(client.stderr, '');
  } finally {
    // shutdown writes the persisted index if a write is pending
    await client.stop();
  }
  try {
    const calls = fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { thread: number; kind: string; fn: string; paths: string[] });
    const threads = new Set(calls.filter((c) => c.kind === 'loaded').map((c) => c.thread));
    assert.ok(threads.has(0) && threads.size >= 2, `the preload ran in the server and in its worker (threads ${[...threads].join(', ')})`);
    assert.deepEqual(calls.filter((c) => c.kind === 'child_process'), [], 'no child process');
    assert.deepEqual(calls.filter((c) => c.kind === 'net'), [], 'no network or DNS call');
    const writes = calls.filter((c) => c.kind === 'fs');
    assert.deepEqual(
      writes.filter((c) => c.paths.some((p) => inside(p, ws))),
      [],
      'nothing written, renamed or deleted in the workspace',
    );
    assert.deepEqual(
      writes.filter((c) => c.paths.some((p) => !inside(p, storagePath))),
      [],
      'nothing written outside the storage folder',
    );
    assert.ok(
      writes.some((c) => c.fn.includes('rename') && c.paths.every((p) => inside(p, storagePath))),
      'the persisted index was written to the storage folder (the watch works)',
    );
    assert.deepEqual(
      writes.filter((c) => c.thread !== 0),
      [],
      'workers write nothing',
    );
    t.diagnostic(`${writes.length} fs calls that write, all under the storage folder: ${[...new Set(writes.map((c) => c.fn))].join(', ')}`);
    assert.deepEqual(hashes(ws), before, 'every file of the workspace is byte-identical, none added or removed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
