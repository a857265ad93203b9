// Go to definition, called directly: where each element leads, as `file:line:character` of the range start.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver';
import { fixture, workspace } from './fixture';
import { definitionAt } from '../../../server/src/service/definition';

const short = (ls: Location[]) => ls.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character}-${l.range.end.character}`);

test('definition seed: Service → its Endpoints and the pods it selects', () => {
  const t = fixture('seed');
  const go = (f: string, needle: string, d: number) => short(definitionAt(t.ws, t.uri(f), t.offsetOf(f, needle, d)));
  assert.deepEqual(go('Headless.yml', 'name: headless1', 8), ['pod_headless.yml:4:8-12']);
  assert.deepEqual(go('service_ep_2.yml', 'name: endpoint2', 8), ['endpoint_for_2.yml:4:8-17']);
  assert.deepEqual(go('service_ep.yml', 'name: endpoint1', 8), ['pod_ep.yml:4:8-12']);
});

test('definition seed: subdomain → the Service; Endpoints → the Service', () => {
  const t = fixture('seed');
  assert.deepEqual(short(definitionAt(t.ws, t.uri('pod_headless.yml'), t.offsetOf('pod_headless.yml', 'subdomain: headless1', 13))), ['Headless.yml:4:8-17']);
  assert.deepEqual(short(definitionAt(t.ws, t.uri('endpoint_for_2.yml'), t.offsetOf('endpoint_for_2.yml', 'endpoint2', 3))), ['service_ep_2.yml:4:8-17']);
  assert.deepEqual(short(definitionAt(t.ws, t.uri('Headless.yml'), t.offsetOf('Headless.yml', 'svc: headless', 6))), ['pod_headless.yml:4:8-12']);
});

const files = {
  'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: shop}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports: [{name: web, containerPort: 8080}]
        env:
        - {name: PEER, value: web-1.nginx}
        - {name: DB, value: "db.backend:5432"}
`,
  'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: nginx, namespace: shop}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: http, port: 80, targetPort: web}, {name: raw, port: 81, targetPort: 8080}]
`,
  'db.yaml': `apiVersion: v1
kind: Service
metadata: {name: db, namespace: backend}
spec:
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: db, namespace: backend}
subsets:
- addresses: [{ip: 10.9.9.9, targetRef: {kind: Pod, name: db-0}}]
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: backend}
spec:
  containers: [{name: c, image: x}]
`,
};

test('definition: StatefulSet serviceName, named and numbered targetPorts, selector, names in strings, targetRef', () => {
  const t = workspace(files);
  const go = (f: string, needle: string, d = 1) => short(definitionAt(t.ws, t.uri(f), t.offsetOf(f, needle, d)));
  assert.deepEqual(go('sts.yaml', 'serviceName: nginx', 14), ['svc.yaml:3:17-22']);
  assert.deepEqual(go('svc.yaml', 'targetPort: web', 13), ['sts.yaml:14:16-48'], 'the container port item');
  assert.deepEqual(go('svc.yaml', 'targetPort: 8080', 13), ['sts.yaml:14:43-47'], 'the containerPort number');
  assert.deepEqual(go('svc.yaml', 'app: nginx', 6), ['sts.yaml:8:2-10'], 'the pod template');
  assert.deepEqual(go('sts.yaml', 'web-1.nginx', 2), ['sts.yaml:8:2-10'], 'an endpoint name → its pod (template)');
  assert.deepEqual(go('sts.yaml', 'db.backend', 2), ['db.yaml:3:17-19'], 'a Service name → the Service');
  assert.deepEqual(go('db.yaml', 'name: db-0}', 7), ['db.yaml:16:17-21'], 'targetRef → the Pod');
  assert.deepEqual(go('db.yaml', 'name: db, namespace: backend}', 6, ), ['db.yaml:9:17-19'], 'Service → its Endpoints');
  assert.deepEqual(go('db.yaml', '10.9.9.9', 2), ['db.yaml:16:17-21', 'db.yaml:3:17-19'], 'address → the pod and the Service');
});

test('definition: nothing where nothing leads', () => {
  const t = workspace(files);
  assert.deepEqual(definitionAt(t.ws, t.uri('sts.yaml'), t.offsetOf('sts.yaml', 'replicas')), []);
  assert.deepEqual(definitionAt(t.ws, 'file:///nowhere', 0), []);
});
