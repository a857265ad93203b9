// Kubernetes DNS specification §2.3 — Records for a Service with ClusterIP: A/AAAA, SRV, PTR.
// CoreDNS also serves the Service's endpoints by name below a ClusterIP Service (an extension).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { reverseName } from '../../../server/src/core/dns/ip';
import { load, runExpected } from './helpers';

for (const f of ['seed', 'statefulset', 'notready', 'dualstack', 'endpointslices', 'namedports']) runExpected(f, '2.3');

test('§2.3.1 A: the ClusterIP of the model (simulated, stable)', () => {
  const m = load('seed');
  const ip = m.service('default', 'endpoint2')!.clusterIPs[0];
  assert.equal(ip.simulated, true);
  assert.equal(ip.ip, '10.108.7.82');
  const a = new Resolver(m).query('endpoint2.default.svc.cluster.local.', 'A');
  assert.deepEqual(a.answers.map(recordText), [`endpoint2.default.svc.cluster.local. 30 IN A ${ip.ip}`]);
  assert.equal(a.answers[0].origin!.simulated, true);
  assert.equal(a.answers[0].origin!.spans[0].file.endsWith('service_ep_2.yml'), true);
});

test('§2.3.1 A and AAAA: a RequireDualStack Service answers both families', () => {
  const r = new Resolver(load('dualstack'));
  assert.deepEqual(r.query('dual.net.svc.cluster.local.', 'A').answers.map(recordText), ['dual.net.svc.cluster.local. 30 IN A 10.96.100.10']);
  assert.deepEqual(r.query('dual.net.svc.cluster.local.', 'AAAA').answers.map(recordText), ['dual.net.svc.cluster.local. 30 IN AAAA fd00:10:96::100']);
  // the written ClusterIP is the most specific source
  const o = r.query('dual.net.svc.cluster.local.', 'AAAA').answers[0].origin!;
  assert.equal(o.simulated, false);
  assert.equal(o.spans.length, 2);
});

test('§2.3.2 SRV: _<port>._<proto> per named port, target the Service name, address in Additional', () => {
  const r = new Resolver(load('statefulset'));
  const a = r.query('_http._tcp.web.default.svc.cluster.local.', 'SRV');
  assert.deepEqual(a.answers.map(recordText), ['_http._tcp.web.default.svc.cluster.local. 30 IN SRV 0 100 8080 web.default.svc.cluster.local.']);
  assert.deepEqual(a.additional.map(recordText), ['web.default.svc.cluster.local. 30 IN A 10.105.232.100']);
});

test('§2.3.2 SRV of the bare Service name: every port, weight 100/n (plugin.SRV)', () => {
  const r = new Resolver(load('statefulset'));
  const a = r.query('web.default.svc.cluster.local.', 'SRV');
  assert.deepEqual(a.answers.map((x) => x.data), ['0 50 8080 web.default.svc.cluster.local.', '0 50 9100 web.default.svc.cluster.local.']);
  // one address record for the shared target
  assert.equal(a.additional.length, 1);
});

test('§2.3.2 SRV with two ClusterIPs: one SRV per port, A and AAAA in Additional, weight 50', () => {
  const a = new Resolver(load('dualstack')).query('_http._tcp.dual.net.svc.cluster.local.', 'SRV');
  assert.deepEqual(a.answers.map((x) => x.data), ['0 50 80 dual.net.svc.cluster.local.']);
  assert.deepEqual(a.additional.map(recordText).sort(), ['dual.net.svc.cluster.local. 30 IN A 10.96.100.10', 'dual.net.svc.cluster.local. 30 IN AAAA fd00:10:96::100']);
});

test('§2.3.2 unnamed ports have no _<port> SRV name; a Service without ports has no SRV at all', () => {
  const r = new Resolver(load('negative'));
  assert.equal(r.query('portless.full.svc.cluster.local.', 'A').answers.length, 1);
  const srv = r.query('portless.full.svc.cluster.local.', 'SRV');
  assert.equal(srv.rcode, 'NOERROR');
  assert.equal(srv.answers.length, 0);
});

test('§2.3.3 PTR: IPv4 and IPv6 ClusterIPs point back at the Service', () => {
  const r = new Resolver(load('dualstack'));
  assert.equal(reverseName('fd00:10:96::100'), '0.0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.');
  for (const ip of ['10.96.100.10', 'fd00:10:96::100']) {
    const a = r.query(reverseName(ip)!, 'PTR');
    assert.deepEqual(a.answers.map((x) => x.data), ['dual.net.svc.cluster.local.'], ip);
  }
});

test('endpoint names below a ClusterIP Service (CoreDNS): only ready endpoints', () => {
  const r = new Resolver(load('notready'));
  assert.deepEqual(r.query('10-244-1-11.api-vip.shop.svc.cluster.local.', 'A').answers.map((x) => x.data), ['10.244.1.11']);
  assert.equal(r.query('10-244-1-10.api-vip.shop.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
});
