// Questions by address (who has 10.244.3.7: pods, Services by cluster IP, endpoints) visit only the
// namespaces that have the address (ClusterModel's address owners), kept up to date across edits,
// removals, a sliced refresh, the idle warm-up and new settings. Every answer is checked against a
// plain scan of every namespace of the model, in namespace order.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { scanFolder } from '../../../server/src/core/workspace/scan';
import type { FileResult } from '../../../server/src/core/manifest/objects';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test', 'fixtures');
const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

function read(dir: string): FileResult[] {
  return scanFolder(dir).map((f) => readManifestText(f, fs.readFileSync(f, 'utf8')));
}

/** Every address in the model, by kind, from a scan of every namespace (not from the model's indexes). */
function scan(m: ClusterModel): { pods: Map<string, string[]>; services: Map<string, string[]>; endpoints: Map<string, string[]> } {
  const pods = new Map<string, string[]>();
  const services = new Map<string, string[]>();
  const endpoints = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, ip: string, v: string) => {
    const l = map.get(ip) ?? [];
    l.push(v);
    map.set(ip, l);
  };
  for (const ns of m.namespaces()) {
    const state = m.namespace(ns);
    if (!state) continue;
    for (const s of state.services.values()) {
      for (const c of s.clusterIPs) add(services, c.ip, `${ns}/${s.name}`);
      for (const e of s.endpoints) add(endpoints, e.ip, `${ns}/${s.name}/${e.pod?.name ?? e.hostname ?? ''}`);
    }
    for (const p of state.pods.values()) for (const ip of p.ips) add(pods, ip.ip, `${ns}/${p.name}`);
  }
  return { pods, services, endpoints };
}

/** The model's answers for every address the scan found (and a few no namespace has) equal the scan's. */
function sameAnswers(m: ClusterModel, label: string): number {
  const want = scan(m);
  const ips = new Set([...want.pods.keys(), ...want.services.keys(), ...want.endpoints.keys(), '10.244.255.254', '192.0.2.1', 'fd00:10:244::ffff']);
  for (const ip of ips) {
    assert.deepEqual(m.podsByIP(ip).map((p) => `${p.namespace}/${p.name}`), want.pods.get(ip) ?? [], `${label}: pods at ${ip}`);
    assert.deepEqual(m.servicesByClusterIP(ip).map((s) => `${s.namespace}/${s.name}`), want.services.get(ip) ?? [], `${label}: Services at ${ip}`);
    assert.deepEqual(
      m.endpointsByIP(ip).map((h) => `${h.service.namespace}/${h.service.name}/${h.endpoint.pod?.name ?? h.endpoint.hostname ?? ''}`),
      want.endpoints.get(ip) ?? [],
      `${label}: endpoints at ${ip}`,
    );
  }
  return ips.size;
}

function model(files: FileResult[], settings = {}): ClusterModel {
  const m = new ClusterModel(settings);
  for (const f of files) m.setFile(f);
  m.refresh();
  return m;
}

test('answers by address equal a scan of every namespace, before and after edits', () => {
  const files = read(fixtures);
  const m = model(files);
  assert.ok(sameAnswers(m, 'built') > 20);

  // a declared Service address written in a second namespace too: two namespaces own it, in name order
  const svcFile = files.find((f) => f.objects.some((o) => o.type === 'Service' && o.spec.clusterIP?.value && o.spec.clusterIP.value !== 'None'));
  assert.ok(svcFile, 'a fixture Service declares its cluster IP');
  const svc = svcFile.objects.find((o) => o.type === 'Service' && o.spec.clusterIP?.value && o.spec.clusterIP.value !== 'None')!;
  const ip = svc.type === 'Service' ? svc.spec.clusterIP!.value : '';
  const twin = readManifestText('/virtual/twin.yaml', `apiVersion: v1\nkind: Service\nmetadata:\n  name: twin\n  namespace: aaa-first\nspec:\n  clusterIP: ${ip}\n  ports:\n    - port: 80\n`);
  m.setFile(twin);
  m.refresh();
  assert.equal(m.servicesByClusterIP(ip).length, 2, 'both Services with the address');
  sameAnswers(m, 'twin added');

  // a pod renamed (its address moves), a file removed and put back, asked in between and not
  const podFile = files.find((f) => f.objects.some((o) => o.type === 'Pod'))!;
  const renamed = readManifestText(podFile.file, fs.readFileSync(podFile.file, 'utf8').replace(/^( {2}name: )(\S+)$/m, '$1$2-renamed'));
  m.setFile(renamed);
  m.refresh();
  // brought up to date ahead of the questions (as the server does when a document opens)
  const state = (x: ClusterModel) => x as unknown as { ownersValid: boolean };
  assert.equal(state(m).ownersValid, false);
  m.indexAddresses();
  assert.equal(state(m).ownersValid, true);
  assert.equal(m.unindexedNamespaces(), 0);
  sameAnswers(m, 'pod renamed');
  m.removeFile(svcFile.file);
  m.refresh();
  m.removeFile(twin.file);
  m.refresh();
  sameAnswers(m, 'two files removed, asked once after both');
  m.setFile(svcFile);
  m.setFile(podFile);
  m.refresh();
  sameAnswers(m, 'put back');
  assert.equal(sameAnswers(model(files), 'fresh'), sameAnswers(m, 'as fresh'));

  // new settings: every namespace rebuilt against other ranges
  m.updateSettings({ podCIDR: '10.32.0.0/20', serviceCIDR: '10.100.0.0/24' });
  m.refresh();
  sameAnswers(m, 'new ranges');
});

test('answers by address during a sliced refresh and after the idle warm-up; dual stack', () => {
  for (const dir of [fixtures, path.join(fixtures, 'dualstack')]) {
    const files = read(dir);
    const m = new ClusterModel();
    for (const f of files) m.setFile(f);
    const steps = m.refreshInSlices(1);
    steps.next();
    // asked between slices: from the builds as they stand, and the same as a scan of them
    sameAnswers(m, `${dir}: between slices`);
    while (!steps.next().done) sameAnswers(m, `${dir}: between slices`);
    sameAnswers(m, `${dir}: refreshed`);
    const warm = m.warmIndexes(2);
    while (!warm.next().done);
    sameAnswers(m, `${dir}: warmed`);
  }
});

test('a generated workspace (bundles spanning namespaces): the same answers, also after editing a bundle', { skip: !fs.existsSync(generator) && 'no generator' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-owners-'));
  try {
    const ws = path.join(dir, 'ws');
    const r = spawnSync(process.execPath, [generator, '300', ws], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = read(ws);
    const m = model(files);
    assert.ok(sameAnswers(m, 'generated') > 1000);
    const bundle = files.filter((f) => new Set(f.objects.map((o) => o.meta.namespace?.value)).size > 3)[0];
    assert.ok(bundle, 'a file spanning namespaces');
    const text = fs.readFileSync(scanFolder(ws).find((f) => f === bundle.file)!, 'utf8');
    m.setFile(readManifestText(bundle.file, text.replace(/^( {2}name: )(\S+)$/gm, '$1$2-x')), true);
    m.refresh();
    sameAnswers(m, 'bundle renamed');
    m.setFile(readManifestText(bundle.file, text), true);
    m.refresh();
    const fresh = model(files);
    assert.equal(sameAnswers(m, 'bundle back'), sameAnswers(fresh, 'fresh'));
    // the addresses the renamed pods had left the owners again: no more entries than a fresh model's
    const owners = (x: ClusterModel) => (x as unknown as { owners: Map<string, unknown> }).owners;
    assert.equal(owners(m).size, owners(fresh).size);
    assert.deepEqual([...owners(m)].sort(), [...owners(fresh)].sort());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
