// The checks on real workspaces: the project's seed (silent), the robustness corpus (no finding on
// files that are not manifests), and the real-world corpus (every finding reviewed; a snapshot of
// them in test/fixtures/corpus/real-checks.json, so a new false positive fails here).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFolder, describe, repoRoot } from './helpers';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

test('the seed workspace yields no finding and no problem', () => {
  const root = path.join(repoRoot, 'test', 'fixtures', 'seed');
  const run = checkFolder(root);
  assert.ok(run.model.fileCount >= 8);
  assert.deepEqual(run.all.map((f) => describe(f, root)), []);
});

test('robustness corpus: nothing at all on files that are not Kubernetes manifests', { skip: !fs.existsSync(corpus) && 'no corpus' }, () => {
  const root = path.join(corpus, 'negative');
  const run = checkFolder(root);
  const notManifests = /^(ci|compose|adjacent)\//;
  const files = [...run.model.allFiles()].map((f) => path.relative(root, f.file));
  assert.ok(files.filter((f) => notManifests.test(f)).length >= 20, 'the non-manifest files were read');
  assert.deepEqual(run.all.filter((f) => notManifests.test(path.relative(root, f.file))).map((f) => describe(f, root)), []);
  // the other negative files yield no check finding either (repeated names across files are alternatives, not mistakes)
  assert.deepEqual(run.findings.map((f) => `${path.relative(root, f.file)} ${f.problem.code}`), []);

});

interface Snapshot {
  counts: Record<string, Record<string, number>>;
  review: Record<string, string>;
  findings: string[];
}

test('real corpus: every finding is a reviewed one', { skip: !fs.existsSync(corpus) && 'no corpus' }, (t) => {
  const root = path.join(corpus, 'real');
  const run = checkFolder(root);
  const counts: Record<string, Record<string, number>> = {};
  const findings: string[] = [];
  for (const f of run.findings) {
    const c = (counts[f.problem.code] ??= {});
    c[f.problem.severity] = (c[f.problem.severity] ?? 0) + 1;
    findings.push(`${path.relative(root, f.file)} [${f.problem.severity}] ${f.problem.code} «${f.text.split('\n')[0]}»`);
  }
  for (const code of Object.keys(counts).sort()) t.diagnostic(`${code}: ${JSON.stringify(counts[code])}`);
  const snap = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'corpus', 'real-checks.json'), 'utf8')) as Snapshot;
  const sorted = (o: Record<string, Record<string, number>>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  assert.deepEqual(sorted(counts), sorted(snap.counts));
  assert.deepEqual(findings.sort(), [...snap.findings].sort());
  for (const code of Object.keys(counts)) assert.ok(snap.review[code], `a review note for ${code}`);
});
