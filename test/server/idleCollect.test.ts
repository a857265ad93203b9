// The bundled server collects its garbage itself once idle (lsp/idleCollect.ts), with gc exposed at run
// time: a server started as any editor starts it (no --expose-gc) logs the collection, keeps answering,
// and collects again after the client's next messages. Short quiet spells through the environment.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspClient } from '../support/lspClient';
import { seedDir, seedUri } from './helpers';

const collected = (n: { method: string; params: any }) => n.method === 'window/logMessage' && /^idle: collected garbage in \d+ ms, heap \d+ → \d+ MB/.test(String(n.params?.message));

test('once quiet, the server collects; a request later, it collects again', async () => {
  // quiet 300 ms, second collection never needed (settle as long as the test), any growth
  const client = new LspClient(['--stdio'], { ...process.env, K8S_DNS_LENS_IDLE_COLLECT: '300,60000,0' });
  try {
    await client.start([seedDir]);
    const first = await client.waitFor(collected, 20000, 0);
    // the server still answers, and its answer is the same as before the collection
    const mark = client.notifications.indexOf(first) + 1;
    const r = await client.request('textDocument/hover', { textDocument: { uri: seedUri('Headless.yml') }, position: { line: 3, character: 9 } });
    assert.match(JSON.stringify(r), /headless1\.default\.svc\.cluster\.local/);
    const again = await client.waitFor(collected, 20000, mark);
    assert.notEqual(again, first);
  } finally {
    await client.stop();
  }
});
