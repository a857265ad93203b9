// Typing in a large document: its edits are read once after a pause (WorkspaceIndex.changeDocument),
// not once per keystroke; small documents are read at every edit; the result is always that of the
// latest text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/lsp/workspace';
import { readManifestText, defaultReadOptions } from '../../../server/src/core/manifest/readFile';

const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n`;
/** About 300,000 characters of ConfigMaps, then `tail`. */
const large = (tail: string) => {
  const docs: string[] = [];
  for (let i = 0; i < 600; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  v: "${'x'.repeat(400)}"\n`);
  return `${docs.join('---\n')}---\n${tail}`;
};

function workspace() {
  const changes: Set<string>[] = [];
  let wake: (() => void) | undefined;
  const ws = new WorkspaceIndex((files) => {
    changes.push(new Set(files));
    wake?.();
  });
  ws.folders = [{ uri: 'file:///ws', path: '/ws' }];
  const nextChange = () => new Promise<void>((resolve) => (wake = resolve));
  return { ws, changes, nextChange };
}

test('a large document typed into: 30 edits are read once, after the pause, from the latest text', async () => {
  const { ws, changes, nextChange } = workspace();
  const uri = 'file:///ws/big.yaml';
  ws.openDocument(uri, large(service('s0')), 1);
  assert.ok(large('').length > 256 * 1024);
  const before = changes.length;
  let text = '';
  for (let v = 1; v <= 30; v++) {
    text = large(service(`s${v}`));
    ws.changeDocument(uri, text, v + 1);
  }
  assert.equal(changes.length, before, 'nothing read yet');
  await nextChange();
  assert.equal(changes.length, before + 1, 'one read for the 30 edits');
  assert.deepStrictEqual(ws.file(uri), readManifestText(uri, text, defaultReadOptions));
  assert.ok(ws.model.service('default', 's30') && !ws.model.service('default', 's29'));
});

test('a request after an edit of a large document answers from the edited text (flushEdits)', () => {
  const { ws } = workspace();
  const uri = 'file:///ws/big.yaml';
  ws.openDocument(uri, large(service('before')), 1);
  ws.changeDocument(uri, large(service('after')), 2);
  ws.flushEdits(); // what every request handler does first (lsp/server.ts)
  assert.ok(ws.model.service('default', 'after'));
  assert.equal(ws.file(uri)!.length, ws.text(uri)!.length);
});

test('a small document is read at every edit, and other changes apply pending edits first', () => {
  const { ws, changes } = workspace();
  const small = 'file:///ws/small.yaml';
  const big = 'file:///ws/big.yaml';
  ws.openDocument(small, service('a'), 1);
  const n = changes.length;
  ws.changeDocument(small, service('b'), 2);
  assert.equal(changes.length, n + 1);
  assert.ok(ws.model.service('default', 'b'));
  ws.openDocument(big, large(service('first')), 1);
  ws.changeDocument(big, large(service('second')), 2);
  // opening another document applies the waiting edit before it
  ws.openDocument('file:///ws/other.yaml', service('c'), 1);
  assert.ok(ws.model.service('default', 'second') && ws.model.service('default', 'c'));
  ws.closeDocument(big);
  ws.closeDocument(small);
});
