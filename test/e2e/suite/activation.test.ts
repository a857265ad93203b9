import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates in a workspace with manifests, starts the server and indexes the workspace', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(ext, 'the extension is installed');
    const a = await api();
    await a.whenReady();
    assert.equal(a.phase, 'running');
    const model = await a.whenIndexed();
    assert.equal(model.stats.indexing, false);
    assert.ok(model.stats.files >= 9, `files indexed: ${model.stats.files}`);
    assert.ok(model.stats.services >= 5, `services: ${model.stats.services}`);
    console.log(`    activation: ${JSON.stringify(a.timings)}`);
  });

  it('activates fast: activate() well under 100 ms, the server ready within 3 s', async () => {
    const a = await api();
    await a.whenIndexed();
    assert.ok(a.timings.activateMs < 100, `activate() took ${a.timings.activateMs} ms`);
    assert.ok((a.timings.serverReadyMs ?? Infinity) < 3000, `server ready after ${a.timings.serverReadyMs} ms`);
  });

  it('registers every contributed command', async () => {
    await api();
    const pkg = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8'));
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c: { command: string }) => c.command).filter((c: string) => !registered.has(c));
    assert.deepEqual(missing, []);
    assert.ok(registered.has('k8sDnsLens.clusterDns.focus'), 'the Cluster DNS view is contributed');
  });
});
