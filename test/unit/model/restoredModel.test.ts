// A model restored from a snapshot of the same files (a reopened workspace) answers what the model
// built in full answers: every namespace built on first use with the addresses the snapshot gives,
// also after edits, removals and new settings; a snapshot of other files is refused.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ClusterModel, type ModelSnapshot } from '../../../server/src/core/model/cluster';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { scanFolder } from '../../../server/src/core/workspace/scan';
import { Resolver } from '../../../server/src/core/dns/resolver';
import type { FileResult } from '../../../server/src/core/manifest/objects';
import type { ModelSettings } from '../../../server/src/core/model/settings';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixtures = path.join(repoRoot, 'test', 'fixtures');
const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

function read(dir: string): FileResult[] {
  return scanFolder(dir).map((f) => readManifestText(f, fs.readFileSync(f, 'utf8')));
}

/** Everything a query can see: services, pods, addresses by IP, the zone's records, the counts. */
function dump(m: ClusterModel): string {
  const lines: string[] = [];
  for (const ns of m.namespaces()) {
    const state = m.namespace(ns);
    lines.push(`ns ${ns} ${state?.declared} ${state?.workloads.length} ${state?.endpoints.length} ${state?.slices.length} ${m.objectsIn(ns).length}`);
    for (const s of m.services(ns)) lines.push(`svc ${ns}/${s.name} ${s.clusterIPs.map((c) => `${c.ip}/${c.simulated}`)} ${s.endpoints.map((e) => `${e.ip}:${e.ready}:${e.hostname ?? ''}:${e.pod?.name ?? ''}`)}`);
    for (const p of m.pods(ns)) lines.push(`pod ${ns}/${p.name} ${p.ips.map((i) => i.ip)} ${[...p.labels].join(';')}`);
  }
  for (const p of m.pods()) for (const ip of p.ips) lines.push(`ptr ${ip.ip} ${m.podsByIP(ip.ip).map((x) => x.name)}`);
  for (const s of m.services()) for (const c of s.clusterIPs) lines.push(`vip ${c.ip} ${m.servicesByClusterIP(c.ip).map((x) => x.name)}`);
  for (const s of m.services()) for (const e of s.endpoints) lines.push(`ep ${e.ip} ${m.endpointsByIP(e.ip).map((x) => `${x.service.namespace}/${x.service.name}`)}`);
  for (const r of new Resolver(m).records()) lines.push(`rr ${r.name} ${r.type} ${r.data}`);
  lines.push(`counts ${JSON.stringify(m.counts())}`);
  return lines.sort().join('\n');
}

function built(files: FileResult[], settings: Partial<ModelSettings> = {}): ClusterModel {
  const m = new ClusterModel(settings);
  for (const f of files) m.setFile(f);
  m.refresh();
  return m;
}

/** A model of `files` restored from `snap` (through JSON, as persisted). */
function restored(files: FileResult[], snap: ModelSnapshot, settings: Partial<ModelSettings> = {}): ClusterModel {
  const m = new ClusterModel(settings);
  // the language server refreshes once before the files are in (the built-in namespaces get built)
  m.refresh();
  for (const f of files) m.setFile(f);
  assert.equal(m.restore(JSON.parse(JSON.stringify(snap)) as ModelSnapshot), true, 'restored');
  m.refresh();
  return m;
}

function generated(n: number): { files: FileResult[]; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-restore-'));
  const ws = path.join(dir, 'ws');
  const r = spawnSync(process.execPath, [generator, String(n), ws], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { files: read(ws), done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('a restored model builds a namespace when first asked for, and answers what the full build answers', () => {
  for (const [dir, settings] of [
    [fixtures, {}],
    [path.join(fixtures, 'dualstack'), {}],
    [fixtures, { podCIDR: '10.32.0.0/24', serviceCIDR: '10.96.0.0/26', endpointPodNames: true }],
  ] as const) {
    const files = read(dir);
    const full = built(files, settings);
    const snap = full.snapshot()!;
    assert.ok(snap.namespaces.length > 3, `${dir}: ${snap.namespaces.length} namespaces`);
    const m = restored(files, snap, settings);
    assert.equal(m.unbuiltNamespaces, snap.namespaces.length, 'nothing built before it is asked for');
    assert.deepEqual(m.counts(), full.counts(), 'counts without building');
    // one namespace asked for: that one is built, no other
    const ns = snap.namespaces.find((n) => n[1].length > 0)?.[0] ?? snap.namespaces[0][0];
    assert.deepEqual(m.services(ns).map((s) => [s.name, s.clusterIPs.map((c) => c.ip)]), full.services(ns).map((s) => [s.name, s.clusterIPs.map((c) => c.ip)]));
    assert.equal(m.unbuiltNamespaces, snap.namespaces.length - 1);
    // a snapshot of a restored model is the same snapshot
    assert.deepEqual(m.snapshot(), snap);
    assert.equal(dump(m), dump(full), dir);
    assert.equal(m.unbuiltNamespaces, 0);
  }
});

test('a generated workspace (bundles spanning namespaces, planted mistakes): the same answers; the idle warm-up builds every namespace', { skip: !fs.existsSync(generator) && 'no generator' }, () => {
  const { files, done } = generated(1000);
  try {
    const full = built(files);
    const m = restored(files, full.snapshot()!);
    const total = m.unbuiltNamespaces;
    assert.ok(total > 15, `${total} namespaces`);
    // who has an address: only the namespaces that may have it are built (the built-in ones, the
    // owner of the address), not every namespace
    const pod = full.pods().find((p) => p.ips.length && !p.namespace.startsWith('kube-') && p.namespace !== 'default')!;
    assert.deepEqual(m.podsByIP(pod.ips[0].ip).map((p) => p.name), full.podsByIP(pod.ips[0].ip).map((p) => p.name));
    const svc = full.services().find((s) => s.clusterIPs.length && s.namespace !== pod.namespace && !s.namespace.startsWith('kube-'))!;
    assert.deepEqual(m.servicesByClusterIP(svc.clusterIPs[0].ip).map((s) => s.name), full.servicesByClusterIP(svc.clusterIPs[0].ip).map((s) => s.name));
    assert.ok(total - m.unbuiltNamespaces <= 8, `${total - m.unbuiltNamespaces} of ${total} namespaces built`);
    const steps = m.warmIndexes(5);
    let n = 0;
    while (!steps.next().done) n++;
    assert.ok(n > 2, `${n} steps`);
    assert.equal(m.unbuiltNamespaces, 0);
    assert.equal(m.unindexedNamespaces(), 0);
    assert.equal(dump(m), dump(full));
  } finally {
    done();
  }
});

test('edits after a restore: a file changed, removed, added, edited in place, and new settings give what the full model gives', () => {
  const files = read(fixtures);
  const snap = built(files).snapshot()!;
  const victim = files.find((f) => f.objects.some((o) => o.type === 'Service') && f.objects.some((o) => o.type !== 'Service'))!;
  const withSvc = files.filter((f) => f !== victim && f.objects.some((o) => o.type === 'Service'));

  // removed, then back
  const m = restored(files, snap);
  const full = built(files);
  for (const x of [m, full]) {
    x.removeFile(victim.file);
    x.refresh();
  }
  assert.equal(dump(m), dump(full), 'after a removal');
  for (const x of [m, full]) {
    x.setFile(victim);
    x.refresh();
  }
  assert.equal(dump(m), dump(full), 'after adding it back');

  // a Service renamed in place (the incremental path keeps the other documents' objects)
  const target = withSvc.find((f) => f.objects.length > 1 && /\n {2}name: [a-z]/.test(fs.readFileSync(f.file, 'utf8')))!;
  const text = fs.readFileSync(target.file, 'utf8');
  const svc = target.objects.find((o) => o.type === 'Service')!;
  const name = svc.meta.name!.value;
  const at = text.indexOf(`name: ${name}`, svc.loc.start);
  const edited = text.slice(0, at) + `name: ${name}-renamed` + text.slice(at + `name: ${name}`.length);
  const m2 = restored(files, snap);
  const full2 = built(files);
  for (const x of [m2, full2]) {
    x.setFile(readManifestText(target.file, edited), true);
    x.refresh();
  }
  assert.equal(dump(m2), dump(full2), 'after an edit in place');

  // new settings: everything is built again, against the new ranges
  const m3 = restored(files, snap);
  m3.updateSettings({ serviceCIDR: '10.100.0.0/16', clusterDomain: 'example.local' });
  m3.refresh();
  assert.equal(dump(m3), dump(built(files, { serviceCIDR: '10.100.0.0/16', clusterDomain: 'example.local' })));
});

test('a snapshot of other files (a namespace more or less) is refused: nothing restored, the refresh builds everything', () => {
  const files = read(fixtures);
  const snap = built(files).snapshot()!;
  const oneNs = files.filter((f) => f.objects.length > 0 && f.objects.every((o) => (o.meta.namespace?.value ?? 'default') === (files[0].objects[0]?.meta.namespace?.value ?? 'default')));
  const fewer = files.filter((f) => !oneNs.includes(f));
  const full = built(fewer);
  const other = new ClusterModel();
  for (const f of fewer) other.setFile(f);
  const extra: ModelSnapshot = { namespaces: [...snap.namespaces, ['not-there', [], [], [], [], [], [], 0, 0]] };
  assert.equal(other.restore(extra), false);
  assert.equal(other.unbuiltNamespaces, 0);
  other.refresh();
  assert.equal(dump(other), dump(full));
});

test('who has an address, asked first of a restored model: the namespaces that may have it are built, and the answer is the full build\'s', { skip: !fs.existsSync(generator) && 'no generator' }, () => {
  const { files, done } = generated(300);
  try {
    const full = built(files);
    const snap = full.snapshot()!;
    const ips = new Set<string>();
    for (const p of full.pods()) for (const i of p.ips) ips.add(i.ip);
    for (const s of full.services()) {
      for (const c of s.clusterIPs) ips.add(c.ip);
      for (const e of s.endpoints) ips.add(e.ip);
    }
    // hand-written addresses (Endpoints, EndpointSlices), whether or not a Service publishes them
    for (const f of files) {
      for (const o of f.objects) {
        if (o.type === 'Endpoints') for (const sub of o.endpoints.subsets) for (const a of sub.addresses) ips.add(a.ip.value);
        if (o.type === 'EndpointSlice') for (const e of o.slice.endpoints) for (const a of e.addresses) ips.add(a.value);
      }
    }
    const all = [...ips].sort();
    const sample = all.filter((_, i) => i % Math.max(1, Math.floor(all.length / 80)) === 0);
    const names = <T>(l: T[], f: (x: T) => string) => l.map(f).sort();
    for (const ip of sample) {
      // a model of its own for each address: one asked before cannot have built the namespace for it
      for (const ask of ['pods', 'services', 'endpoints'] as const) {
        const m = restored(files, snap);
        if (ask === 'pods') assert.deepEqual(names(m.podsByIP(ip), (p) => `${p.namespace}/${p.name}`), names(full.podsByIP(ip), (p) => `${p.namespace}/${p.name}`), ip);
        if (ask === 'services') assert.deepEqual(names(m.servicesByClusterIP(ip), (s) => `${s.namespace}/${s.name}`), names(full.servicesByClusterIP(ip), (s) => `${s.namespace}/${s.name}`), ip);
        if (ask === 'endpoints') assert.deepEqual(names(m.endpointsByIP(ip), (e) => `${e.service.namespace}/${e.service.name}/${e.endpoint.pod?.name ?? ''}`), names(full.endpointsByIP(ip), (e) => `${e.service.namespace}/${e.service.name}/${e.endpoint.pod?.name ?? ''}`), ip);
      }
    }
    assert.ok(sample.length > 30, `${sample.length} addresses`);
  } finally {
    done();
  }
});
