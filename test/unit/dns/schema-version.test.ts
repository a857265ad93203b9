// Kubernetes DNS specification §2.2 — Record for Schema Version: `dns-version.<zone>. TXT "1.1.0"`.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DNS_SCHEMA_TTL, DNS_SCHEMA_VERSION, Resolver, recordText } from '../../../server/src/core/dns/resolver';
import { load, runExpected } from './helpers';

for (const f of ['seed', 'negative']) runExpected(f, '2.2');

test('dns-version TXT: "1.1.0"; CoreDNS gives it TTL 28800, kubeadm\'s `cache 30` caps it to 30', () => {
  const r = new Resolver(load('seed'));
  const a = r.query('dns-version.cluster.local', 'TXT');
  assert.equal(DNS_SCHEMA_VERSION, '1.1.0');
  assert.equal(DNS_SCHEMA_TTL, 28800);
  assert.equal(a.rcode, 'NOERROR');
  assert.deepEqual(a.answers.map(recordText), ['dns-version.cluster.local. 30 IN TXT "1.1.0"']);
  assert.deepEqual(a.authority, []);
});

test('dns-version follows the cluster domain, not the `ttl` setting (its own 28800, capped to 30)', () => {
  const r = new Resolver(load('seed', { clusterDomain: 'corp.internal', ttl: 10 }));
  assert.deepEqual(r.query('dns-version.corp.internal.', 'TXT').answers.map(recordText), ['dns-version.corp.internal. 30 IN TXT "1.1.0"']);
  assert.equal(r.query('endpoint2.default.svc.corp.internal.', 'A').answers[0].ttl, 10);
  assert.equal(r.query('dns-version.cluster.local.', 'TXT').upstream, true);
});

test('only TXT: dns-version has no A record (NXDOMAIN: not a svc/pod name)', () => {
  const a = new Resolver(load('seed')).query('dns-version.cluster.local.', 'A');
  assert.equal(a.rcode, 'NXDOMAIN');
});

test('the zone lists the schema record', () => {
  const all = new Resolver(load('seed')).records().map(recordText);
  assert.ok(all.includes('dns-version.cluster.local. 30 IN TXT "1.1.0"'));
});
