// Completion at `$0`: headless Services for subdomain/serviceName, labels in selectors, DNS names in strings.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { workspace } from './fixture';
import { completionAt } from '../../../server/src/service/completion';

const base = {
  'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: peers, namespace: team}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: team}
spec:
  selector: {app: api}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: cache, namespace: other}
spec:
  clusterIP: None
  selector: {app: cache}
`,
  'pods.yaml': `apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: team, labels: {app: db, tier: data}}
spec:
  hostname: db-0
  subdomain: peers
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: api-1, namespace: team, labels: {app: api, tier: web}}
spec:
  containers: [{name: c, image: x}]
`,
};

function complete(name: string, text: string) {
  const t = workspace({ ...base, [name]: text });
  const r = completionAt(t.ws, t.cursor.uri, t.cursor.offset);
  return { list: r, labels: (r?.items ?? []).map((i) => i.label), item: (l: string) => r?.items.find((i) => i.label === l) as CompletionItem };
}

test('completion: subdomain offers the headless Services of the namespace', () => {
  const c = complete('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  subdomain: $0\n  containers: []\n');
  assert.deepEqual(c.labels, ['peers']);
  assert.match(c.item('peers').detail ?? '', /headless Service · 1 endpoint/);
});

test('completion: right after `subdomain:` the value gets its space', () => {
  const c = complete('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  subdomain:$0\n  containers: []\n');
  assert.equal((c.item('peers').textEdit as TextEdit).newText, ' peers');
});

test('completion: StatefulSet serviceName and a template subdomain', () => {
  const sts = (at: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: other}
spec:
  serviceName: ${at === 'svc' ? 'ca$0' : 'cache'}
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      subdomain: ${at === 'sub' ? '$0' : 'cache'}
      containers: []
`;
  assert.deepEqual(complete('s.yaml', sts('svc')).labels, ['cache']);
  assert.deepEqual(complete('s.yaml', sts('sub')).labels, ['cache']);
});

test('completion: Service selector keys, then the values of a key', () => {
  const keys = complete('s.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: team}\nspec:\n  selector:\n    app: db\n    $0\n');
  assert.deepEqual(keys.labels, ['tier'], 'app is already in the selector');
  assert.equal((keys.item('tier').textEdit as TextEdit).newText, 'tier: ');
  const values = complete('s.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: team}\nspec:\n  selector:\n    tier: $0\n');
  assert.deepEqual(values.labels, ['data', 'web']);
  assert.match(values.item('data').detail ?? '', /tier=data · 1 pod/);
});

test('completion: a workload selector.matchLabels', () => {
  const c = complete('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: team}\nspec:\n  selector:\n    matchLabels:\n      app: $0\n');
  assert.deepEqual(c.labels, ['api', 'db']);
});

test('completion: DNS names in env values — short names here, svc.ns elsewhere, FQDNs, per-pod names', () => {
  const c = complete(
    'p.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  containers:\n  - name: c\n    image: x\n    env:\n    - name: URL\n      value: http://$0\n',
  );
  for (const l of ['peers', 'api', 'db-0.peers', 'cache.other', 'peers.team.svc.cluster.local', 'cache.other.svc.cluster.local', 'kubernetes.default']) assert.ok(c.labels.includes(l), l);
  assert.ok(!c.labels.includes('cache'), 'cache is in another namespace');
  assert.equal(c.list?.isIncomplete, true);
  const typed = complete(
    'p.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  containers:\n  - name: c\n    image: x\n    args: ["x", "ca$0che.oth:6379"]\n',
  );
  assert.ok(typed.labels.includes('cache.other'));
  assert.ok(!typed.labels.includes('peers'));
  const edit = typed.item('cache.other').textEdit as TextEdit;
  assert.deepEqual([edit.range.start.character, edit.range.end.character], [17, 26], 'replaces the whole name, not the port');
});

test('completion: ConfigMap data values complete from the ConfigMap\'s namespace', () => {
  const c = complete('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: other}\ndata:\n  HOST: $0\n');
  assert.ok(c.labels.includes('cache'));
  assert.ok(c.labels.includes('peers.team'));
});

test('completion: nothing elsewhere', () => {
  assert.equal(complete('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p$0}\nspec: {}\n').list, null);
});
