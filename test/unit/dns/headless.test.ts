// Kubernetes DNS specification §2.4 — Records for a Headless Service: A/AAAA of ready endpoints,
// per-endpoint <hostname>.<service> names, SRV per endpoint and named port, PTR of endpoints.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { reverseName } from '../../../server/src/core/dns/ip';
import { load, runExpected } from './helpers';

for (const f of ['seed', 'statefulset', 'notready', 'dualstack', 'endpointslices', 'endpoints', 'namedports', 'endpointpodnames']) runExpected(f, '2.4');

test('seed: headless1 resolves to pod4, whose address is simulated — read from the model, and stable', () => {
  const m = load('seed');
  const pod4 = m.pod('default', 'pod4')!;
  assert.equal(pod4.ips.length, 1);
  assert.equal(pod4.ips[0].simulated, true);
  assert.equal(pod4.ips[0].ip, '10.244.111.108');
  const r = new Resolver(m);
  for (const name of ['headless1.default.svc.cluster.local.', 'pod-a.headless1.default.svc.cluster.local.']) {
    const a = r.query(name, 'A');
    assert.deepEqual(a.answers.map(recordText), [`${name} 30 IN A ${pod4.ips[0].ip}`]);
    assert.deepEqual(a.answers[0].origin!.spans.map((s) => s.file.split('/').pop()), ['pod_headless.yml', 'Headless.yml']);
    assert.equal(a.answers[0].origin!.simulated, true);
  }
  assert.equal(r.query('pod-b.headless1.default.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
});

test('StatefulSet: web-N.nginx for every replica, from the model', () => {
  const m = load('statefulset');
  const r = new Resolver(m);
  for (let i = 0; i < 3; i++) {
    const pod = m.pod('default', `web-${i}`)!;
    const a = r.query(`web-${i}.nginx.default.svc.cluster.local`, 'A');
    assert.deepEqual(a.answers.map((x) => x.data), [pod.ips[0].ip]);
    // and back
    const ptr = r.query(reverseName(pod.ips[0].ip)!, 'PTR');
    assert.ok(ptr.answers.some((x) => x.data === `web-${i}.nginx.default.svc.cluster.local.`));
  }
  assert.equal(r.query('web-3.nginx.default.svc.cluster.local', 'A').rcode, 'NXDOMAIN');
});

test('§2.4.1 A of the Service: every ready endpoint, deduplicated, in endpoint order', () => {
  const a = new Resolver(load('statefulset')).query('nginx.default.svc.cluster.local.', 'A');
  assert.deepEqual(a.answers.map((x) => x.data), ['10.244.249.237', '10.244.24.147', '10.244.159.200']);
});

test('§2.4.1 no ready endpoint: NXDOMAIN, with the reason', () => {
  const r = new Resolver(load('notready'));
  const w = r.query('worker.shop.svc.cluster.local.', 'A');
  assert.equal(w.rcode, 'NXDOMAIN');
  assert.ok(w.explanation.some((l) => l.includes('not ready')));
  const g = r.query('ghost.shop.svc.cluster.local.', 'A');
  assert.equal(g.rcode, 'NXDOMAIN');
  assert.ok(g.explanation.some((l) => l.includes('matches no pod')));
});

test('publishNotReadyAddresses publishes not-ready and terminating pods', () => {
  const r = new Resolver(load('notready'));
  assert.deepEqual(r.query('api.shop.svc.cluster.local.', 'A').answers.map((x) => x.data), ['10.244.1.11']);
  assert.deepEqual(r.query('api-all.shop.svc.cluster.local.', 'A').answers.map((x) => x.data), ['10.244.1.10', '10.244.1.11', '10.244.1.12']);
});

test('§2.4.2 SRV: one per ready endpoint and named port; weights over all entries; -1 port counted, not served', () => {
  const r = new Resolver(load('endpointslices'));
  const bare = r.query('db.data.svc.cluster.local.', 'SRV');
  assert.deepEqual(bare.answers.map((x) => x.data), [
    '0 20 5432 primary.db.data.svc.cluster.local.',
    '0 20 5432 replica.db.data.svc.cluster.local.',
    '0 20 5432 10-10-0-4.db.data.svc.cluster.local.',
    '0 20 5432 fd00-10-10--1.db.data.svc.cluster.local.',
  ]);
  assert.deepEqual(bare.additional.map(recordText), [
    'primary.db.data.svc.cluster.local. 30 IN A 10.10.0.1',
    'replica.db.data.svc.cluster.local. 30 IN A 10.10.0.2',
    '10-10-0-4.db.data.svc.cluster.local. 30 IN A 10.10.0.4',
    'fd00-10-10--1.db.data.svc.cluster.local. 30 IN AAAA fd00:10:10::1',
  ]);
  const named = r.query('_pg._tcp.db.data.svc.cluster.local.', 'SRV');
  assert.ok(named.answers.every((x) => x.data.startsWith('0 25 5432 ')));
});

test('EndpointSlice conditions: ready nil and true are served, false is not', () => {
  const r = new Resolver(load('endpointslices'));
  assert.equal(r.query('primary.db.data.svc.cluster.local.', 'A').rcode, 'NOERROR');
  assert.equal(r.query('replica.db.data.svc.cluster.local.', 'A').rcode, 'NOERROR');
  assert.equal(r.query('broken.db.data.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
  // the FQDN slice is ignored
  const all = r.query('db.data.svc.cluster.local.', 'A');
  assert.ok(!all.answers.some((x) => x.data.includes('example')));
});

test('named targetPort: the endpoint of a pod without that container port has no such port', () => {
  const r = new Resolver(load('namedports'));
  const a = r.query('_http._tcp.web-headless.default.svc.cluster.local.', 'SRV');
  assert.deepEqual(a.answers.map((x) => x.data), ['0 100 8080 10-244-7-1.web-headless.default.svc.cluster.local.']);
  const b = r.query('web-headless.default.svc.cluster.local.', 'SRV');
  assert.deepEqual(b.answers.map((x) => x.data), [
    '0 33 8080 10-244-7-1.web-headless.default.svc.cluster.local.',
    '0 33 9000 10-244-7-1.web-headless.default.svc.cluster.local.',
    '0 33 9000 10-244-7-2.web-headless.default.svc.cluster.local.',
  ]);
});

test('hostname rule: a hostname is published only under the Service its subdomain names', () => {
  const r = new Resolver(load('statefulset'));
  const a = r.query('web-0.web.default.svc.cluster.local.', 'A');
  assert.equal(a.rcode, 'NXDOMAIN');
  assert.ok(a.explanation.some((l) => l.includes('its subdomain is "nginx", not "web"')));
});

test('endpoint_pod_names: pod names (under 64 characters) replace dashed addresses; hostname still wins', () => {
  const m = load('endpointpodnames', { endpointPodNames: true });
  const r = new Resolver(m);
  const pods = m.pods('default').filter((p) => p.workload);
  assert.equal(pods.length, 2);
  for (const p of pods) {
    assert.deepEqual(r.query(`${p.name}.api.default.svc.cluster.local.`, 'A').answers.map((x) => x.data), [p.ips[0].ip]);
  }
  assert.deepEqual(r.query('leader.api.default.svc.cluster.local.', 'A').answers.map((x) => x.data), ['10.244.9.9']);
  assert.deepEqual(r.query('10-244-9-10.api.default.svc.cluster.local.', 'A').answers.map((x) => x.data), ['10.244.9.10']);
  // without the option: dashed addresses
  const plain = new Resolver(load('endpointpodnames'));
  assert.equal(plain.query(`${pods[0].name}.api.default.svc.cluster.local.`, 'A').rcode, 'NXDOMAIN');
});

test('§2.4.3 PTR of endpoints; not-ready endpoints have none (the question falls through upstream)', () => {
  const r = new Resolver(load('endpointslices'));
  assert.deepEqual(r.query('1.0.10.10.in-addr.arpa.', 'PTR').answers.map((x) => x.data), ['primary.db.data.svc.cluster.local.']);
  const nr = r.query('3.0.10.10.in-addr.arpa.', 'PTR');
  assert.equal(nr.upstream, true);
  assert.equal(nr.answers.length, 0);
  const v6 = r.query(reverseName('fd00:10:10::1')!, 'PTR');
  assert.deepEqual(v6.answers.map((x) => x.data), ['fd00-10-10--1.db.data.svc.cluster.local.']);
});

test('dual-stack headless: A and AAAA under the same hostname', () => {
  const r = new Resolver(load('dualstack'));
  assert.deepEqual(r.query('dual-0.dual-headless.net.svc.cluster.local', 'A').answers.map((x) => x.data), ['10.244.2.5']);
  assert.deepEqual(r.query('dual-0.dual-headless.net.svc.cluster.local', 'AAAA').answers.map((x) => x.data), ['fd00:10:244:2::5']);
});
