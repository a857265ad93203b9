// The real-world corpus (../shared/corpus/real): every file loads; every Service name and hostname of
// the model resolves without an exception; every diagnostic is computed; every editor feature runs at a
// sample of offsets of every file (every 97th offset and where every field starts, ends and middles);
// every answer points inside the workspace. Counts go to the test output.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { WorkspaceIndex } from '../../../server/src/lsp/workspace';
import { allProblems, corpusRoot, exerciseFile, exerciseWorkspace, formatCounts, haveCorpus, indexFolders, newCounts, sampleOffsets, sweepDns } from './support';

const real = path.join(corpusRoot, 'real');
let ws: WorkspaceIndex | undefined;
const indexed = async () => (ws ??= await indexFolders([real]));

test('real corpus: every file loads into the model', { skip: !haveCorpus && 'no corpus' }, async (t) => {
  const started = Date.now();
  const w = await indexed();
  const files = [...w.model.allFiles()];
  const objects = files.reduce((n, f) => n + f.objects.length, 0);
  const documents = files.reduce((n, f) => n + f.documents, 0);
  t.diagnostic(`${files.length} files, ${documents} YAML documents, ${objects} objects, ${w.model.services().length} Services, ${w.model.pods().length} pods, ${w.model.namespaces().length} namespaces (indexed in ${Date.now() - started} ms)`);
  assert.ok(files.length >= 740, `${files.length} files`);
  assert.ok(objects >= 1450, `${objects} objects`);
  // every file of the corpus is a manifest, and parses; the only reading errors are duplicate keys,
  // which kubectl refuses too ("mapping key … already defined"): five reviewed files
  const syntax = files.flatMap((f) => f.problems.filter((p) => p.code === 'yaml-syntax').map((p) => `${path.relative(real, new URL(f.file).pathname)}: ${p.message}`));
  assert.deepEqual(syntax.sort(), [
    'GoogleCloudPlatform__kubernetes-engine-samples/streaming__kafka-confluent__manifests__06-confluent-platform__platform.yaml: YAML: Map keys must be unique',
    'kubernetes__examples/_archived__openshift-origin__etcd-controller.yaml: YAML: Map keys must be unique',
    'kubernetes__examples/_archived__openshift-origin__etcd-discovery-controller.yaml: YAML: Map keys must be unique',
    'kubernetes__examples/_archived__persistent-volume-provisioning__quobyte__quobyte-admin-secret.yaml: YAML: Map keys must be unique',
    'kubernetes__examples/_archived__volumes__scaleio__sc-pvc.yaml: YAML: Map keys must be unique',
  ]);
  // kustomize patches (partial objects) take no part and get no diagnostics
  const patches = files.filter((f) => f.kustomizePatch).map((f) => path.basename(f.file));
  t.diagnostic(`${patches.length} kustomize patches left out: ${patches.join(', ')}`);
  assert.equal(patches.length, 5);
});

test('real corpus: every Service and hostname resolves (A, AAAA, SRV, nslookup) and the whole zone lists', { skip: !haveCorpus && 'no corpus' }, async (t) => {
  const w = await indexed();
  const started = Date.now();
  const c = sweepDns(w);
  t.diagnostic(`${c.services} Services, ${c.queries} queries (${c.answers} answer records), ${c.nslookups} nslookups, ${c.records} zone records in ${Date.now() - started} ms`);
  assert.ok(c.services >= 200 && c.records >= 2000, JSON.stringify(c));
});

test('real corpus: every diagnostic, counted by code', { skip: !haveCorpus && 'no corpus' }, async (t) => {
  const w = await indexed();
  const { byCode, byFile, total } = allProblems(w);
  t.diagnostic(`${total} diagnostics in ${byFile.size} files: ${formatCounts(byCode)}`);
  // the corpus files are all manifests: no template note, no file skipped; no diagnostic on a patch
  assert.equal(byCode.get('templated-file') ?? 0, 0);
  assert.equal(byCode.get('file-too-large') ?? 0, 0);
  for (const f of w.model.allFiles()) if (f.kustomizePatch) assert.deepEqual(byFile.get(f.file) ?? [], [], f.file);
});

test('real corpus: every editor feature at sampled offsets of every file', { skip: !haveCorpus && 'no corpus' }, async (t) => {
  const w = await indexed();
  const started = Date.now();
  const counts = newCounts();
  let offsets = 0;
  for (const f of w.model.allFiles()) {
    const sample = sampleOffsets(f);
    offsets += sample.length;
    exerciseFile(w, f.file, sample, counts);
  }
  exerciseWorkspace(w);
  t.diagnostic(
    `${offsets} offsets, ${counts.calls} feature calls: ${counts.hovers} hovers (${counts.links} links), ${counts.locations} definition/reference locations, ${counts.completions} completion items, ${counts.lenses} code lenses, ${counts.actions} quick fixes in ${Date.now() - started} ms; slowest request ${counts.slowestMs.toFixed(1)} ms (${counts.slowest})`,
  );
  assert.ok(counts.hovers > 1000);
  assert.ok(counts.slowestMs < 1000, `slowest request: ${counts.slowestMs} ms, ${counts.slowest}`);
});
