// The YAML context of a caret from the text alone (what completion works with while the user types).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { yamlContextAt } from '../../../server/src/core/features/yamlContext';

function ctx(yaml: string) {
  const offset = yaml.indexOf('$0');
  return yamlContextAt(yaml.slice(0, offset) + yaml.slice(offset + 2), offset);
}

test('yamlContext: a key of a nested mapping, at its value', () => {
  const c = ctx('apiVersion: v1\nkind: Pod\nspec:\n  subdomain: hea$0\n  containers: []\n');
  assert.deepEqual(c.path, ['spec']);
  assert.equal(c.key, 'subdomain');
  assert.equal(c.inValue, true);
  assert.equal(c.word, 'hea');
});

test('yamlContext: right after the colon', () => {
  const c = ctx('spec:\n  subdomain:$0\n');
  assert.equal(c.key, 'subdomain');
  assert.equal(c.inValue, true);
  assert.equal(c.word, '');
  assert.equal(c.before, ':');
});

test('yamlContext: a key position under a selector', () => {
  const c = ctx('kind: Service\nspec:\n  selector:\n    app: web\n    ti$0\n');
  assert.deepEqual(c.path, ['spec', 'selector']);
  assert.equal(c.key, undefined);
  assert.equal(c.inValue, false);
  assert.equal(c.word, 'ti');
});

test('yamlContext: an env value inside a sequence of containers (compact sequences)', () => {
  const y = 'spec:\n  template:\n    spec:\n      containers:\n      - name: c\n        env:\n        - name: URL\n          value: http://api.b$0ackend:8080\n';
  const c = ctx(y);
  assert.deepEqual(c.path, ['spec', 'template', 'spec', 'containers', '-', 'env', '-']);
  assert.equal(c.key, 'value');
  assert.equal(c.word, 'api.b');
  assert.equal(c.wordEnd - c.wordStart, 'api.backend'.length);
});

test('yamlContext: a sequence item scalar (args)', () => {
  const c = ctx('spec:\n  containers:\n    - name: c\n      args:\n        - --host\n        - db.$0\n');
  assert.deepEqual(c.path, ['spec', 'containers', '-', 'args', '-']);
  assert.equal(c.key, undefined);
  assert.equal(c.inValue, true);
  assert.equal(c.word, 'db.');
});

test('yamlContext: the document of the caret, between separators', () => {
  const y = 'kind: A\n---\nkind: B\nspec:\n  x: $0\n---\nkind: C\n';
  const c = ctx(y);
  const text = y.replace('$0', '');
  assert.equal(text.slice(c.docStart, c.docEnd).trim(), 'kind: B\nspec:\n  x:');
  assert.deepEqual(c.path, ['spec']);
});
