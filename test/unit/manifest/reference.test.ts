// The reference YAML reader: what Kubernetes' decoder makes of YAML 1.1 specifics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseYamlReference } from '../../../server/src/core/manifest/yamlReference';
import { get, type YNode } from '../../../server/src/core/manifest/yast';

function plain(n: YNode | null): unknown {
  if (!n) return null;
  if (n.t === 'scalar') return n.value;
  if (n.t === 'seq') return n.items.map(plain);
  return Object.fromEntries(n.pairs.map((p) => [String(p.key && p.key.t === 'scalar' ? p.key.value : '?'), plain(p.value)]));
}

test('merge keys are expanded: written keys win, then earlier merged mappings', () => {
  const [doc] = parseYamlReference('base: &b {a: 1, b: 2}\nother: &o {b: 20, c: 30}\nm:\n  <<: [*b, *o]\n  a: 10\n');
  assert.deepEqual(plain(get(doc.contents, 'm')!), { a: 10, b: 2, c: 30 });
});

test('YAML 1.1 scalars as go-yaml v2 reads them; timestamps and sexagesimal stay strings', () => {
  const [doc] = parseYamlReference('a: yes\nb: off\nc: 0777\nd: 0x1F\ne: 1_000\nf: 2001-12-14\ng: 190:20:30\nh: "yes"\ni: ~\n');
  assert.deepEqual(plain(doc.contents), { a: true, b: false, c: 511, d: 31, e: 1000, f: '2001-12-14', g: '190:20:30', h: 'yes', i: null });
});

test('an alias bomb is refused with an error, not expanded', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
  const [doc] = parseYamlReference(lines.join('\n') + '\n');
  assert.equal(doc.contents, null);
  assert.equal(doc.errors[0].code, 'ALIAS_BUDGET');
});
