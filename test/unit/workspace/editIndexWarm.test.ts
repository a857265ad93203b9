// After edits, the model's indexes of the namespaces they rebuilt are built in idle slices once the
// edits pause, not by the first question by address that follows.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture } from '../service/fixture';

/** Waits (at most 5 s) until every namespace has its indexes, looking every 10 ms. */
async function settle(model: { unindexedNamespaces(): number }): Promise<void> {
  const until = Date.now() + 5000;
  while (model.unindexedNamespaces() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

test('an edit that rebuilds a namespace: its indexes are built again once the edits pause', async () => {
  const { ws, uri } = fixture('seed');
  await settle(ws.model);
  assert.equal(ws.model.unindexedNamespaces(), 0, 'built after the documents were opened');
  const file = 'pod_headless.yml';
  const text = ws.text(uri(file))!;
  ws.changeDocument(uri(file), text.replace(/hostname: \S+/, 'hostname: renamed'), 2);
  ws.flushEdits();
  assert.ok(ws.model.unindexedNamespaces() > 0, 'the edit rebuilt a namespace, without its index');
  await settle(ws.model);
  assert.equal(ws.model.unindexedNamespaces(), 0);
});
