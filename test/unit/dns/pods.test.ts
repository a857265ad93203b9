// Pod records: `<a-b-c-d>.<ns>.pod.<zone>` (CoreDNS `pods insecure|verified|disabled`; not in the
// specification since 1.1.0, served by every kubeadm cluster in `insecure` mode).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { load, runExpected } from './helpers';

for (const f of ['seed', 'podmodes', 'dualstack']) runExpected(f, 'pods');

test('insecure (kubeadm): any well-formed address name in an existing namespace, pod or not', () => {
  const r = new Resolver(load('podmodes'));
  assert.deepEqual(r.query('10-244-3-3.apps.pod.cluster.local.', 'A').answers.map(recordText), ['10-244-3-3.apps.pod.cluster.local. 30 IN A 10.244.3.3']);
  assert.deepEqual(r.query('1-2-3-4.apps.pod.cluster.local.', 'A').answers.map((x) => x.data), ['1.2.3.4']);
  assert.equal(r.query('1-2-3-4.nowhere.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  // Go's net.ParseIP: no leading zeros in IPv4 fields
  assert.equal(r.query('1-2-3-04.apps.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  // IPv6: dashes for colons, any spelling that parses; printed canonically
  assert.deepEqual(r.query('fd00-0010-0244-0003-0000-0000-0000-0004.apps.pod.cluster.local.', 'AAAA').answers.map((x) => x.data), ['fd00:10:244:3::4']);
  // family: an IPv4 name has no AAAA, an IPv6 name no A (NODATA)
  const nd = r.query('10-244-3-3.apps.pod.cluster.local.', 'AAAA');
  assert.equal(nd.rcode, 'NOERROR');
  assert.equal(nd.answers.length, 0);
});

test('seed pods by address (simulated addresses, read from the model)', () => {
  const m = load('seed');
  const r = new Resolver(m);
  for (const name of ['pod4', 'pod7', 'pod9']) {
    const ip = m.pod('default', name)!.ips[0];
    const a = r.query(`${ip.ip.replace(/\./g, '-')}.default.pod.cluster.local`, 'A');
    assert.deepEqual(a.answers.map((x) => x.data), [ip.ip]);
    assert.equal(a.answers[0].origin!.simulated, true);
    assert.ok(a.answers[0].origin!.summary.includes(`Pod default/${name}`));
  }
});

test('verified: only the primary address of a non-terminating pod of that namespace', () => {
  const r = new Resolver(load('podmodes', { podRecords: 'verified' }));
  assert.equal(r.query('10-244-3-3.apps.pod.cluster.local.', 'A').rcode, 'NOERROR');
  assert.equal(r.query('10-244-3-99.apps.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(r.query('10-244-3-5.apps.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(r.query('fd00-10-244-3--4.apps.pod.cluster.local.', 'AAAA').rcode, 'NXDOMAIN');
  assert.equal(r.query('10-244-3-3.default.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  // compared as text: a non-canonical spelling of the address does not match
  assert.equal(r.query('010-244-3-3.apps.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
});

test('disabled: everything under pod. is NXDOMAIN except the subtree itself', () => {
  const r = new Resolver(load('podmodes', { podRecords: 'disabled' }));
  assert.equal(r.query('10-244-3-3.apps.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(r.query('apps.pod.cluster.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(r.query('pod.cluster.local.', 'A').rcode, 'NOERROR');
});

test('CoreDNS ignores labels left of the pod label, and SRV gives port 0', () => {
  const r = new Resolver(load('podmodes'));
  assert.deepEqual(r.query('x.10-244-3-3.apps.pod.cluster.local.', 'A').answers.map((x) => x.data), ['10.244.3.3']);
  assert.deepEqual(r.query('10-244-3-3.apps.pod.cluster.local.', 'SRV').answers.map((x) => x.data), ['0 100 0 10-244-3-3.apps.pod.cluster.local.']);
});

test('pods get no PTR records: the reverse question falls through upstream', () => {
  const a = new Resolver(load('podmodes')).query('3.3.244.10.in-addr.arpa.', 'PTR');
  assert.equal(a.upstream, true);
  assert.equal(a.rcode, 'NXDOMAIN');
  assert.equal(a.assumed, true);
});
