// An edit to one file updates the diagnostics of another (the model is shared): waits for the
// publishDiagnostics notifications, never sleeps. The seed stays pristine (edits live in the buffer only).
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient } from '../support/lspClient';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir, seedDir, seedText, seedUri } from './helpers';

let client: LspClient;

before(async () => {
  client = new LspClient();
  await client.start([seedDir]);
});

after(async () => {
  await client.stop();
});

const has = (n: { method: string; params: any }, uri: string, code: string) =>
  n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.some((d: any) => d.code === code);
const lacks = (n: { method: string; params: any }, uri: string, code: string) =>
  n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && !n.params.diagnostics.some((d: any) => d.code === code);

test('server: changing a pod\'s label makes its Service select nothing, and back', async () => {
  const pod = seedUri('pod_ep.yml');
  const svc = seedUri('service_ep.yml');
  const text = seedText('pod_ep.yml');
  assert.ok(!(client.diagnostics.get(svc) ?? []).some((d) => d.code === 'selector-matches-no-pod'));
  client.notify('textDocument/didOpen', { textDocument: { uri: pod, languageId: 'yaml', version: 1, text } });
  let mark = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri: pod, version: 2 }, contentChanges: [{ text: text.replace('svc: endpoint', 'svc: elsewhere') }] });
  const bad = await client.waitFor((n) => has(n, svc, 'selector-matches-no-pod'), 20000, mark);
  const d = bad.params.diagnostics.find((x: any) => x.code === 'selector-matches-no-pod');
  assert.match(d.message, /Service "endpoint1" selects no pod/);
  assert.equal(d.range.start.line, 6, 'on the selector (svc: endpoint)');
  mark = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri: pod, version: 3 }, contentChanges: [{ text }] });
  await client.waitFor((n) => lacks(n, svc, 'selector-matches-no-pod'), 20000, mark);
  // the hover follows the edit too: the Service is back to one endpoint
  const lens = await client.request('textDocument/codeLens', { textDocument: { uri: svc } });
  assert.match(lens[0].command.title, /^endpoint1\.default\.svc\.cluster\.local · ClusterIP 10\./);
  client.notify('textDocument/didClose', { textDocument: { uri: pod } });
});

test('server: a Service appearing in an open buffer answers hovers on closed files at once', async () => {
  const uri = seedUri('extra-service.yaml'); // only in the editor
  const mark = client.notifications.length;
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\nspec:\n  clusterIP: None\n  selector:\n    svc: headless\n' },
  });
  await client.waitFor((n) => n.method === 'k8sDnsLens/modelChanged', 20000, mark);
  const h = await client.request('textDocument/hover', { textDocument: { uri: seedUri('pod_headless.yml') }, position: { line: 3, character: 9 } });
  assert.match(h.contents.value, /Selected by Service `headless1` .*, Service `extra`/);
  client.notify('textDocument/didClose', { textDocument: { uri } });
});

test('server: a request right after an edit of a large document answers from the edited text (its read waits for a pause in typing)', async () => {
  const uri = seedUri('large-typed.yaml'); // only in the editor
  const filler = Array.from({ length: 600 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler-${i}\ndata:\n  v: "${'x'.repeat(400)}"\n`).join('---\n');
  const svc = (name: string) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: 10.96.200.${name === 'typed-late' ? 2 : 1}\n  ports:\n  - port: 80\n`;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: filler + svc('typed-early') } });
  for (let v = 2; v <= 6; v++) {
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: filler + svc(v === 6 ? 'typed-late' : `typed-${v}`) }] });
  }
  const r = await client.request('k8sDnsLens/nslookup', { name: 'typed-late', fromNamespace: 'default' });
  assert.deepEqual(r.json.answers.map((a: any) => a.data), ['10.96.200.2']);
  client.notify('textDocument/didClose', { textDocument: { uri } });
});

test('server: an edit of the first document of a multi-namespace file moves the diagnostics of the documents after it', async () => {
  const uri = seedUri('bundle-edit.yaml'); // only in the editor
  const text = fs.readFileSync(path.join(fixturesDir, 'incremental', 'bundle.yaml'), 'utf8');
  const lineOf = (t: string, needle: string) => t.slice(0, t.indexOf(needle)).split('\n').length - 1;
  const at = (diags: any[], code: string) => diags.find((d) => d.code === code)?.range.start.line;
  let mark = client.notifications.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const opened = await client.waitFor((n) => has(n, uri, 'endpoints-without-service'), 20000, mark);
  assert.equal(at(opened.params.diagnostics, 'endpoints-without-service'), lineOf(text, '  name: orphan'));
  // two lines more in the first document (namespace a): every later document moves down two lines
  const edited = text.replace('  labels:\n    app.kubernetes.io/managed-by: kustomize\n', '  labels:\n    app.kubernetes.io/managed-by: kustomize\n    tier: web\n    team: edge\n');
  assert.notEqual(edited, text);
  mark = client.notifications.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  const moved = await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 20000, mark);
  for (const [code, needle] of [
    ['endpoints-without-service', '  name: orphan'],
    ['subdomain-without-service', '  subdomain: nowhere'],
    ['selector-matches-no-pod', '    app: api'],
  ]) {
    assert.equal(at(moved.params.diagnostics, code), lineOf(edited, needle), `${code} on its line in the edited text`);
  }
  // the quick fix appends at the new end of the file
  const d = moved.params.diagnostics.find((x: any) => x.code === 'endpoints-without-service');
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const edit = actions.find((a: any) => /Create Service "orphan"/.test(a.title))?.edit?.changes?.[uri]?.[0];
  assert.ok(edit, 'the quick fix is offered');
  assert.equal(edit.range.start.line, edited.split('\n').length - 1, 'at the end of the edited text');
  client.notify('textDocument/didClose', { textDocument: { uri } });
});
