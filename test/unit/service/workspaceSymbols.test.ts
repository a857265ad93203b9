// Workspace symbols: the zone's names, matched by substring then subsequence.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture } from './fixture';
import { MAX_SYMBOLS, matchZone, workspaceSymbolsFor } from '../../../server/src/service/workspaceSymbols';
import type { ZoneEntry } from '../../../server/src/core/features/names';

test('workspaceSymbols seed: pod-a.headless1 jumps to pod4', () => {
  const t = fixture('seed');
  const [first] = workspaceSymbolsFor(t.ws, 'pod-a.headless1');
  assert.equal(first.name, 'pod-a.headless1.default.svc.cluster.local');
  assert.equal(first.location.uri, t.uri('pod_headless.yml'));
  assert.equal(first.location.range.start.line, 3);
});

test('workspaceSymbols seed: Services, endpoint names and pod names; built-in Services have no manifest', () => {
  const t = fixture('seed');
  const names = workspaceSymbolsFor(t.ws, '').map((s) => s.name);
  assert.ok(names.includes('headless1.default.svc.cluster.local'));
  assert.ok(names.includes('externalname1.default.svc.cluster.local'));
  assert.ok(names.includes('20-109-5-12.endpoint2.default.svc.cluster.local'));
  const ip = t.ws.model.pod('default', 'pod9')!.ips[0].ip.replace(/\./g, '-');
  assert.ok(names.includes(`${ip}.default.pod.cluster.local`));
  assert.ok(!names.some((n) => n.startsWith('kubernetes.default')));
  // case-insensitive, substring first then subsequence
  assert.equal(workspaceSymbolsFor(t.ws, 'HEADLESS1.DEFAULT.svc')[0].name, 'headless1.default.svc.cluster.local');
  assert.ok(workspaceSymbolsFor(t.ws, 'xtnm1').some((s) => s.name.startsWith('externalname1.')));
});

test('matchZone: ranked and capped', () => {
  const e = (name: string): ZoneEntry => ({ name, type: 'Service', namespace: 'n', detail: '' });
  const entries = [e('b-web.n.svc.cluster.local'), e('web.n.svc.cluster.local'), e('w-e-b.n.svc.cluster.local')];
  assert.deepEqual(matchZone(entries, 'web').map((x) => x.name), ['web.n.svc.cluster.local', 'b-web.n.svc.cluster.local', 'w-e-b.n.svc.cluster.local']);
  const many = Array.from({ length: MAX_SYMBOLS + 50 }, (_, i) => e(`s${i}.n.svc.cluster.local`));
  assert.equal(matchZone(many, 's').length, MAX_SYMBOLS);
});
