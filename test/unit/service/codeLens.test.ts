// Code lenses over Services: title and the client's nslookup command.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, workspace } from './fixture';
import { codeLenses } from '../../../server/src/service/codeLens';
import { NslookupCommandId } from '../../../server/src/protocol';

test('codeLens seed: headless, ClusterIP and ExternalName Services', () => {
  const t = fixture('seed');
  const lens = (f: string) => codeLenses(t.ws, t.uri(f));
  const [h] = lens('Headless.yml');
  assert.equal(h.command?.title, 'headless1.default.svc.cluster.local · headless · 1 endpoint');
  assert.equal(h.command?.command, NslookupCommandId);
  assert.equal(NslookupCommandId, 'k8sDnsLens.nslookup');
  assert.deepEqual(h.command?.arguments, [{ name: 'headless1.default.svc.cluster.local.', fromNamespace: 'default' }]);
  assert.deepEqual(h.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 17 } });
  const cip = t.ws.model.service('default', 'endpoint2')!.clusterIPs[0].ip;
  assert.equal(lens('service_ep_2.yml')[0].command?.title, `endpoint2.default.svc.cluster.local · ClusterIP ${cip}`);
  assert.equal(lens('external_svc.yml')[0].command?.title, 'externalname1.default.svc.cluster.local · ExternalName → github.github.io');
  assert.deepEqual(lens('pod_headless.yml'), []);
});

test('codeLens: every Service of a file; a duplicate says it is ignored; not-ready endpoints counted apart', () => {
  const svc = (name: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: team}\nspec:\n  clusterIP: None\n  selector: {app: a}\n${extra}`;
  const pod = (name: string, ready: boolean) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: team, labels: {app: a}}\nspec:\n  containers: [{name: c, image: x}]\nstatus:\n  phase: Running\n  podIPs: [{ip: 10.1.0.${ready ? 1 : 2}}]\n  conditions: [{type: Ready, status: "${ready ? 'True' : 'False'}"}]\n`;
  const t = workspace({ 'a.yaml': `${svc('one')}---\n${svc('two')}`, 'b.yaml': svc('one'), 'pods.yaml': `${pod('p1', true)}---\n${pod('p2', false)}` });
  assert.deepEqual(
    codeLenses(t.ws, t.uri('a.yaml')).map((l) => l.command?.title),
    ['one.team.svc.cluster.local · headless · 1 endpoint (1 not ready)', 'two.team.svc.cluster.local · headless · 1 endpoint (1 not ready)'],
  );
  assert.deepEqual(codeLenses(t.ws, t.uri('b.yaml')).map((l) => l.command?.title), ['one.team.svc.cluster.local · duplicate: ignored']);
});
