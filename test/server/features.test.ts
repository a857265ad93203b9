// The real bundled server (dist/server.js) over JSON-RPC on the seed workspace: every editor feature and
// custom request answers from the workspace index, for files that were never opened.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { LspClient, repoRoot } from '../support/lspClient';
import { positionOf, seedDir, seedText, seedUri, short } from './helpers';

let client: LspClient;
let init: any;
let pod4ip: string;

before(async () => {
  client = new LspClient();
  init = await client.start([seedDir]);
  const tree = await client.request('k8sDnsLens/clusterTree', {});
  pod4ip = tree.namespaces.find((n: any) => n.name === 'default').services.find((s: any) => s.name === 'headless1').endpoints[0].ip;
});

after(async () => {
  await client.stop();
});

const at = (file: string, needle: string, delta = 1) => ({ textDocument: { uri: seedUri(file) }, position: positionOf(seedText(file), needle, delta) });

test('server: capabilities of every feature', () => {
  const c = init.capabilities;
  assert.equal(c.hoverProvider, true);
  assert.equal(c.definitionProvider, true);
  assert.equal(c.referencesProvider, true);
  assert.equal(c.workspaceSymbolProvider, true);
  assert.deepEqual(c.codeLensProvider, { resolveProvider: false });
  assert.deepEqual(c.codeActionProvider, { codeActionKinds: ['quickfix'] });
  assert.ok(c.completionProvider.triggerCharacters.includes('.'));
});

test('server: hover over hostname pod-a shows its FQDN and pod4\'s address', async () => {
  assert.match(pod4ip, /^10\.244\./);
  const h = await client.request('textDocument/hover', at('pod_headless.yml', 'pod-a'));
  assert.equal(h.contents.kind, 'markdown');
  assert.ok(h.contents.value.includes(`\`pod-a.headless1.default.svc.cluster.local\` → \`${pod4ip}\``), h.contents.value);
  assert.deepEqual(h.range, { start: { line: 7, character: 12 }, end: { line: 7, character: 17 } });
});

test('server: hover over the Service headless1 lists its names and answers', async () => {
  const h = await client.request('textDocument/hover', at('Headless.yml', 'headless1'));
  const md: string = h.contents.value;
  for (const s of ['`headless1.default`', '`headless1.default.svc.cluster.local`', `A \`${pod4ip}\``, '`pod-a.headless1.default.svc.cluster.local`', `${seedUri('pod_headless.yml')}#L4`]) assert.ok(md.includes(s), s);
});

test('server: definition — Service → Endpoints / selected pods; subdomain → the Service name', async () => {
  assert.deepEqual((await client.request('textDocument/definition', at('Headless.yml', 'headless1'))).map(short), ['pod_headless.yml:4:8-12']);
  assert.deepEqual((await client.request('textDocument/definition', at('service_ep_2.yml', 'endpoint2'))).map(short), ['endpoint_for_2.yml:4:8-17']);
  assert.deepEqual((await client.request('textDocument/definition', at('pod_headless.yml', 'subdomain: headless1', 12))).map(short), ['Headless.yml:4:8-17']);
});

test('server: references of headless1', async () => {
  const refs = await client.request('textDocument/references', { ...at('Headless.yml', 'headless1'), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map(short).sort(), ['Headless.yml:4:8-17', 'pod_headless.yml:9:13-22']);
});

test('server: code lenses carry the client\'s nslookup command', async () => {
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: seedUri('Headless.yml') } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command.title, 'headless1.default.svc.cluster.local · headless · 1 endpoint');
  assert.equal(lenses[0].command.command, 'k8sDnsLens.nslookup');
  assert.deepEqual(lenses[0].command.arguments, [{ name: 'headless1.default.svc.cluster.local.', fromNamespace: 'default' }]);
});

test('server: workspace symbols — pod-a.headless1 jumps to pod4', async () => {
  const syms = await client.request('workspace/symbol', { query: 'pod-a.headless1' });
  assert.equal(syms[0].name, 'pod-a.headless1.default.svc.cluster.local');
  assert.equal(short(syms[0].location), 'pod_headless.yml:4:8-12');
});

test('server: completion of a subdomain in a document that exists only in the editor', async () => {
  const uri = seedUri('new-pod.yaml'); // never written to disk
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: new\nspec:\n  subdomain: \n  containers: [{name: c, image: x}]\n';
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const list = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 13 } });
  assert.deepEqual(list.items.map((i: any) => i.label), ['headless1']);
  client.notify('textDocument/didClose', { textDocument: { uri } });
});

test('server: quick fix from Diagnostic.data.fix', async () => {
  const uri = seedUri('Headless.yml');
  const diagnostic = {
    range: { start: { line: 3, character: 8 }, end: { line: 3, character: 17 } },
    message: 'test',
    code: 'test-only',
    data: { fix: { title: 'Rename', edits: [{ file: uri, start: 47, end: 56, newText: 'headless2' }] } },
  };
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  assert.equal(actions[0].title, 'Rename');
  assert.deepEqual(actions[0].edit.changes[uri], [{ range: diagnostic.range, newText: 'headless2' }]);
});

test('server: k8sDnsLens/nslookup — the same JSON as the CLI\'s --json', async () => {
  const r = await client.request('k8sDnsLens/nslookup', { name: 'pod-a.headless1', fromNamespace: 'default' });
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'nslookup', 'pod-a.headless1', '--json', '-w', seedDir], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(r.json, JSON.parse(cli.stdout));
  assert.ok(r.text.includes(`Address: ${pod4ip}`));
  assert.match(r.text, /; .*\(pod_headless\.yml:4, Headless\.yml:4\)/);
  assert.ok(r.locations.some((l: any) => l.uri === seedUri('pod_headless.yml') && l.label.includes('Pod default/pod4')));
  await assert.rejects(client.request('k8sDnsLens/nslookup', { name: 'x', fromPod: 'default/nope' }), /no pod default\/nope/);
});

test('server: k8sDnsLens/clusterTree, fqdnAt, zoneNames', async () => {
  const tree = await client.request('k8sDnsLens/clusterTree', {});
  assert.deepEqual(tree.stats.services, 4);
  const def = tree.namespaces.find((n: any) => n.name === 'default');
  assert.deepEqual(def.services.map((s: any) => `${s.name}:${s.kind}`), ['endpoint1:ClusterIP', 'endpoint2:ClusterIP', 'externalname1:ExternalName', 'headless1:Headless', 'kubernetes:ClusterIP']);
  assert.deepEqual(await client.request('k8sDnsLens/fqdnAt', { uri: seedUri('pod_headless.yml'), position: positionOf(seedText('pod_headless.yml'), 'pod-a', 1) }), {
    fqdn: 'pod-a.headless1.default.svc.cluster.local',
    namespace: 'default',
  });
  const z = await client.request('k8sDnsLens/zoneNames', {});
  assert.ok(z.names.some((n: any) => n.name === 'pod-a.headless1.default.svc.cluster.local' && n.type === 'endpoint'));
  assert.ok(z.pods.includes('default/pod4'));
});
