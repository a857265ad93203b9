import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitForDiagnostics, wsUri } from './helpers';

const RULE = 'selector-matches-no-pod';
const broken = () => wsUri('broken-selector/service.yaml');
const ruleDiag = (d: vscode.Diagnostic[]) => d.find((x) => x.code === RULE || (typeof x.code === 'object' && x.code?.value === RULE));

describe('diagnostics', () => {
  before(async () => {
    await (await api()).whenIndexed();
  });

  it('reports a Service whose selector matches no pod, on a file never opened', async () => {
    const d = await waitForDiagnostics(broken(), ruleDiag, RULE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /Service "api" selects no pod/);
    assert.equal(d.range.start.line, 6, 'at the selector (service.yaml:7)');
  });

  it('reports nothing on the seed workspace', async () => {
    await waitForDiagnostics(broken(), ruleDiag, RULE);
    const seed = vscode.languages.getDiagnostics().filter(([u, d]) => u.path.includes('/seed/') && d.length);
    assert.deepEqual(seed.map(([u, d]) => [u.path, d.map((x) => x.message)]), []);
  });

  it('follows unsaved edits: fixing the labels clears the problem, undoing brings it back', async () => {
    const doc = await vscode.workspace.openTextDocument(broken());
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const fix = new vscode.WorkspaceEdit();
    fix.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), text.replace(/app: apii/g, 'app: api'));
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitForDiagnostics(broken(), (d) => (ruleDiag(d) ? undefined : true), 'the problem to go');
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitForDiagnostics(broken(), ruleDiag, 'the problem to come back');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('applies k8sDnsLens.diagnostics.severity from the settings', async () => {
    const config = vscode.workspace.getConfiguration('k8sDnsLens');
    await config.update('diagnostics.severity', { [RULE]: 'error' }, vscode.ConfigurationTarget.Global);
    try {
      await waitForDiagnostics(broken(), (d) => ruleDiag(d)?.severity === vscode.DiagnosticSeverity.Error || undefined, 'an error');
      await config.update('diagnostics.severity', { [RULE]: 'off' }, vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(broken(), (d) => (ruleDiag(d) ? undefined : true), 'no problem (off)');
    } finally {
      await config.update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    }
    const d = await waitForDiagnostics(broken(), ruleDiag, 'the warning again');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });
});
