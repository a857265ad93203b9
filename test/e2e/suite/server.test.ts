import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, childPids, waitForDiagnostics, wsUri } from './helpers';
import type { K8sDnsLensApi } from '../../../client/src/extension';
import { serverExecArgv } from '../../../client/src/serverEnv';
import type { ModelChangedParams } from '../../../server/src/protocol';

const serverPids = () => childPids(process.pid, 'dist/server.js');

/**
 * Does `action` (which stops the running server) and resolves with the first model of the server that
 * comes up next: the phase goes back to running, then that server indexes. (Counting notifications from
 * before would race: the old server may have one in flight.)
 */
async function nextServer(a: K8sDnsLensApi, action: () => unknown): Promise<ModelChangedParams> {
  const running = new Promise<number>((resolve) => {
    let left = false;
    const sub = a.onDidChangePhase((p) => {
      if (p !== 'running') left = true;
      else if (left) {
        sub.dispose();
        resolve(a.modelCount); // counted now: the new server sends its first model only after this
      }
    });
  });
  await action();
  return a.whenIndexed(await running);
}
const hasRule = (d: vscode.Diagnostic[]) => d.some((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'selector-matches-no-pod') || undefined;

describe('language server lifecycle', () => {
  it('starts the server with the Node flags of serverExecArgv (V8 helper threads for this machine)', async () => {
    const a = await api();
    await a.whenIndexed();
    const [pid] = serverPids();
    assert.ok(pid, 'a server process');
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const flags = serverExecArgv();
    for (const f of flags) assert.ok(argv.includes(f), `${f} in ${JSON.stringify(argv)}`);
    // before the script: Node's own flags, not the server's arguments
    const script = argv.findIndex((x) => x.endsWith('dist/server.js'));
    assert.ok(script > 0 && flags.every((f) => argv.indexOf(f) < script), JSON.stringify(argv));
  });

  it('"Restart Language Server" starts a fresh server that indexes again', async () => {
    const a = await api();
    await a.whenIndexed();
    const before = serverPids();
    assert.equal(before.length, 1, `one server process: ${before}`);
    const model = await nextServer(a, () => vscode.commands.executeCommand('k8sDnsLens.restartServer'));
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
    const told = a.notices.length;
    await nextServer(a, () => process.kill(pid, 'SIGKILL'));
    assert.equal(a.phase, 'running');
    const [again] = serverPids();
    assert.ok(again && again !== pid, `a new server process (${pid} → ${again})`);
    assert.deepEqual(a.notices.slice(told), ['K8s DNS Lens: the language server stopped unexpectedly and was restarted (details in the output).']);
    // a second crash restarts it again, and says nothing more
    await nextServer(a, () => process.kill(serverPids()[0], 'SIGKILL'));
    assert.equal(a.phase, 'running');
    assert.equal(a.notices.length, told + 1, `told once: ${JSON.stringify(a.notices.slice(told))}`);
  });
});

describe('repeated crashes', () => {
  it('restarts 4 times within 3 minutes, then stops (with a message) until "Restart Language Server"', async () => {
    const a = await api();
    await nextServer(a, () => vscode.commands.executeCommand('k8sDnsLens.restartServer')); // a fresh crash count
    for (let crash = 1; crash <= 4; crash++) {
      const [pid] = serverPids();
      await nextServer(a, () => process.kill(pid, 'SIGKILL'));
      assert.equal(a.phase, 'running', `restarted after crash ${crash}`);
      assert.equal(serverPids().length, 1);
    }
    const stopped = new Promise<void>((resolve) => {
      const sub = a.onDidChangePhase((p) => {
        if (p === 'stopped') {
          sub.dispose();
          resolve();
        }
      });
    });
    const [pid] = serverPids();
    process.kill(pid, 'SIGKILL');
    await stopped;
    assert.deepEqual(serverPids(), [], 'no server process');
    await nextServer(a, () => vscode.commands.executeCommand('k8sDnsLens.restartServer'));
    assert.equal(a.phase, 'running');
    assert.equal(serverPids().length, 1);
  });
});

describe('restart during a crash', () => {
  it('"Restart Language Server" right after a crash leaves exactly one server', async () => {
    const a = await api();
    await a.whenIndexed();
    const [pid] = serverPids();
    await nextServer(a, async () => {
      process.kill(pid, 'SIGKILL');
      await vscode.commands.executeCommand('k8sDnsLens.restartServer');
    });
    assert.equal(a.phase, 'running');
    const pids = serverPids();
    assert.equal(pids.length, 1, `server processes: ${pids}`);
    await waitForDiagnostics(wsUri('broken-selector/service.yaml'), hasRule, 'diagnostics of the new server');
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
