// Resolver.records(): every record the cluster DNS serves, built through query() so the two agree;
// deterministic order; and queries that look things up through the view's indexes, never a scan.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resolver, compareRecords, recordText } from '../../../server/src/core/dns/resolver';
import type { ClusterView } from '../../../server/src/core/model/view';
import type { QType } from '../../../server/src/core/dns/types';
import { SECTIONS, load, readExpected } from './helpers';

const FIXTURES = ['seed', 'statefulset', 'notready', 'dualstack', 'endpointslices', 'endpoints', 'namedports', 'endpointpodnames', 'podmodes', 'externalname', 'negative'];

test('every expected question is run by a section test file', () => {
  for (const f of FIXTURES) {
    for (const g of readExpected(f)) for (const q of g.queries) assert.ok(SECTIONS.includes(q.section), `${f}: ${q.q} has section ${q.section}`);
  }
});

test('seed zone, exactly', () => {
  assert.deepEqual(new Resolver(load('seed')).records().map(recordText), [
    '82.7.108.10.in-addr.arpa. 30 IN PTR endpoint2.default.svc.cluster.local.',
    '59.129.111.10.in-addr.arpa. 30 IN PTR endpoint1.default.svc.cluster.local.',
    '108.111.244.10.in-addr.arpa. 30 IN PTR pod-a.headless1.default.svc.cluster.local.',
    '17.183.244.10.in-addr.arpa. 30 IN PTR 10-244-183-17.endpoint1.default.svc.cluster.local.',
    '1.0.96.10.in-addr.arpa. 30 IN PTR kubernetes.default.svc.cluster.local.',
    '10.0.96.10.in-addr.arpa. 30 IN PTR kube-dns.kube-system.svc.cluster.local.',
    '12.5.109.20.in-addr.arpa. 30 IN PTR 20-109-5-12.endpoint2.default.svc.cluster.local.',
    'cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30',
    'cluster.local. 30 IN NS kube-dns.kube-system.svc.cluster.local.',
    'ns.dns.cluster.local. 30 IN A 10.96.0.10',
    'dns-version.cluster.local. 30 IN TXT "1.1.0"',
    '10-244-111-108.default.pod.cluster.local. 30 IN A 10.244.111.108',
    '10-244-137-49.default.pod.cluster.local. 30 IN A 10.244.137.49',
    '10-244-183-17.default.pod.cluster.local. 30 IN A 10.244.183.17',
    'endpoint1.default.svc.cluster.local. 30 IN A 10.111.129.59',
    'endpoint1.default.svc.cluster.local. 30 IN SRV 0 100 8080 endpoint1.default.svc.cluster.local.',
    '10-244-183-17.endpoint1.default.svc.cluster.local. 30 IN A 10.244.183.17',
    '10-244-183-17.endpoint1.default.svc.cluster.local. 30 IN SRV 0 100 8080 10-244-183-17.endpoint1.default.svc.cluster.local.',
    'endpoint2.default.svc.cluster.local. 30 IN A 10.108.7.82',
    'endpoint2.default.svc.cluster.local. 30 IN SRV 0 100 8080 endpoint2.default.svc.cluster.local.',
    '20-109-5-12.endpoint2.default.svc.cluster.local. 30 IN A 20.109.5.12',
    '20-109-5-12.endpoint2.default.svc.cluster.local. 30 IN SRV 0 100 8080 20-109-5-12.endpoint2.default.svc.cluster.local.',
    'externalname1.default.svc.cluster.local. 30 IN CNAME github.github.io.',
    'headless1.default.svc.cluster.local. 30 IN A 10.244.111.108',
    'headless1.default.svc.cluster.local. 30 IN SRV 0 100 8080 pod-a.headless1.default.svc.cluster.local.',
    'pod-a.headless1.default.svc.cluster.local. 30 IN A 10.244.111.108',
    'pod-a.headless1.default.svc.cluster.local. 30 IN SRV 0 100 8080 pod-a.headless1.default.svc.cluster.local.',
    'kubernetes.default.svc.cluster.local. 30 IN A 10.96.0.1',
    'kubernetes.default.svc.cluster.local. 30 IN SRV 0 100 443 kubernetes.default.svc.cluster.local.',
    '_https._tcp.kubernetes.default.svc.cluster.local. 30 IN SRV 0 100 443 kubernetes.default.svc.cluster.local.',
    'kube-dns.kube-system.svc.cluster.local. 30 IN A 10.96.0.10',
    'kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 33 53 kube-dns.kube-system.svc.cluster.local.',
    'kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 33 9153 kube-dns.kube-system.svc.cluster.local.',
    '_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.',
    '_metrics._tcp.kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 100 9153 kube-dns.kube-system.svc.cluster.local.',
    '_dns._udp.kube-dns.kube-system.svc.cluster.local. 30 IN SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.',
  ]);
});

test('records() and query() agree, for every fixture and pod mode', () => {
  for (const f of FIXTURES) {
    for (const settings of [{}, { podRecords: 'verified' as const }, { endpointPodNames: true }]) {
      const r = new Resolver(load(f, settings));
      const recs = r.records();
      // sorted and without duplicates
      for (let i = 1; i < recs.length; i++) assert.ok(compareRecords(recs[i - 1], recs[i]) < 0, `${f}: order at ${recordText(recs[i])}`);
      // every record is what query() answers for its name and type
      for (const rec of recs) {
        const a = r.query(rec.name, rec.type as QType);
        assert.ok(
          a.answers.some((x) => recordText(x) === recordText(rec)),
          `${f} ${JSON.stringify(settings)}: ${recordText(rec)} not in the answer to ${rec.name} ${rec.type}`,
        );
        assert.ok(rec.origin, recordText(rec));
      }
    }
  }
});

test('pod records in the zone follow the pod mode', () => {
  const pods = (s: object) => new Resolver(load('podmodes', s)).records().filter((x) => x.name.endsWith('.pod.cluster.local.')).map(recordText);
  assert.deepEqual(pods({}), [
    '10-244-3-3.apps.pod.cluster.local. 30 IN A 10.244.3.3',
    '10-244-3-4.apps.pod.cluster.local. 30 IN A 10.244.3.4',
    '10-244-3-5.apps.pod.cluster.local. 30 IN A 10.244.3.5',
    'fd00-10-244-3--4.apps.pod.cluster.local. 30 IN AAAA fd00:10:244:3::4',
  ]);
  assert.deepEqual(pods({ podRecords: 'verified' }), ['10-244-3-3.apps.pod.cluster.local. 30 IN A 10.244.3.3', '10-244-3-4.apps.pod.cluster.local. 30 IN A 10.244.3.4']);
  assert.deepEqual(pods({ podRecords: 'disabled' }), []);
});

test('the zone is stable: two loads give the same records', () => {
  const a = new Resolver(load('statefulset')).records().map(recordText);
  const b = new Resolver(load('statefulset', { nodes: 1 })).records().map(recordText);
  assert.deepEqual(a, b);
});

/** A view that records which methods are called. */
function spy(view: ClusterView): { view: ClusterView; calls: string[] } {
  const calls: string[] = [];
  const p = new Proxy(view, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.push(`${String(prop)}(${args.map((a) => JSON.stringify(a)).join(',')})`);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { view: p, calls };
}

test('answers come from the indexes: no listing of Services, pods or namespaces', () => {
  const { view, calls } = spy(load('statefulset'));
  const r = new Resolver(view);
  const questions: [string, QType][] = [
    ['nginx.default.svc.cluster.local.', 'A'],
    ['web-1.nginx.default.svc.cluster.local.', 'A'],
    ['_web._tcp.nginx.default.svc.cluster.local.', 'SRV'],
    ['web.default.svc.cluster.local.', 'SRV'],
    ['237.249.244.10.in-addr.arpa.', 'PTR'],
    ['100.232.105.10.in-addr.arpa.', 'PTR'],
    ['10-244-24-147.default.pod.cluster.local.', 'A'],
    ['cluster.local.', 'NS'],
    ['default.svc.cluster.local.', 'A'],
  ];
  for (const [n, t] of questions) assert.equal(r.query(n, t).rcode, 'NOERROR', n);
  const listing = calls.filter((c) => /^(services|pods|namespaces)\(/.test(c));
  assert.deepEqual(listing, []);
});

test('endpoint-name questions on a large headless Service stay fast', () => {
  const { view } = spy(load('statefulset'));
  const r = new Resolver(view);
  const start = process.hrtime.bigint();
  for (let i = 0; i < 2000; i++) r.query(`web-${i % 3}.nginx.default.svc.cluster.local.`, 'A');
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  assert.ok(ms < 2000, `2000 queries took ${ms} ms`);
});
