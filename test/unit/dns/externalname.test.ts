// Kubernetes DNS specification §2.5 — Records for External Name Services: a CNAME to the externalName.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { load, runExpected } from './helpers';

for (const f of ['seed', 'externalname']) runExpected(f, '2.5');

test('seed: externalname1 is a CNAME to github.github.io.; the addresses come from upstream', () => {
  const a = new Resolver(load('seed')).query('externalname1.default.svc.cluster.local', 'A');
  assert.equal(a.rcode, 'NOERROR');
  assert.deepEqual(a.answers.map(recordText), ['externalname1.default.svc.cluster.local. 30 IN CNAME github.github.io.']);
  assert.deepEqual(a.upstreamTargets, ['github.github.io.']);
  assert.equal(a.upstream, false);
  assert.equal(a.answers[0].origin!.spans[0].file.endsWith('external_svc.yml'), true);
});

test('a target inside the cluster zone is chased: CNAME first, then the records it leads to', () => {
  const r = new Resolver(load('externalname'));
  const a = r.query('alias2.ext.svc.cluster.local.', 'A');
  assert.deepEqual(a.answers.map(recordText), [
    'alias2.ext.svc.cluster.local. 30 IN CNAME alias.ext.svc.cluster.local.',
    'alias.ext.svc.cluster.local. 30 IN CNAME backend.ext.svc.cluster.local.',
    'backend.ext.svc.cluster.local. 30 IN A 10.96.50.50',
  ]);
  assert.equal(a.upstreamTargets, undefined);
});

test('a CNAME question gets the CNAME alone', () => {
  const a = new Resolver(load('externalname')).query('alias.ext.svc.cluster.local.', 'CNAME');
  assert.deepEqual(a.answers.map(recordText), ['alias.ext.svc.cluster.local. 30 IN CNAME backend.ext.svc.cluster.local.']);
});

test('a chase that finds nothing drops the CNAME: NOERROR without data (not NXDOMAIN)', () => {
  const r = new Resolver(load('externalname'));
  for (const n of ['dangling', 'self', 'ping']) {
    const a = r.query(`${n}.ext.svc.cluster.local.`, 'A');
    assert.equal(a.rcode, 'NOERROR', n);
    assert.deepEqual(a.answers, [], n);
    assert.equal(a.authority[0].type, 'SOA', n);
  }
  // the internal target has no AAAA: the CNAME goes too
  assert.deepEqual(r.query('alias.ext.svc.cluster.local.', 'AAAA').answers, []);
});

test('no SRV, no endpoints, no ports below an ExternalName; an address as externalName serves nothing', () => {
  const r = new Resolver(load('externalname'));
  assert.equal(r.query('alias.ext.svc.cluster.local.', 'SRV').rcode, 'NOERROR');
  assert.equal(r.query('alias.ext.svc.cluster.local.', 'SRV').answers.length, 0);
  assert.equal(r.query('_http._tcp.alias.ext.svc.cluster.local.', 'SRV').rcode, 'NXDOMAIN');
  assert.equal(r.query('x.alias.ext.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
  assert.equal(r.query('by-ip.ext.svc.cluster.local.', 'A').rcode, 'NXDOMAIN');
});

test('a trailing dot in externalName is kept once', () => {
  const a = new Resolver(load('externalname')).query('outside.ext.svc.cluster.local.', 'AAAA');
  assert.deepEqual(a.answers.map((x) => x.data), ['www.example.com.']);
  assert.deepEqual(a.upstreamTargets, ['www.example.com.']);
});
