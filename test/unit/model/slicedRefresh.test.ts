// The model built in slices (the language server's first index) equals the one built in one go, also
// when an edit lands between two slices.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterModel } from '../../../server/src/core/model/cluster';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { scanFolder } from '../../../server/src/core/workspace/scan';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures');

function dump(m: ClusterModel): string {
  const lines: string[] = [];
  for (const ns of m.namespaces()) {
    for (const s of m.services(ns)) lines.push(`svc ${ns}/${s.name} ${s.clusterIPs.map((c) => c.ip)} ${s.endpoints.map((e) => `${e.ip}:${e.ready}:${e.hostname ?? ''}`)}`);
    for (const p of m.pods(ns)) lines.push(`pod ${ns}/${p.name} ${p.ips.map((i) => i.ip)} ${[...p.labels].join(';')}`);
  }
  for (const p of m.pods()) for (const ip of p.ips) lines.push(`ptr ${ip.ip} ${m.podsByIP(ip.ip).map((x) => x.name)}`);
  return lines.sort().join('\n');
}

test('refreshInSlices gives what refresh gives, with an edit between slices', () => {
  const files = scanFolder(fixtures).map((f) => readManifestText(f, fs.readFileSync(f, 'utf8')));
  const whole = new ClusterModel();
  for (const f of files) whole.setFile(f);
  whole.refresh();

  const sliced = new ClusterModel();
  for (const f of files) sliced.setFile(f);
  const steps = sliced.refreshInSlices(1);
  let n = 0;
  while (!steps.next().done) n++;
  assert.ok(n > 5, `${n} slices`);
  assert.equal(dump(sliced), dump(whole));

  // an edit between slices: the refresh it triggers completes the sliced one first
  const edited = new ClusterModel();
  for (const f of files) edited.setFile(f);
  const steps2 = edited.refreshInSlices(1);
  steps2.next();
  steps2.next();
  const victim = files.find((f) => f.objects.some((o) => o.type === 'Service'))!;
  edited.removeFile(victim.file);
  edited.refresh();
  assert.equal(steps2.next().done, true, 'the sliced refresh was completed by the other one');
  edited.setFile(victim);
  edited.refresh();
  assert.equal(dump(edited), dump(whole));
});

test('indexes warmed ahead of requests answer as the lazily built ones, also after an edit', () => {
  const files = scanFolder(fixtures).map((f) => readManifestText(f, fs.readFileSync(f, 'utf8')));
  const lazy = new ClusterModel();
  const warm = new ClusterModel();
  for (const m of [lazy, warm]) {
    for (const f of files) m.setFile(f);
    m.refresh();
  }
  const steps = warm.warmIndexes(2);
  let n = 0;
  while (!steps.next().done) n++;
  assert.ok(n > 2, `${n} steps`);
  assert.equal(dump(warm), dump(lazy));
  // an edit that moves a pod: the warmed index of its namespace is not served stale
  const seed = files.find((f) => f.objects.some((o) => o.type === 'Pod' && o.meta.name?.value === 'pod4'));
  assert.ok(seed, 'a fixture declares pod4');
  const moved = readManifestText(seed.file, fs.readFileSync(seed.file, 'utf8').replace(/name: pod4\b/, 'name: pod4-renamed'));
  for (const m of [lazy, warm]) {
    m.setFile(moved);
    m.refresh();
  }
  assert.equal(dump(warm), dump(lazy));
  assert.ok(dump(warm).includes('pod4-renamed'));
});
