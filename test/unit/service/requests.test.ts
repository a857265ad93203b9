// The custom requests of protocol.ts, called directly: nslookup, clusterTree, fqdnAt, zoneNames.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, workspace } from './fixture';
import { nslookupRequest } from '../../../server/src/service/nslookup';
import { clusterTree } from '../../../server/src/service/clusterTree';
import { fqdnAt } from '../../../server/src/service/fqdnAt';
import { zoneNames } from '../../../server/src/service/zoneNames';

test('nslookup: from a namespace — JSON, text with file:line relative to the folder, locations', () => {
  const t = fixture('seed');
  const ip = t.ws.model.pod('default', 'pod4')!.ips[0].ip;
  const r = nslookupRequest(t.ws, { name: 'pod-a.headless1', fromNamespace: 'default' });
  assert.equal(r.json.rcode, 'NOERROR');
  assert.deepEqual(r.json.answers.map((a) => a.data), [ip]);
  assert.deepEqual(r.json.tried, ['pod-a.headless1.default.svc.cluster.local.']);
  // real nslookup first says the cluster DNS does not offer recursion (CoreDNS never sets RA), then the server
  assert.match(r.text, /^;; Got recursion not available from 10\.96\.0\.10\nServer:\t\t10\.96\.0\.10\n/);
  assert.ok(r.text.includes(`Name:\tpod-a.headless1.default.svc.cluster.local\nAddress: ${ip}\n`), r.text);
  assert.match(r.text, /\n; .*\(pod_headless\.yml:4, Headless\.yml:4\)/);
  assert.ok(r.locations.some((l) => l.uri === t.uri('pod_headless.yml') && l.range.start.line === 3 && /Pod default\/pod4/.test(l.label)));
  assert.ok(r.locations.some((l) => l.uri === t.uri('Headless.yml')));
});

test('nslookup: type, from a pod, and refused parameters', () => {
  const t = fixture('seed');
  const r = nslookupRequest(t.ws, { name: 'externalname1', type: 'CNAME', fromPod: 'default/pod4' });
  assert.deepEqual(r.json.answers.map((a) => a.data), ['github.github.io.']);
  assert.equal(r.json.query.type, 'CNAME');
  const nx = nslookupRequest(t.ws, { name: 'pod-b.headless1' });
  assert.equal(nx.json.rcode, 'NXDOMAIN');
  assert.match(nx.text, /\*\* server can't find pod-b\.headless1: NXDOMAIN/);
  assert.throws(() => nslookupRequest(t.ws, { name: 'x', type: 'BOGUS' }), /unknown query type/);
  assert.throws(() => nslookupRequest(t.ws, { name: 'x', fromPod: 'default/nope' }), /no pod default\/nope/);
  assert.throws(() => nslookupRequest(t.ws, { name: ' ' }), /not a name/);
  assert.throws(() => nslookupRequest(t.ws, { name: 'x', fromNamespace: 'Not_A_Namespace' }), /not a namespace name/);
});

test('clusterTree seed: namespaces → Services → endpoints → pods, other pods, stats', () => {
  const t = fixture('seed');
  const tree = clusterTree(t.ws);
  assert.equal(tree.clusterDomain, 'cluster.local');
  assert.equal(tree.dnsServiceIP, '10.96.0.10');
  const def = tree.namespaces.find((n) => n.name === 'default')!;
  const byName = new Map(def.services.map((s) => [s.name, s]));
  const h = byName.get('headless1')!;
  assert.equal(h.kind, 'Headless');
  assert.equal(h.fqdn, 'headless1.default.svc.cluster.local');
  assert.equal(h.endpoints.length, 1);
  const ep = h.endpoints[0];
  assert.equal(ep.dnsName, 'pod-a.headless1.default.svc.cluster.local');
  assert.equal(ep.hostname, 'pod-a');
  assert.equal(ep.source, 'controller');
  assert.equal(ep.pod?.name, 'pod4');
  assert.ok(ep.pod?.dnsNames.includes('pod-a.headless1.default.svc.cluster.local'));
  assert.ok(ep.pod?.dnsNames.some((n) => n.endsWith('.default.pod.cluster.local')));
  assert.equal(ep.pod?.location?.uri, t.uri('pod_headless.yml'));
  assert.equal(h.location?.range.start.line, 3);
  assert.equal(byName.get('endpoint2')!.endpoints[0].source, 'Endpoints');
  assert.equal(byName.get('externalname1')!.externalName, 'github.github.io');
  assert.equal(byName.get('kubernetes')!.builtin, true);
  assert.deepEqual(def.otherPods.map((p) => p.name), ['pod9']);
  assert.deepEqual(tree.stats, { services: 4, pods: 3, problems: tree.stats.problems, files: 8, indexing: false });
});

test('clusterTree: the problems of each Service', () => {
  const t = workspace({ 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: lonely}\nspec:\n  selector: {app: none}\n  ports: [{port: 80}]\n' });
  const svc = clusterTree(t.ws).namespaces.find((n) => n.name === 'default')!.services.find((s) => s.name === 'lonely')!;
  assert.deepEqual(svc.problems.map((p) => p.code), ['selector-matches-no-pod']);
});

test('fqdnAt seed: the name under the cursor and the manifest\'s namespace', () => {
  const t = fixture('seed');
  const at = (f: string, needle: string, d = 1) => fqdnAt(t.ws, t.uri(f), t.offsetOf(f, needle, d));
  assert.deepEqual(at('Headless.yml', 'headless1'), { fqdn: 'headless1.default.svc.cluster.local', namespace: 'default' });
  assert.deepEqual(at('pod_headless.yml', 'pod-a'), { fqdn: 'pod-a.headless1.default.svc.cluster.local', namespace: 'default' });
  assert.deepEqual(at('pod_headless.yml', 'pod4'), { fqdn: 'pod-a.headless1.default.svc.cluster.local', namespace: 'default' });
  assert.deepEqual(at('endpoint_for_2.yml', '20.109'), { fqdn: '20-109-5-12.endpoint2.default.svc.cluster.local', namespace: 'default' });
  assert.deepEqual(at('Headless.yml', 'apiVersion', 0), { namespace: 'default' });
  assert.deepEqual(fqdnAt(t.ws, 'file:///nowhere.yaml', 0), {});
  const ip = t.ws.model.pod('default', 'pod9')!.ips[0].ip.replace(/\./g, '-');
  assert.deepEqual(at('pod_ep_2.yml', 'pod9'), { fqdn: `${ip}.default.pod.cluster.local`, namespace: 'default' });
});

test('zoneNames seed: Services first, then endpoint and pod names; namespaces; pods', () => {
  const t = fixture('seed');
  const z = zoneNames(t.ws);
  const names = z.names.map((n) => n.name);
  assert.ok(names.indexOf('headless1.default.svc.cluster.local') < names.indexOf('pod-a.headless1.default.svc.cluster.local'));
  assert.equal(z.names.find((n) => n.name === 'externalname1.default.svc.cluster.local')?.detail, 'CNAME github.github.io');
  assert.ok(z.namespaces.includes('default') && z.namespaces.includes('kube-system'));
  assert.deepEqual(z.pods, ['default/pod4', 'default/pod7', 'default/pod9']);
});
