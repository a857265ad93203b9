// Editor features whose server side is being built in parallel. Each test names the request it waits
// for (they were pending until the server requests landed).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, positionOf, wsUri } from './helpers';
import { NSLOOKUP_LANGUAGE, NSLOOKUP_SCHEME } from '../../../client/src/nslookup/resultDocument';

const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');

describe('editor features', () => {
  before(async () => {
    await (await api()).whenIndexed();
  });

  it('hover on a pod hostname shows its FQDN', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('seed/pod_headless.yml'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'pod-a'));
    assert.match(hoverText(hovers), /pod-a\.headless1\.default\.svc\.cluster\.local/);
  });

  it('go to definition on a pod subdomain opens the headless Service', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('seed/pod_headless.yml'));
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'headless1', 'subdomain'));
    const uris = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).path);
    assert.ok(uris.some((u) => u.endsWith('/seed/Headless.yml')), `definitions: ${uris}`);
  });

  it('"Simulate nslookup" shows the answer in a k8s-nslookup document', async () => {
    await vscode.commands.executeCommand('k8sDnsLens.nslookup', { name: 'pod-a.headless1', fromNamespace: 'default' });
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, NSLOOKUP_SCHEME);
    assert.equal(doc?.languageId, NSLOOKUP_LANGUAGE);
    assert.match(doc!.getText(), /pod-a\.headless1\.default\.svc\.cluster\.local/);
    assert.match(doc!.getText(), /\b10\.\d+\.\d+\.\d+\b/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc!.uri);
    assert.ok(links.some((l) => l.target?.path.endsWith('.yml')), 'links back to the manifests');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the Cluster DNS view lists headless1 → pod-a', async () => {
    const a = await api();
    const roots = await a.clusterTree();
    const ns = roots.find((n) => n.label === 'default');
    const svc = ns?.children.find((n) => n.label.startsWith('headless1.'));
    assert.ok(svc, `services: ${ns?.children.map((n) => n.label)}`);
    assert.ok(svc.children.some((e) => e.label.startsWith('pod-a.headless1.')), `endpoints: ${svc.children.map((n) => n.label)}`);
  });

  it('"Copy DNS Name Under Cursor" copies the FQDN of a Service', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('seed/Headless.yml'));
    const editor = await vscode.window.showTextDocument(doc);
    const pos = positionOf(doc, 'headless1');
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('k8sDnsLens.copyFqdnAtCursor');
    assert.equal(await vscode.env.clipboard.readText(), 'headless1.default.svc.cluster.local');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
