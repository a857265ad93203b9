// The stub resolver of a pod: resolv.conf from dnsPolicy + dnsConfig (kubelet dns.go), the search
// rule (ndots, trailing dot) per client (nslookup 9.18, glibc, musl), and whole lookups.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordText } from '../../../server/src/core/dns/resolver';
import { NODE_NAMESERVER, candidates, lookup, resolvConf } from '../../../server/src/core/dns/search';
import { load } from './helpers';

const m = () => load('search');
const pod = (name: string) => ({ pod: m().pod('team-a', name)! });

test('ClusterFirst (the default): cluster DNS, three search domains, ndots:5', () => {
  const rc = resolvConf(m(), { namespace: 'team-a' });
  assert.equal(rc.text, 'nameserver 10.96.0.10\nsearch team-a.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
  assert.equal(rc.ndots, 5);
  assert.equal(rc.base, 'cluster');
  assert.deepEqual(resolvConf(m(), pod('client')), rc);
});

test('dnsPolicy None: dnsConfig only', () => {
  const rc = resolvConf(m(), pod('custom-none'));
  assert.equal(rc.text, 'nameserver 10.96.0.10\nsearch team-b.svc.cluster.local example.internal\noptions ndots:2 edns0\n');
  assert.equal(rc.ndots, 2);
  assert.equal(rc.spans.length, 2);
});

test('ClusterFirst + dnsConfig: nameservers and searches appended without duplicates, options merged by name', () => {
  const rc = resolvConf(m(), pod('custom-cf'));
  assert.deepEqual(rc.nameservers, ['10.96.0.10', '192.0.2.53']);
  assert.deepEqual(rc.searches, ['team-a.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example.test']);
  assert.deepEqual(rc.options, ['ndots:1', 'timeout:2']);
  assert.equal(rc.ndots, 1);
});

test('limits: 3 nameservers, 32 search domains', () => {
  const rc = resolvConf(m(), pod('crowded'));
  assert.deepEqual(rc.nameservers, ['10.96.0.10', '1.1.1.1', '8.8.8.8']);
  assert.equal(rc.searches.length, 32);
  assert.equal(rc.searches[31], 's29.example');
  assert.ok(rc.notes.some((n) => n.includes('9.9.9.9')));
});

test('Default, and ClusterFirst on hostNetwork: the node\'s resolver; ClusterFirstWithHostNet: the cluster DNS', () => {
  for (const name of ['node-dns', 'hostnet']) {
    const rc = resolvConf(m(), pod(name));
    assert.equal(rc.base, 'node', name);
    assert.deepEqual(rc.nameservers, [NODE_NAMESERVER]);
    assert.deepEqual(rc.searches, []);
    assert.equal(rc.ndots, 1);
  }
  assert.ok(resolvConf(m(), pod('hostnet')).notes[0].includes('ClusterFirstWithHostNet'));
  assert.equal(resolvConf(m(), pod('hostnet-cf')).base, 'cluster');
});

test('search rule: fewer dots than ndots → search list then as is; otherwise as is (nslookup, musl) or first (glibc)', () => {
  const rc = resolvConf(m(), { namespace: 'team-a' });
  assert.deepEqual(candidates('db', rc), ['db.team-a.svc.cluster.local.', 'db.svc.cluster.local.', 'db.cluster.local.', 'db.']);
  assert.deepEqual(candidates('a.b.c.d.e.f', rc), ['a.b.c.d.e.f.']);
  assert.deepEqual(candidates('a.b.c.d.e.f', rc, 'musl'), ['a.b.c.d.e.f.']);
  assert.deepEqual(candidates('a.b.c.d.e.f', rc, 'glibc'), ['a.b.c.d.e.f.', 'a.b.c.d.e.f.team-a.svc.cluster.local.', 'a.b.c.d.e.f.svc.cluster.local.', 'a.b.c.d.e.f.cluster.local.']);
  for (const stub of ['nslookup', 'glibc', 'musl'] as const) assert.deepEqual(candidates('db.', rc, stub), ['db.']);
  // 4 dots < 5: even a full cluster name goes through the search list first
  assert.equal(candidates('web.team-b.svc.cluster.local', rc)[0], 'web.team-b.svc.cluster.local.team-a.svc.cluster.local.');
});

test('nslookup uses the first 8 search domains (BIND resconf); musl ignores a search line over 255 characters', () => {
  const rc = resolvConf(m(), pod('crowded'));
  const c = candidates('db', rc);
  assert.equal(c.length, 9);
  assert.equal(c[7], 'db.s5.example.');
  assert.equal(candidates('db', rc, 'glibc').length, 33);
  assert.deepEqual(candidates('db', rc, 'musl'), ['db.']);
});

test('lookup from a namespace: the first search domain answers', () => {
  const r = lookup(m(), 'db', 'A', { namespace: 'team-a' });
  assert.equal(r.rcode, 'NOERROR');
  assert.deepEqual(r.steps.map((s) => s.name), ['db.team-a.svc.cluster.local.']);
  assert.deepEqual(r.answers.map(recordText), ['db.team-a.svc.cluster.local. 30 IN A 10.96.10.1']);
  assert.equal(r.clusterServer, true);
});

test('lookup of <service>.<namespace> goes through the search list to svc.<zone>', () => {
  const r = lookup(m(), 'web.team-b', 'A', { namespace: 'team-a' });
  assert.deepEqual(r.steps.map((s) => [s.name, s.answer.rcode]), [
    ['web.team-b.team-a.svc.cluster.local.', 'NXDOMAIN'],
    ['web.team-b.svc.cluster.local.', 'NOERROR'],
  ]);
  assert.deepEqual(r.answers.map((x) => x.data), ['10.96.20.1']);
});

test('a name found nowhere: every candidate NXDOMAIN, the last one upstream', () => {
  const r = lookup(m(), 'web', 'A', { namespace: 'team-a' });
  assert.deepEqual(r.steps.map((s) => s.answer.rcode), ['NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN', 'NXDOMAIN']);
  assert.equal(r.rcode, 'NXDOMAIN');
  assert.equal(r.upstream, true);
});

test('dnsConfig searches and ndots:2 steer the lookup', () => {
  const r = lookup(m(), 'db', 'A', pod('custom-none'));
  assert.deepEqual(r.answers.map((x) => x.data), ['10.96.20.2']);
  const dotted = lookup(m(), 'x.y.z', 'A', pod('custom-none'));
  assert.deepEqual(dotted.candidates, ['x.y.z.']);
  assert.equal(dotted.rcode, 'UNKNOWN');
});

test('nslookup stops at NODATA; glibc and musl go on (and end with NODATA when nothing else answers)', () => {
  const ns = lookup(m(), 'six.team-b', 'A', { namespace: 'team-a' });
  assert.deepEqual(ns.steps.map((s) => s.name), ['six.team-b.team-a.svc.cluster.local.', 'six.team-b.svc.cluster.local.']);
  assert.equal(ns.rcode, 'NOERROR');
  assert.equal(ns.answers.length, 0);
  const g = lookup(m(), 'six.team-b', 'A', { namespace: 'team-a' }, { stub: 'glibc' });
  assert.equal(g.steps.length, 4);
  assert.equal(g.final!.name, 'six.team-b.svc.cluster.local.');
  assert.equal(g.rcode, 'NOERROR');
  const aaaa = lookup(m(), 'six.team-b', 'AAAA', { namespace: 'team-a' });
  assert.deepEqual(aaaa.answers.map((x) => x.data), ['fd00:10:96::6']);
});

test('dnsPolicy Default: cluster names do not resolve', () => {
  const r = lookup(m(), 'db.team-a.svc.cluster.local', 'A', pod('node-dns'));
  assert.equal(r.clusterServer, false);
  assert.equal(r.rcode, 'NXDOMAIN');
  assert.ok(r.explanation.some((l) => l.includes("node's resolver")));
  const short = lookup(m(), 'db', 'A', pod('hostnet'));
  assert.deepEqual(short.candidates, ['db.']);
  assert.equal(short.answers.length, 0);
});

test('an unknown upstream answer leaves the rest of the walk undetermined', () => {
  const r = lookup(m(), 'x.y.z', 'A', pod('custom-none'), { stub: 'glibc' });
  assert.equal(r.steps.length, 1);
  assert.deepEqual(r.undetermined, ['x.y.z.team-b.svc.cluster.local.', 'x.y.z.example.internal.']);
});
