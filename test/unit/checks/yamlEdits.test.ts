// The text edits quick fixes are made of.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  appendDocumentEdit,
  applyEdits,
  entryRemovalRange,
  insertFirstEntries,
  insertSiblingAfter,
  keyOnLine,
  replaceScalar,
  yamlString,
} from '../../../server/src/core/checks/support/yamlEdits';
import { computeLineStarts } from '../../../server/src/core/util/lines';

test('yamlString quotes what YAML 1.1 would read as something else', () => {
  const cases: [string, string][] = [
    ['web', 'web'],
    ['app.kubernetes.io/name', 'app.kubernetes.io/name'],
    ['v1.2', 'v1.2'],
    ['80', '"80"'],
    ['1.0', '"1.0"'],
    ['true', '"true"'],
    ['yes', '"yes"'],
    ['On', '"On"'],
    ['', '""'],
    ['a b', '"a b"'],
    ['x:y', '"x:y"'],
    ['-web', '"-web"'],
  ];
  for (const [s, want] of cases) assert.equal(yamlString(s), want, s);
});

function append(text: string, lines: string[]): string {
  const e = appendDocumentEdit('f', text, text.length, computeLineStarts(text), lines)!;
  return applyEdits(text, [e]);
}

test('appendDocumentEdit adds a separator and supplies a missing final newline', () => {
  assert.equal(append('a: 1\n', ['b: 2']), 'a: 1\n---\nb: 2\n');
  assert.equal(append('a: 1', ['b: 2']), 'a: 1\n---\nb: 2\n');
  assert.equal(append('a: 1\r\n', ['b: 2', 'c: 3']), 'a: 1\r\n---\r\nb: 2\r\nc: 3\r\n');
  assert.equal(append('a: 1\n---\n', ['b: 2']), 'a: 1\n---\nb: 2\n');
  // without the text, the line starts tell whether the file ends with a line break
  const t = 'a: 1';
  const e = appendDocumentEdit('f', undefined, t.length, computeLineStarts(t), ['b: 2'])!;
  assert.equal(applyEdits(t, [e]), 'a: 1\n---\nb: 2\n');
});

test('entryRemovalRange removes block entries with their lines', () => {
  const text = 'spec:\n  type: ExternalName\n  selector:\n    app: x   # old\n  externalName: a.example.com\n';
  const keyStart = text.indexOf('selector');
  const valueEnd = text.indexOf('app: x') + 'app: x'.length;
  const r = entryRemovalRange(text, keyStart, valueEnd)!;
  assert.equal(text.slice(0, r.start) + text.slice(r.end), 'spec:\n  type: ExternalName\n  externalName: a.example.com\n');
  // last entry of a file without a final newline
  const t2 = 'spec:\n  a: 1\n  b: 2';
  const r2 = entryRemovalRange(t2, t2.indexOf('b:'), t2.length)!;
  assert.equal(t2.slice(0, r2.start) + t2.slice(r2.end), 'spec:\n  a: 1\n');
});

test('entryRemovalRange removes flow entries with one comma', () => {
  const cut = (text: string, key: string, value: string) => {
    const k = text.indexOf(key);
    const r = entryRemovalRange(text, k, text.indexOf(value, k) + value.length)!;
    return text.slice(0, r.start) + text.slice(r.end);
  };
  assert.equal(cut('{a: 1, b: 2, c: 3}', 'b', '2'), '{a: 1, c: 3}');
  assert.equal(cut('{a: 1, b: 2}', 'b', '2'), '{a: 1}');
  assert.equal(cut('{b: 2}', 'b', '2'), '{}');
  assert.equal(cut('{b: {x: y}, a: 1}', 'b', '}'), '{a: 1}');
});

test('entryRemovalRange declines entries that share a line or start a sequence item', () => {
  const t = 'ports:\n- port: 80\n  name: x\n';
  assert.equal(entryRemovalRange(t, t.indexOf('port:'), t.indexOf('80') + 2), undefined);
  const t2 = 'a: 1 # x\nb: 2\n';
  assert.deepEqual(entryRemovalRange(t2, 0, 4), { start: 0, end: 9 });
});

test('keyOnLine finds the key written before a value', () => {
  const t = 'spec:\n  hostname: a\n  - subdomain: b\n';
  assert.deepEqual(keyOnLine(t, t.indexOf('a\n')), { lineStart: 6, keyStart: 8, keyCol: 2, seqItem: false, key: 'hostname' });
  const k = keyOnLine(t, t.indexOf('b\n'))!;
  assert.equal(k.key, 'subdomain');
  assert.equal(k.seqItem, true);
  assert.equal(k.keyCol, 4);
  assert.equal(keyOnLine('{a: b}', 4), undefined);
});

test('insertSiblingAfter adds an entry after a block value, at its key column', () => {
  const t = 'spec:\n  hostname: a\n  containers: []\n';
  const v = t.indexOf('a\n');
  const e = insertSiblingAfter('f', t, v, v + 1, 'subdomain: s')!;
  assert.equal(applyEdits(t, [e]), 'spec:\n  hostname: a\n  subdomain: s\n  containers: []\n');
  const t2 = 'spec:\n  hostname: a';
  const e2 = insertSiblingAfter('f', t2, t2.length - 1, t2.length, 'subdomain: s')!;
  assert.equal(applyEdits(t2, [e2]), 'spec:\n  hostname: a\n  subdomain: s\n');
  assert.equal(insertSiblingAfter('f', '{hostname: a}', 11, 12, 'x: y'), undefined);
});

test('insertFirstEntries adds entries at the start of a block or flow mapping', () => {
  const t = 'ports:\n  - port: 80\n';
  const e = insertFirstEntries('f', t, t.indexOf('port:'), ['name: http'])!;
  assert.equal(applyEdits(t, [e]), 'ports:\n  - name: http\n    port: 80\n');
  const t2 = 'labels:\n  app: x\n';
  const e2 = insertFirstEntries('f', t2, t2.indexOf('app'), ['a: "1"', 'b: c'])!;
  assert.equal(applyEdits(t2, [e2]), 'labels:\n  a: "1"\n  b: c\n  app: x\n');
  const t3 = 'labels: {app: x}';
  assert.equal(applyEdits(t3, [insertFirstEntries('f', t3, t3.indexOf('{'), ['a: b'])!]), 'labels: {a: b, app: x}');
  const t4 = 'labels: {}';
  assert.equal(applyEdits(t4, [insertFirstEntries('f', t4, t4.indexOf('{'), ['a: b'])!]), 'labels: {a: b}');
});

test('JSON manifests: values keep JSON quoting, and no YAML is added to them', () => {
  const json = '{"kind": "Service", "spec": {"ports": [{"name": "web", "port": 80}]}}';
  const at = { start: json.indexOf('"web"'), end: json.indexOf('"web"') + 5 };
  assert.equal(applyEdits(json, [replaceScalar('svc.json', json, at, 'http')]), json.replace('"web"', '"http"'));
  assert.equal(appendDocumentEdit('svc.json', json, json.length, computeLineStarts(json), ['a: 1']), undefined);
  assert.equal(insertFirstEntries('svc.json', json, json.indexOf('{"name"'), ['a: b']), undefined);
  assert.equal(insertFirstEntries('svc.yaml', json, json.indexOf('{"name"'), ['a: b']), undefined, 'JSON text in a .yaml file');
  // YAML scalars keep their style
  const y = "name: 'web'\nport: \"80\"\nkind: web\n";
  const sq = y.indexOf("'web'");
  assert.equal(applyEdits(y, [replaceScalar('f.yaml', y, { start: sq, end: sq + 5 }, "it's")]), y.replace("'web'", "'it''s'"));
  const pl = y.lastIndexOf('web');
  assert.equal(applyEdits(y, [replaceScalar('f.yaml', y, { start: pl, end: pl + 3 }, 'true')]), y.replace('kind: web', 'kind: "true"'));
  const num = y.indexOf('"80"');
  assert.equal(applyEdits(y, [replaceScalar('f.yaml', y, { start: num, end: num + 4 }, 8080)]), y.replace('"80"', '8080'));
});
