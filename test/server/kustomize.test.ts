// Kustomize patches through the real server: a partial Deployment has its diagnostics until a
// kustomization lists it as a patch (edited on disk, then as an open document), and gets them back when
// the kustomization stops listing it or is deleted.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lspClient';

const PARTIAL = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
const LISTING = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - path: scale.yaml\n';
const NOT_LISTING = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n';

test('server: a kustomization edited on disk or in the editor re-evaluates the patch it names', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-kustomize-'));
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'scale.yaml'), PARTIAL);
  fs.writeFileSync(path.join(app, 'kustomization.yaml'), NOT_LISTING);
  const scale = pathToFileURL(path.join(app, 'scale.yaml')).href;
  const kust = pathToFileURL(path.join(app, 'kustomization.yaml')).href;
  const c = new LspClient();
  const codesOf = (n: { params: { diagnostics: { code: string }[] } }) => n.params.diagnostics.map((d) => d.code).sort().join(',');
  const next = (pred: (codes: string) => boolean) => {
    const mark = c.notifications.length;
    return c.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === scale && pred(codesOf(n)), 20000, mark);
  };
  try {
    await c.start([dir]);
    assert.equal((c.diagnostics.get(scale) ?? []).map((d: { code: string }) => d.code).sort().join(','), 'missing-containers,missing-selector');
    // on disk
    let published = next((codes) => codes === '');
    fs.writeFileSync(path.join(app, 'kustomization.yaml'), LISTING);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: kust, type: 2 }] });
    await published;
    published = next((codes) => codes === 'missing-containers,missing-selector');
    fs.rmSync(path.join(app, 'kustomization.yaml'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: kust, type: 3 }] });
    await published;
    // in the editor (a kustomization that exists only as an open document)
    published = next((codes) => codes === '');
    c.notify('textDocument/didOpen', { textDocument: { uri: kust, languageId: 'yaml', version: 1, text: LISTING } });
    await published;
    published = next((codes) => codes === 'missing-containers,missing-selector');
    c.notify('textDocument/didChange', { textDocument: { uri: kust, version: 2 }, contentChanges: [{ text: NOT_LISTING }] });
    await published;
    // a hover on the patch once it is one: nothing to say, and no error
    published = next((codes) => codes === '');
    c.notify('textDocument/didChange', { textDocument: { uri: kust, version: 3 }, contentChanges: [{ text: LISTING }] });
    await published;
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: scale }, position: { line: 3, character: 9 } }), null);
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
