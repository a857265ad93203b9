// DNS names of the model's objects and which Service or Pod a written name means.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import {
  nameMeant,
  namespaceResolvConf,
  parseZoneName,
  podLabelIp,
  reachingNames,
  srvNames,
  zoneEntries,
} from '../../../server/src/core/features/names';
import { buildRefIndex, podKey, serviceKey } from '../../../server/src/core/features/refIndex';
import { Resolver } from '../../../server/src/core/dns/resolver';

const yaml = `apiVersion: v1
kind: Service
metadata: {name: nginx, namespace: shop}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: http, port: 80}]
---
apiVersion: apps/v1
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
      - name: c
        env:
        - {name: A, value: web-0.nginx}
        - {name: B, value: "http://db.backend:5432"}
        - {name: C, value: nginx}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: backend}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
`;

function model(): ClusterModel {
  const m = new ClusterModel();
  m.setFile(readManifestText('file:///ws/a.yaml', yaml));
  m.refresh();
  return m;
}

test('parseZoneName: services, endpoints, SRV names, pod names; outside the zone', () => {
  const z = 'cluster.local';
  assert.deepEqual(parseZoneName('web.shop.svc.cluster.local.', z), { kind: 'service', namespace: 'shop', service: 'web' });
  assert.deepEqual(parseZoneName('web-0.nginx.shop.svc.cluster.local', z), { kind: 'service', namespace: 'shop', service: 'nginx', endpoint: 'web-0' });
  assert.deepEqual(parseZoneName('_http._tcp.nginx.shop.svc.cluster.local', z), { kind: 'service', namespace: 'shop', service: 'nginx', port: 'http', protocol: 'tcp' });
  assert.deepEqual(parseZoneName('10-244-0-5.shop.pod.cluster.local', z), { kind: 'pod', namespace: 'shop', label: '10-244-0-5' });
  assert.equal(parseZoneName('github.com', z), undefined);
  assert.equal(parseZoneName('a.b.c.d.e.svc.cluster.local', z), undefined);
});

test('podLabelIp: dashed addresses', () => {
  assert.equal(podLabelIp('10-244-0-5'), '10.244.0.5');
  assert.equal(podLabelIp('fd00--5'), 'fd00::5');
  assert.equal(podLabelIp('web'), undefined);
});

test('nameMeant: the search list of the namespace decides', () => {
  const m = model();
  const shop = namespaceResolvConf(m, 'shop');
  const backend = namespaceResolvConf(m, 'backend');
  const short = nameMeant(m, 'nginx', shop);
  assert.equal(short?.kind === 'service' && `${short.service.namespace}/${short.service.name}`, 'shop/nginx');
  assert.equal(nameMeant(m, 'nginx', backend), undefined, 'no nginx in backend, and nginx.svc.cluster.local is no Service');
  const qualified = nameMeant(m, 'nginx.shop', backend);
  assert.equal(qualified?.fqdn, 'nginx.shop.svc.cluster.local');
  const ep = nameMeant(m, 'web-0.nginx', shop);
  assert.ok(ep && ep.kind === 'service');
  assert.equal(ep.endpoint, 'web-0');
  assert.deepEqual(ep.pods.map((p) => p.name), ['web-0']);
  assert.equal(nameMeant(m, 'web-7.nginx', shop), undefined, 'no such endpoint: not meant');
  assert.equal(nameMeant(m, 'db.backend.svc.cluster.local.', shop)?.fqdn, 'db.backend.svc.cluster.local');
  const ip = m.pod('shop', 'web-1')!.ips[0].ip.replace(/\./g, '-');
  const podName = nameMeant(m, `${ip}.shop.pod.cluster.local`, shop);
  assert.ok(podName && podName.kind === 'pod');
  assert.deepEqual(podName.pods.map((p) => p.name), ['web-1']);
});

test('reachingNames and srvNames of a headless Service', () => {
  const m = model();
  const svc = m.service('shop', 'nginx')!;
  assert.deepEqual(reachingNames(m, svc).map((n) => n.name), ['nginx', 'nginx.shop', 'nginx.shop.svc.cluster.local']);
  // a headless Service's SRV names come from its endpoints' ports, named after the Service port
  assert.deepEqual(srvNames(m, svc).map((s) => s.name), ['_http._tcp.nginx.shop.svc.cluster.local']);
  const a = new Resolver(m).query('_http._tcp.nginx.shop.svc.cluster.local.', 'SRV');
  assert.equal(a.rcode, 'NOERROR');
  assert.equal(a.answers.length, 2);
});

test('zoneEntries: Services, endpoint names, pod names, each with its manifest', () => {
  const m = model();
  const names = zoneEntries(m, new Resolver(m)).map((e) => `${e.type} ${e.name}`);
  assert.ok(names.includes('headless Service nginx.shop.svc.cluster.local'));
  assert.ok(names.includes('endpoint web-0.nginx.shop.svc.cluster.local'));
  assert.ok(names.includes('Service db.backend.svc.cluster.local'));
  assert.ok(names.includes('Service kubernetes.default.svc.cluster.local'));
  assert.ok(names.some((n) => /^pod \d+-\d+-\d+-\d+\.shop\.pod\.cluster\.local$/.test(n)));
  const ep = zoneEntries(m, new Resolver(m)).find((e) => e.name === 'web-0.nginx.shop.svc.cluster.local')!;
  assert.equal(ep.pod?.name, 'web-0');
  assert.equal(ep.span?.file, 'file:///ws/a.yaml');
});

test('buildRefIndex: strings of every object, keyed by the Service and pods they mean', () => {
  const m = model();
  const idx = buildRefIndex(m);
  assert.deepEqual((idx.get(serviceKey('shop', 'nginx')) ?? []).map((h) => h.ref.name), ['web-0.nginx', 'nginx']);
  assert.deepEqual((idx.get(podKey('shop', 'web-0')) ?? []).map((h) => h.ref.name), ['web-0.nginx']);
  assert.deepEqual((idx.get(serviceKey('backend', 'db')) ?? []).map((h) => h.fqdn), ['db.backend.svc.cluster.local']);
});
