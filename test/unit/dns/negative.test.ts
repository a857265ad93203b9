// NXDOMAIN vs NOERROR/NODATA, exactly as CoreDNS's handler.go / parseRequest / findServices decide,
// with the zone's SOA in the authority section; case-insensitive matching; ANY and other types;
// wildcards (no longer supported by CoreDNS); names too long; upstream names.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { load, runExpected } from './helpers';

for (const f of ['seed', 'statefulset', 'notready', 'endpoints', 'negative']) runExpected(f, 'negative');

const SOA = 'cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30';

test('negative answers carry the SOA of the zone in authority, nothing else', () => {
  const r = new Resolver(load('negative'));
  for (const [q, rcode] of [
    ['svc2.full.svc.cluster.local.', 'NXDOMAIN'],
    ['empty.svc.cluster.local.', 'NOERROR'],
    ['svc1.nowhere.svc.cluster.local.', 'NXDOMAIN'],
  ] as const) {
    const a = r.query(q, 'A');
    assert.equal(a.rcode, rcode, q);
    assert.deepEqual(a.answers, []);
    assert.deepEqual(a.authority.map(recordText), [SOA]);
    assert.deepEqual(a.additional, []);
  }
});

test('empty non-terminals exist (NODATA): svc., pod., <ns>.svc., the apex', () => {
  const r = new Resolver(load('negative'));
  for (const q of ['svc.cluster.local.', 'pod.cluster.local.', 'empty.svc.cluster.local.', 'full.svc.cluster.local.', 'cluster.local.', 'empty.pod.cluster.local.']) {
    const a = r.query(q, 'A');
    assert.equal(a.rcode, 'NOERROR', q);
    assert.equal(a.answers.length, 0, q);
  }
});

test('a namespace exists when the view says so: declared, holding objects, or built in', () => {
  const m = load('negative');
  const r = new Resolver(m);
  assert.equal(m.namespaceExists('empty'), true);
  assert.equal(m.namespaceExists('kube-public'), true);
  assert.equal(r.query('kube-public.svc.cluster.local.', 'A').rcode, 'NOERROR');
  assert.equal(r.query('nothing.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
});

test('case-insensitive matching; the answer keeps the question\'s spelling (CoreDNS echoes it)', () => {
  const r = new Resolver(load('negative'));
  const a = r.query('SVC1.Full.SVC.cluster.LOCAL', 'A');
  assert.deepEqual(a.answers.map(recordText), ['SVC1.Full.SVC.cluster.LOCAL. 30 IN A 10.96.30.1']);
  const srv = r.query('_HTTP._Tcp.svc1.full.svc.Cluster.Local.', 'SRV');
  assert.deepEqual(srv.answers.map((x) => x.data), ['0 100 80 svc1.full.svc.Cluster.Local.']);
  assert.deepEqual(srv.additional.map(recordText), ['svc1.full.svc.Cluster.Local. 30 IN A 10.96.30.1']);
  const soa = r.query('Cluster.Local.', 'SOA');
  assert.deepEqual(soa.answers.map(recordText), ['Cluster.Local. 30 IN SOA ns.dns.Cluster.Local. hostmaster.Cluster.Local. 1 7200 1800 86400 30']);
});

test('ANY is answered like an unserved type: NOERROR without records, or NXDOMAIN', () => {
  const r = new Resolver(load('negative'));
  const a = r.query('svc1.full.svc.cluster.local.', 'ANY');
  assert.equal(a.rcode, 'NOERROR');
  assert.deepEqual(a.answers, []);
  assert.equal(r.query('svc2.full.svc.cluster.local.', 'ANY').rcode, 'NXDOMAIN');
  for (const t of ['MX', 'HINFO', 'HTTPS', 'CAA', 'NAPTR', 'SVCB'] as const) {
    assert.equal(r.query('svc1.full.svc.cluster.local.', t).rcode, 'NOERROR', t);
    assert.equal(r.query('svc2.full.svc.cluster.local.', t).rcode, 'NXDOMAIN', t);
  }
});

test('wildcards are plain labels (CoreDNS removed wildcard support)', () => {
  const r = new Resolver(load('statefulset'));
  for (const q of ['*.default.svc.cluster.local.', 'nginx.*.svc.cluster.local.', '*.nginx.default.svc.cluster.local.', 'any.default.svc.cluster.local.']) {
    assert.equal(r.query(q, 'A').rcode, 'NXDOMAIN', q);
  }
});

test('too many labels below a Service: NXDOMAIN', () => {
  const r = new Resolver(load('statefulset'));
  assert.equal(r.query('a.b.c.nginx.default.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(r.query('_web._tcp.web-0.nginx.default.svc.cluster.local.', 'SRV').rcode, 'NXDOMAIN');
});

test('a name no client can send: FORMERR', () => {
  const r = new Resolver(load('negative'));
  assert.equal(r.query(`${'a'.repeat(64)}.full.svc.cluster.local.`, 'A').rcode, 'FORMERR');
  assert.equal(r.query(`${'abcdefgh.'.repeat(30)}cluster.local.`, 'A').rcode, 'FORMERR');
  assert.equal(r.query('a..b.cluster.local.', 'A').rcode, 'FORMERR');
});

test('SOA only at the apex; NS only at the apex, spelled lowercase (a CoreDNS quirk)', () => {
  const r = new Resolver(load('negative'));
  assert.equal(r.query('nope.nowhere.svc.cluster.local.', 'SOA').rcode, 'NOERROR');
  const ns = r.query('cluster.local.', 'NS');
  assert.deepEqual(ns.answers.map(recordText), ['cluster.local. 30 IN NS kube-dns.kube-system.svc.cluster.local.']);
  assert.deepEqual(ns.additional.map(recordText), ['kube-dns.kube-system.svc.cluster.local. 30 IN A 10.96.0.10']);
  const upper = r.query('CLUSTER.LOCAL.', 'NS');
  assert.equal(upper.rcode, 'NOERROR');
  assert.equal(upper.answers.length, 0);
  assert.deepEqual(r.query('ns.dns.cluster.local.', 'A').answers.map(recordText), ['ns.dns.cluster.local. 30 IN A 10.96.0.10']);
});

test('TXT: NODATA for names with other records, NXDOMAIN otherwise (even for empty non-terminals)', () => {
  const r = new Resolver(load('negative'));
  assert.equal(r.query('svc1.full.svc.cluster.local.', 'TXT').rcode, 'NOERROR');
  assert.equal(r.query('full.svc.cluster.local.', 'TXT').rcode, 'NXDOMAIN');
  assert.equal(r.query('cluster.local.', 'TXT').rcode, 'NXDOMAIN');
});

test('zone transfers are refused', () => {
  assert.equal(new Resolver(load('negative')).query('cluster.local.', 'AXFR').rcode, 'REFUSED');
});

test('outside the zones: upstream, never resolved here; special-use names are NXDOMAIN (assumed)', () => {
  const r = new Resolver(load('negative'));
  const g = r.query('google.com', 'A');
  assert.equal(g.upstream, true);
  assert.equal(g.rcode, 'UNKNOWN');
  assert.ok(g.explanation[0].includes('upstream would answer'));
  const p = r.query('printer.local.', 'A');
  assert.equal(p.rcode, 'NXDOMAIN');
  assert.equal(p.assumed, true);
  // another cluster domain is just another name
  assert.equal(r.query('svc1.full.svc.cluster.example.', 'A').upstream, true);
});

test('reverse zones: names the plugin cannot answer fall through upstream instead of NXDOMAIN', () => {
  const r = new Resolver(load('negative'));
  assert.equal(r.query('1.30.96.10.in-addr.arpa.', 'PTR').rcode, 'NOERROR');
  const a = r.query('1.30.96.10.in-addr.arpa.', 'A');
  assert.equal(a.upstream, true);
  const ip6 = r.query('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.', 'PTR');
  assert.equal(ip6.upstream, true);
  assert.equal(ip6.rcode, 'NXDOMAIN');
  assert.equal(r.query('in-addr.arpa.', 'PTR').rcode, 'NOERROR');
});
