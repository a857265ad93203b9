import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildClusterTree, findNode, podDnsName, serviceIcons, worstSeverity, type ClusterNode } from '../../../client/src/views/treeModel';
import { seedTree, pod4 } from './fixtures';

const outline = (nodes: ClusterNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label} — ${n.description}`, ...outline(n.children, depth + 1)]);

test('tree: namespaces → Services → endpoints → pods, labelled with DNS names', () => {
  assert.deepEqual(outline(buildClusterTree(seedTree())), [
    'default — 4 services · not declared · 1 problem',
    '  headless1.default.svc.cluster.local — headless · 1/1 endpoint ready',
    '    pod-a.headless1.default.svc.cluster.local — 10.244.0.5 · ready · simulated',
    '      10-244-0-5.default.pod.cluster.local — pod pod4 · 10.244.0.5 · ready · simulated',
    '  endpoint2.default.svc.cluster.local — 10.96.143.7 · ClusterIP · 1/1 endpoint ready · IP simulated',
    '    20-109-5-12.endpoint2.default.svc.cluster.local — 20.109.5.12 · ready · declared (Endpoints)',
    '  api.default.svc.cluster.local — 10.96.0.20 · ClusterIP · no endpoints · IP simulated · 1 problem',
    '  externalname1.default.svc.cluster.local — CNAME → github.github.io',
    '  Pods selected by no Service — 1 pod',
    '    10-244-0-7.default.pod.cluster.local — pod pod9 · 10.244.0.7 · ready · simulated',
    'kube-system — 1 service',
    '  kube-dns.kube-system.svc.cluster.local — 10.96.0.10 · ClusterIP · no endpoints · built-in',
  ]);
});

test('tree: ids are stable across rebuilds and unique', () => {
  const ids = (nodes: ClusterNode[]): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children)]);
  const a = ids(buildClusterTree(seedTree()));
  const b = ids(buildClusterTree(seedTree()));
  assert.deepEqual(a, b);
  assert.equal(new Set(a).size, a.length);
  assert.ok(a.includes('svc:default/headless1'));
  assert.ok(a.includes('svc:default/headless1/ep:pod=default/pod4'));
});

test('tree: ids stay unique when the data repeats a Service', () => {
  const t = seedTree();
  t.namespaces[0].services.push(structuredClone(t.namespaces[0].services[0]));
  const ids = buildClusterTree(t)[0].children.map((n) => n.id);
  assert.deepEqual(ids.slice(0, 1), ['svc:default/headless1']);
  assert.ok(ids.includes('svc:default/headless1#2'));
});

test('tree: icons per Service type, colored by the worst problem', () => {
  const roots = buildClusterTree(seedTree());
  const svc = (name: string) => findNode(roots, (n) => n.kind === 'service' && n.label.startsWith(`${name}.`))!;
  assert.equal(svc('headless1').icon.id, serviceIcons.Headless);
  assert.equal(svc('externalname1').icon.id, serviceIcons.ExternalName);
  assert.deepEqual(svc('api').icon, { id: serviceIcons.ClusterIP, color: 'problemsWarningIcon.foreground' });
  assert.match(svc('api').tooltip, /selector-matches-no-pod/);
  assert.equal(new Set(Object.values(serviceIcons)).size, 5, 'one icon per type');
});

test('tree: context values drive the menus (dns, manifest)', () => {
  const roots = buildClusterTree(seedTree());
  const headless = findNode(roots, (n) => n.id === 'svc:default/headless1')!;
  assert.equal(headless.contextValue, 'service dns manifest');
  assert.equal(headless.location?.uri, 'file:///ws/seed/Headless.yml');
  assert.equal(headless.collapsible, 'collapsed');
  const ep = headless.children[0];
  assert.equal(ep.contextValue, 'endpoint dns manifest', 'an endpoint without a location reveals its pod');
  assert.equal(ep.fqdn, 'pod-a.headless1.default.svc.cluster.local');
  assert.equal(ep.namespace, 'default');
  assert.equal(roots[0].contextValue, 'namespace');
  assert.equal(roots[0].collapsible, 'expanded');
});

test('tree: a not-ready endpoint and a pod without pod record', () => {
  const t = seedTree();
  const ep = t.namespaces[0].services[0].endpoints[0];
  ep.ready = false;
  ep.pod = { ...pod4, dnsNames: [], ready: false };
  const node = buildClusterTree(t)[0].children[0].children[0];
  assert.equal(node.description, '10.244.0.5 · ready'.replace('ready', 'not ready') + ' · simulated');
  assert.equal(node.icon.id, 'circle-outline');
  assert.equal(node.children[0].label, 'pod4');
  assert.equal(node.children[0].fqdn, undefined);
  assert.equal(node.children[0].contextValue, 'pod manifest');
});

test('podDnsName prefers the pod A record', () => {
  assert.equal(podDnsName(pod4), '10-244-0-5.default.pod.cluster.local');
  assert.equal(podDnsName({ ...pod4, dnsNames: ['pod-a.headless1.default.svc.cluster.local'] }), 'pod-a.headless1.default.svc.cluster.local');
});

test('worstSeverity', () => {
  assert.equal(worstSeverity([]), undefined);
  assert.equal(worstSeverity([{ code: 'a', severity: 'hint', message: '' }, { code: 'b', severity: 'warning', message: '' }]), 'warning');
  assert.equal(worstSeverity([{ code: 'a', severity: 'error', message: '' }, { code: 'b', severity: 'warning', message: '' }]), 'error');
});
