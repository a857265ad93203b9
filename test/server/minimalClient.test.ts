// Editors other than VS Code advertise less. A client that supports neither workspace/configuration
// nor workspace folder events nor progress still gets the workspace indexed and its diagnostics.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient, repoRoot } from '../support/lspClient';

test('regression: a client without workspaceFolders support got no index (listening for folder changes threw in onInitialized)', async () => {
  const client = new LspClient();
  try {
    const dir = path.join(repoRoot, 'test', 'fixtures', 'broken-selector');
    await client.start([dir], {}, { workspace: {}, window: {} });
    const uri = pathToFileURL(path.join(dir, 'service.yaml')).href;
    await client.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0, 20000, 0);
    assert.ok(!client.notifications.some((n) => n.method === 'window/logMessage' && /unhandled/i.test(String(n.params?.message))), 'no unhandled rejection logged');
  } finally {
    await client.stop();
  }
});
