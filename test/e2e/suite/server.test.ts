import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, childPids, waitForDiagnostics, wsUri } from './helpers';

const serverPids = () => childPids(process.pid, 'dist/server.js');
const hasRule = (d: vscode.Diagnostic[]) => d.some((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'selector-matches-no-pod') || undefined;

describe('language server lifecycle', () => {
  it('"Restart Language Server" starts a fresh server that indexes again', async () => {
    const a = await api();
    await a.whenIndexed();
    const before = serverPids();
    assert.equal(before.length, 1, `one server process: ${before}`);
    const count = a.modelCount;
    await vscode.commands.executeCommand('k8sDnsLens.restartServer');
    const model = await a.whenIndexed(count);
    assert.equal(a.phase, 'running');
    assert.ok(model.stats.files >= 9);
    const after = serverPids();
    assert.equal(after.length, 1, `one server process: ${after}`);
    assert.notEqual(after[0], before[0]);
    await waitForDiagnostics(wsUri('broken-selector/service.yaml'), hasRule, 'diagnostics after the restart');
  });

  it('restarts the server when it dies', async () => {
    const a = await api();
    await a.whenIndexed();
    const [pid] = serverPids();
    const count = a.modelCount;
    process.kill(pid, 'SIGKILL');
    await a.whenIndexed(count);
    assert.equal(a.phase, 'running');
    const [again] = serverPids();
    assert.ok(again && again !== pid, `a new server process (${pid} → ${again})`);
  });
});

describe('client commands', () => {
  it('"Reveal in Manifest" (a click in the Cluster DNS view) opens the file at the range', async () => {
    await api();
    const uri = wsUri('seed/Headless.yml');
    await vscode.commands.executeCommand('k8sDnsLens.revealLocation', { uri: uri.toString(), range: { start: { line: 3, character: 8 }, end: { line: 3, character: 17 } } });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uri.toString());
    assert.equal(editor?.document.getText(editor.selection), 'headless1');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
