// The seed workspace (the study note on headless Services, Endpoints and ExternalName): every lookup
// the note makes, from a pod of the default namespace through the search list, and by FQDN.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { lookup } from '../../../server/src/core/dns/search';
import { load } from './helpers';

const from = { namespace: 'default' };

test('nslookup headless1 → pod4 (search list and FQDN)', () => {
  const m = load('seed');
  const ip = m.pod('default', 'pod4')!.ips[0].ip;
  const short = lookup(m, 'headless1', 'A', from);
  assert.deepEqual(short.answers.map(recordText), [`headless1.default.svc.cluster.local. 30 IN A ${ip}`]);
  const fq = new Resolver(m).query('headless1.default.svc.cluster.local.', 'A');
  assert.deepEqual(fq.answers.map(recordText), short.answers.map(recordText));
});

test('nslookup pod-a.headless1 → pod4; pod-b.headless1 → NXDOMAIN', () => {
  const m = load('seed');
  const ip = m.pod('default', 'pod4')!.ips[0].ip;
  assert.deepEqual(lookup(m, 'pod-a.headless1', 'A', from).answers.map((x) => x.data), [ip]);
  assert.deepEqual(lookup(m, 'pod-a.headless1.default.svc.cluster.local.', 'A', from).answers.map((x) => x.data), [ip]);
  const b = lookup(m, 'pod-b.headless1', 'A', from);
  assert.equal(b.rcode, 'NXDOMAIN');
  assert.deepEqual(b.steps.map((s) => s.answer.rcode), ['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN']);
  assert.equal(new Resolver(m).query('pod-b.headless1.default.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
});

test('endpoint2 → its ClusterIP; its Endpoints address is explained and has a name', () => {
  const m = load('seed');
  const cip = m.service('default', 'endpoint2')!.clusterIPs[0].ip;
  const r = lookup(m, 'endpoint2', 'A', from);
  assert.deepEqual(r.answers.map((x) => x.data), [cip]);
  assert.ok(r.explanation.some((l) => l.includes('20.109.5.12')));
  const byName = new Resolver(m).query('20-109-5-12.endpoint2.default.svc.cluster.local', 'A');
  assert.deepEqual(byName.answers.map(recordText), ['20-109-5-12.endpoint2.default.svc.cluster.local. 30 IN A 20.109.5.12']);
  assert.ok(byName.answers[0].origin!.spans[0].file.endsWith('endpoint_for_2.yml'));
  assert.equal(byName.answers[0].origin!.simulated, false);
});

test('externalname1 → CNAME github.github.io. (search list and FQDN)', () => {
  const m = load('seed');
  for (const name of ['externalname1', 'externalname1.default.svc.cluster.local.']) {
    const r = lookup(m, name, 'A', from);
    assert.equal(r.rcode, 'NOERROR', name);
    assert.deepEqual(r.answers.map(recordText), ['externalname1.default.svc.cluster.local. 30 IN CNAME github.github.io.'], name);
  }
  // without the trailing dot, 4 dots < ndots 5: the search list comes first (three NXDOMAINs)
  assert.equal(lookup(m, 'externalname1.default.svc.cluster.local', 'A', from).steps.length, 4);
});

test('the simulated addresses of the seed are stable', () => {
  const m = load('seed');
  assert.deepEqual(
    m.pods('default').map((p) => `${p.name} ${p.ips.map((i) => i.ip).join(',')}`),
    ['pod7 10.244.183.17', 'pod9 10.244.137.49', 'pod4 10.244.111.108'],
  );
  assert.deepEqual(
    m.services('default').filter((s) => s.clusterIPs.length).map((s) => `${s.name} ${s.clusterIPs[0].ip}`),
    ['endpoint1 10.111.129.59', 'endpoint2 10.108.7.82', 'kubernetes 10.96.0.1'],
  );
});
