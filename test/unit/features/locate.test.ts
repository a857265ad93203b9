// The locator: what element is at a caret (`$0`) of inline YAML, read from the objects' offsets only.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { locate } from '../../../server/src/core/features/locate';

function at(yaml: string) {
  const offset = yaml.indexOf('$0');
  assert.ok(offset >= 0, 'the text has a $0 caret');
  const text = yaml.slice(0, offset) + yaml.slice(offset + 2);
  const file = readManifestText('file:///ws/x.yaml', text);
  const el = locate(file, offset, 'default');
  return { el, text: el ? text.slice(el.at.start, el.at.end) : undefined };
}

const service = (body: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n${body}`;
const pod = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p$01\n  labels:\n    app: web\nspec:\n${body}`;
const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db-h
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        tier: data
    spec:
      hostname: h
      subdomain: sub
      containers:
      - name: c
        args: ["--peer=db-0.db-h:5432"]
        env:
        - name: URL
          value: http://api.backend:8080/x
        ports:
        - name: pg
          containerPort: 5432
`;
const endpoints = `apiVersion: v1
kind: Endpoints
metadata:
  name: ext
subsets:
- addresses:
  - ip: 10.1.2.3
    hostname: one
    targetRef: {kind: Pod, name: pod-one}
  ports:
  - port: 80
`;
const slice = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-abc
  labels:
    kubernetes.io/service-name: ext
addressType: IPv4
endpoints:
- addresses: ["10.1.2.4"]
  hostname: two
  targetRef: {kind: Pod, name: pod-two}
`;
const put = (text: string, needle: string, delta = 0) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return text.slice(0, i + delta) + '$0' + text.slice(i + delta);
};

const cases: [string, string, string, string | undefined][] = [
  ['Service name', service('  clusterIP: None\n').replace('name: web', 'name: w$0eb'), 'service-name', 'web'],
  ['Service name, caret at the end', service('  clusterIP: None\n').replace('name: web', 'name: web$0'), 'service-name', 'web'],
  ['namespace', service('  clusterIP: None\n').replace('shop', 'sh$0op'), 'namespace', 'shop'],
  ['selector key', service('  selector:\n    a$0pp: web\n'), 'selector', 'app'],
  ['selector value', service('  selector:\n    app: w$0eb\n'), 'selector', 'web'],
  ['targetPort', service('  ports:\n  - name: http\n    port: 80\n    targetPort: ht$0tp\n'), 'target-port', 'http'],
  ['Service port name', service('  ports:\n  - name: ht$0tp\n    port: 80\n'), 'service-port-name', 'http'],
  ['externalName', service('  type: ExternalName\n  externalName: git$0hub.io\n'), 'external-name', 'github.io'],
  ['Pod name', pod('  containers: []\n'), 'pod-name', 'p1'],
  ['Pod label', pod('  containers: []\n').replace('p$01', 'p1').replace('app: web', 'app: w$0eb'), 'pod-label', 'web'],
  ['hostname', pod('  hostname: pod-$0a\n  containers: []\n').replace('p$01', 'p1'), 'hostname', 'pod-a'],
  ['subdomain', pod('  subdomain: head$0less1\n  containers: []\n').replace('p$01', 'p1'), 'subdomain', 'headless1'],
  ['workload name', put(sts, 'name: db', 7), 'workload-name', 'db'],
  ['StatefulSet serviceName', put(sts, 'db-h', 2), 'statefulset-service', 'db-h'],
  ['workload selector', put(sts, 'app: db', 6), 'selector', 'db'],
  ['template label', put(sts, 'tier: data', 7), 'pod-label', 'data'],
  ['template hostname', put(sts, 'hostname: h', 10), 'hostname', 'h'],
  ['template subdomain', put(sts, 'sub\n', 1), 'subdomain', 'sub'],
  ['DNS name in args', put(sts, 'db-0.db-h', 3), 'string-ref', 'db-0.db-h'],
  ['DNS name in an env URL', put(sts, 'api.backend', 4), 'string-ref', 'api.backend'],
  ['container port name', put(sts, 'name: pg', 7), 'container-port', 'pg'],
  ['containerPort', put(sts, '5432\n', 1), 'container-port', '5432'],
  ['elsewhere in an object', put(sts, 'replicas', 2), 'object', undefined],
  ['Endpoints name', put(endpoints, 'name: ext', 7), 'endpoints-name', 'ext'],
  ['Endpoints address', put(endpoints, '10.1.2.3', 3), 'endpoint-address', '10.1.2.3'],
  ['Endpoints hostname', put(endpoints, 'one', 1), 'endpoint-hostname', 'one'],
  ['Endpoints targetRef', put(endpoints, 'pod-one', 2), 'target-ref', 'pod-one'],
  ['EndpointSlice name', put(slice, 'ext-abc', 2), 'endpoints-name', 'ext-abc'],
  ['EndpointSlice service-name label', put(slice, ': ext\n', 3), 'slice-service-label', 'ext'],
  ['EndpointSlice address', put(slice, '10.1.2.4', 1), 'endpoint-address', '"10.1.2.4"'],
  ['EndpointSlice targetRef', put(slice, 'pod-two', 1), 'target-ref', 'pod-two'],
  ['ConfigMap data', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  DB: postgres://u@db.backend.svc.cluster.local$0:5432/x\n', 'string-ref', 'db.backend.svc.cluster.local'],
  ['Namespace object', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: te$0am\n', 'namespace', 'team'],
];

for (const [name, yaml, kind, text] of cases) {
  test(`locate: ${name}`, () => {
    const r = at(yaml);
    assert.equal(r.el?.kind, kind);
    if (text !== undefined) assert.equal(r.text, text);
  });
}

test('locate: the namespace of an element, defaulted and declared', () => {
  assert.equal(at(service('  selector:\n    app: w$0eb\n')).el?.namespace, 'shop');
  assert.equal(at(pod('  containers: []\n')).el?.namespace, 'default');
  assert.equal(at('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: te$0am\n').el?.namespace, 'team');
});

test('locate: outside every object, nothing', () => {
  assert.equal(at('# a comment$0\n---\n' + service('  clusterIP: None\n')).el, undefined);
});

test('locate: the items of a List are objects of their own', () => {
  const yaml = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
  spec: {clusterIP: None}
- apiVersion: v1
  kind: Service
  metadata:
    name: b$0
  spec: {clusterIP: None}
`;
  const r = at(yaml);
  assert.equal(r.el?.kind, 'service-name');
  assert.equal(r.text, 'b');
});
