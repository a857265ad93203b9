import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fromItems, nameItems, ptrName, queryTitle, typeItems } from '../../../client/src/nslookup/pickModel';
import type { ZoneNamesResult } from '../../../server/src/protocol';

const zone: ZoneNamesResult = {
  names: [
    { name: 'headless1.default.svc.cluster.local', type: 'A', detail: 'headless Service' },
    { name: 'pod-a.headless1.default.svc.cluster.local', type: 'A', detail: 'pod4' },
  ],
  namespaces: ['default', 'kube-system', 'team-a'],
  pods: ['default/pod4', 'team-a/web-0'],
};

test('name step: zone names, and what is typed (looked up as typed, search list and all)', () => {
  assert.deepEqual(
    nameItems(zone, '').map((i) => i.label),
    ['headless1.default.svc.cluster.local', 'pod-a.headless1.default.svc.cluster.local'],
  );
  const typed = nameItems(zone, ' pod-a.headless1 ');
  assert.deepEqual(typed[2], { name: 'pod-a.headless1', label: 'pod-a.headless1', description: 'look up this name as typed', alwaysShow: true });
  assert.deepEqual(typed.slice(0, 2), nameItems(zone, ''), 'zone names keep their index (VS Code knows items by index)');
  assert.equal(nameItems(zone, 'headless1.default.svc.cluster.local').length, 2, 'no duplicate of a listed name');
  assert.equal(nameItems(zone, 'headless1.default.svc.cluster.local.')[2].name, 'headless1.default.svc.cluster.local.', 'an absolute name is a query of its own');
});

test('name step without zone names (server without k8sDnsLens/zoneNames): only the typed name', () => {
  assert.deepEqual(nameItems(undefined, ''), []);
  assert.deepEqual(nameItems(undefined, 'x').map((i) => i.name), ['x']);
});

test('type step: A first', () => {
  const t = typeItems().map((i) => i.type);
  assert.equal(t[0], 'A');
  assert.deepEqual([...t].sort(), ['A', 'AAAA', 'ANY', 'CNAME', 'PTR', 'SRV', 'TXT']);
});

test('from step: the default namespace first, then the others, then pods', () => {
  const items = fromItems(zone, 'team-a', 'namespace of the active manifest');
  assert.deepEqual(
    items.map((i) => i.from),
    [{ fromNamespace: 'team-a' }, { fromNamespace: 'default' }, { fromNamespace: 'kube-system' }, { fromPod: 'default/pod4' }, { fromPod: 'team-a/web-0' }],
  );
  assert.match(items[0].description!, /namespace of the active manifest/);
  assert.deepEqual(fromItems(undefined, 'default', 'k8sDnsLens.defaultNamespace').map((i) => i.from), [{ fromNamespace: 'default' }]);
});

test('PTR: an IPv4 address becomes its in-addr.arpa name', () => {
  assert.equal(ptrName('10.96.0.10', 'PTR'), '10.0.96.10.in-addr.arpa');
  assert.equal(ptrName('10.96.0.10', 'A'), '10.96.0.10');
  assert.equal(ptrName('10.0.96.10.in-addr.arpa', 'PTR'), '10.0.96.10.in-addr.arpa');
});

test('query title', () => {
  assert.equal(queryTitle({ name: 'pod-a.headless1', type: 'A', fromNamespace: 'default' }), 'pod-a.headless1 A from default');
  assert.equal(queryTitle({ name: 'x', fromPod: 'ns/p' }), 'x A from pod ns/p');
});
