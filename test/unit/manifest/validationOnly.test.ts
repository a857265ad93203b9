// What only validation reads is dropped from the read result once validation has run: validation still
// finds every problem with those fields, and what the model, the checks and the features read stays.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readManifestText, defaultReadOptions } from '../../../server/src/core/manifest/readFile';
import type { K8sObject } from '../../../server/src/core/manifest/objects';
import { EMPTY } from '../../../server/src/core/util/fit';

const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web, "bad key!": x}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http, protocol: TCPX}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {team: a}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: app
        ports: [{name: http, containerPort: 8080, protocol: UDPX}]
---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web}}
spec:
  containers:
  - {name: app, image: app, ports: [{name: http, containerPort: 8080}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: manual, labels: {endpointslice.kubernetes.io/skip-mirror: "true"}}
subsets:
- addresses: [{ip: 10.1.2.3}]
  ports: [{name: http, port: 80}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: manual-1, labels: {kubernetes.io/service-name: manual2}}
addressType: IPv4
endpoints:
- addresses: [10.1.2.4]
ports: [{name: http, port: 80}]
`;

function read(): Map<string, K8sObject> {
  const r = readManifestText('file:///w/all.yaml', text, defaultReadOptions);
  return new Map(r.objects.map((o) => [o.kind, o]));
}

test('validation still sees what is dropped: a bad metadata label, a bad protocol', () => {
  const byKind = read();
  const codes = (k: string) => byKind.get(k)!.problems.map((p) => `${p.code}@${text.slice(p.span.start, p.span.end)}`);
  assert.ok(codes('Service').some((c) => c.includes('bad key!')), codes('Service').join('; '));
  assert.ok(codes('Service').some((c) => c.endsWith('@TCPX')), codes('Service').join('; '));
  assert.ok(codes('Deployment').some((c) => c.endsWith('@UDPX')), codes('Deployment').join('; '));
});

test('kept: the labels of pods, pod templates, selectors and Endpoints; dropped: other objects\' own labels and validation-only locations', () => {
  const byKind = read();
  const svc = byKind.get('Service')!;
  const dep = byKind.get('Deployment')!;
  const pod = byKind.get('Pod')!;
  const eps = byKind.get('Endpoints')!;
  const slice = byKind.get('EndpointSlice')!;
  assert.equal(svc.meta.labels, EMPTY);
  assert.equal(svc.meta.labelsLoc, undefined);
  assert.equal(dep.meta.labels, EMPTY);
  assert.equal(slice.meta.labels, EMPTY);
  assert.deepEqual(pod.meta.labels.map((l) => `${l.key}=${l.value}`), ['app=web']);
  assert.ok(pod.meta.labelsLoc);
  assert.deepEqual(eps.meta.labels.map((l) => l.key), ['endpointslice.kubernetes.io/skip-mirror']);
  assert.ok(svc.type === 'Service' && dep.type === 'Workload' && pod.type === 'Pod' && eps.type === 'Endpoints' && slice.type === 'EndpointSlice');
  // what the model reads
  assert.deepEqual(svc.spec.selector?.map((l) => l.key), ['app']);
  assert.deepEqual(dep.spec.template?.labels.map((l) => l.key), ['app']);
  assert.ok(dep.spec.template?.labelsLoc);
  assert.equal(slice.slice.serviceName?.value, 'manual2');
  assert.equal(svc.spec.ports[0].targetPort?.value, 'http');
  assert.equal(dep.spec.template?.spec.containers[0].ports[0].containerPort?.value, 8080);
  // the locations only validation pointed at
  assert.equal(svc.spec.specKey, undefined);
  assert.equal(dep.spec.specKey, undefined);
  for (const p of [svc.spec.ports[0], dep.spec.template!.spec.containers[0].ports[0], pod.spec.containers[0].ports[0], eps.endpoints.subsets[0].ports[0], slice.slice.ports[0]]) {
    assert.equal(p.head, undefined);
    assert.equal(p.protocolLoc, undefined);
  }
  assert.equal(pod.spec.containers[0].head, undefined);
  assert.equal(slice.slice.endpoints[0].head, undefined);
  // a subset's head points a check's message (endpoints-addresses-not-mirrored): kept
  assert.ok(eps.endpoints.subsets[0].head);
});

test('where kind is written: kept for an object without a name (its problems point there), dropped for one with a name', () => {
  const unnamed = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {generateName: web-}
addressType: IPv4
endpoints: [{addresses: [10.1.2.5]}]
ports: [{name: http, port: 80}]
`;
  const r = readManifestText('file:///w/slice.yaml', unnamed, defaultReadOptions);
  const slice = r.objects[0];
  assert.ok(slice.kindLoc);
  assert.equal(unnamed.slice(slice.kindLoc.start, slice.kindLoc.end), 'EndpointSlice');
  assert.equal(slice.apiVersion, 'discovery.k8s.io/v1');
  for (const o of read().values()) {
    assert.equal(o.kindLoc, undefined, o.kind);
    assert.equal(typeof o.kind, 'string');
  }
});
