// The bundled server runs its features once when idle after indexing (service/warm.ts) and says so;
// requests after it answer as before.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspClient } from '../support/lspClient';
import { seedDir, seedUri } from './helpers';

test('after indexing the server warms its features up, then answers as it would have', async () => {
  const client = new LspClient();
  try {
    await client.start([seedDir]);
    const warm = await client.waitFor((n) => n.method === 'window/logMessage' && /^warm-up: \d+ requests on \d+ kinds of element/.test(String(n.params?.message)), 20000, 0);
    const [, runs, kinds] = /^warm-up: (\d+) requests on (\d+) kinds/.exec(warm.params.message)!;
    assert.ok(Number(kinds) >= 8, warm.params.message);
    assert.ok(Number(runs) >= Number(kinds) * 2, warm.params.message);
    const r = await client.request('textDocument/hover', { textDocument: { uri: seedUri('Headless.yml') }, position: { line: 3, character: 9 } });
    assert.match(JSON.stringify(r), /headless1\.default\.svc\.cluster\.local/);
  } finally {
    await client.stop();
  }
});
