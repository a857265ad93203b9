// Find references, called directly: everything that points at a Service or a Pod, in every file.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver';
import { fixture, workspace } from './fixture';
import { referencesAt } from '../../../server/src/service/references';

const short = (ls: Location[]) => ls.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character}`).sort();

test('references seed: headless1 ← the Service itself and pod4\'s subdomain', () => {
  const t = fixture('seed');
  const off = t.offsetOf('Headless.yml', 'headless1', 1);
  assert.deepEqual(short(referencesAt(t.ws, t.uri('Headless.yml'), off)), ['Headless.yml:4:8', 'pod_headless.yml:9:13']);
  assert.deepEqual(short(referencesAt(t.ws, t.uri('Headless.yml'), off, false)), ['pod_headless.yml:9:13']);
  // the same list from the subdomain
  assert.deepEqual(short(referencesAt(t.ws, t.uri('pod_headless.yml'), t.offsetOf('pod_headless.yml', 'subdomain: headless1', 12))), ['Headless.yml:4:8', 'pod_headless.yml:9:13']);
  // endpoint2 ← its Endpoints
  assert.deepEqual(short(referencesAt(t.ws, t.uri('service_ep_2.yml'), t.offsetOf('service_ep_2.yml', 'endpoint2', 1), false)), ['endpoint_for_2.yml:4:8']);
});

const files = {
  'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: nginx, namespace: shop}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{port: 80}]
`,
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
      subdomain: nginx
      containers:
      - name: c
        image: x
        args: ["--peer=web-0.nginx:80", "http://web-1.nginx/"]
`,
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: other}
data:
  A: http://nginx.shop:80/
  B: nginx.shop.svc.cluster.local
  C: nginx
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: nginx-extra
  namespace: shop
  labels: {kubernetes.io/service-name: nginx}
addressType: IPv4
endpoints: [{addresses: ["10.7.7.7"], targetRef: {kind: Pod, name: web-1}}]
`,
};

test('references: a Service ← serviceName, subdomain, EndpointSlice, DNS names in strings of any namespace', () => {
  const t = workspace(files);
  const got = short(referencesAt(t.ws, t.uri('svc.yaml'), t.offsetOf('svc.yaml', 'nginx')));
  assert.deepEqual(got, [
    'cm.yaml:14:39', // the slice's service-name label
    'cm.yaml:5:12', // http://nginx.shop
    'cm.yaml:6:5', // the FQDN
    'sts.yaml:11:17', // subdomain
    'sts.yaml:15:23', // web-0.nginx
    'sts.yaml:15:48', // web-1.nginx
    'sts.yaml:5:15', // serviceName
    'svc.yaml:3:17', // the Service
  ]);
  // `C: nginx` in namespace other means nothing: not a reference
});

test('references: a pod ← names of its endpoint in strings, targetRefs', () => {
  const t = workspace(files);
  // from the workload's name: its pods
  const got = short(referencesAt(t.ws, t.uri('sts.yaml'), t.offsetOf('sts.yaml', 'name: web', 6), false));
  assert.deepEqual(got, ['cm.yaml:16:67', 'sts.yaml:15:23', 'sts.yaml:15:48']);
});

test('references: nothing outside the elements', () => {
  const t = workspace(files);
  assert.deepEqual(referencesAt(t.ws, t.uri('sts.yaml'), t.offsetOf('sts.yaml', 'replicas')), []);
});
