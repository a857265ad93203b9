// The robustness corpus (../shared/corpus/negative): Helm and other templates, compose files, CI and
// tool configs, JSON manifests, broken YAML, an alias bomb, 1,200-level nesting, a 1 MB line, a 2 MB
// file, NUL bytes, UTF-16 with a BOM, CRLF and CR line breaks. Every file is read within a time bound,
// the whole corpus within a memory bound; files that are not Kubernetes manifests get no diagnostic at
// all, templates one note at most; every diagnostic is the reviewed one listed below; the resolver and
// every editor feature run on all of it. Also through the CLI (`check`, `records`), as a user runs it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import { decodeText } from '../../../server/src/core/workspace/load';
import type { WorkspaceIndex } from '../../../server/src/lsp/workspace';
import { EXPECTED, NOT_MANIFESTS } from '../../support/negativeCorpus';
import { allProblems, corpusRoot, exerciseFile, exerciseWorkspace, formatCounts, haveCorpus, heapAfterGc, indexFolders, listFiles, newCounts, repoRoot, sampleOffsets, sweepDns } from './support';

const root = path.join(corpusRoot, 'negative');
const skip = !haveCorpus && 'no corpus';

/** Per file: reading it (and everything after) stays under this. */
const FILE_BOUND_MS = 5000;
/** Heap in use after the whole corpus is indexed, checked, resolved and every feature ran on it. */
const HEAP_BOUND_MB = 256;

let indexed: Promise<WorkspaceIndex> | undefined;
const workspace = () => (indexed ??= indexFolders([root]));
const rel = (uri: string) => path.relative(root, new URL(uri).pathname);

test('negative corpus: every file read within the time bound, without an exception', { skip }, (t) => {
  const files = listFiles(root).filter((f) => /\.(ya?ml|json)$/.test(f));
  assert.ok(files.length >= 100, `${files.length} files`);
  const times: [number, string][] = [];
  for (const f of files) {
    const started = Date.now();
    const res = readManifestText(f, decodeText(fs.readFileSync(path.join(root, f))));
    const ms = Date.now() - started;
    times.push([ms, f]);
    assert.ok(ms < FILE_BOUND_MS, `${f}: ${ms} ms`);
    assert.ok(res.problems.length <= 30, `${f}: ${res.problems.length} problems`);
  }
  times.sort((a, b) => b[0] - a[0]);
  t.diagnostic(`${files.length} files; slowest: ${times.slice(0, 4).map(([ms, f]) => `${path.basename(f)} ${ms} ms`).join(', ')}`);
});

test('negative corpus: no diagnostic on what is not a manifest, one note per template, the reviewed ones elsewhere', { skip }, async (t) => {
  const ws = await workspace();
  const { byCode, byFile, total } = allProblems(ws);
  t.diagnostic(`${ws.model.fileCount} files, ${total} diagnostics in ${byFile.size} files: ${formatCounts(byCode)}`);
  const got = [...byFile].map(([uri, ps]) => [rel(uri), ps.map((p) => p.code).join(' ')] as [string, string]).sort();
  const notManifests = [...ws.model.allFiles()].map((f) => rel(f.file)).filter((f) => NOT_MANIFESTS.test(f));
  assert.ok(notManifests.length >= 30, `${notManifests.length} files that are not manifests were read`);
  assert.deepEqual(got.filter(([f]) => NOT_MANIFESTS.test(f)), []);
  for (const [f, codes] of got) {
    if (!/^(helm|templated)\//.test(f) || f.includes('zegl__kube-score')) continue;
    assert.equal(codes, 'templated-file', `${f}: one note`);
    assert.equal(byFile.get([...byFile.keys()].find((u) => rel(u) === f)!)![0].severity, 'information');
  }
  assert.deepEqual(got, EXPECTED);
});

test('negative corpus: the resolver, every editor feature at sampled offsets, within time and memory bounds', { skip }, async (t) => {
  const ws = await workspace();
  let started = Date.now();
  const dns = sweepDns(ws);
  t.diagnostic(`${dns.services} Services, ${dns.queries} queries, ${dns.nslookups} nslookups, ${dns.records} zone records in ${Date.now() - started} ms`);
  const counts = newCounts();
  let offsets = 0;
  for (const f of ws.model.allFiles()) {
    started = Date.now();
    const sample = sampleOffsets(f);
    offsets += sample.length;
    exerciseFile(ws, f.file, sample, counts);
    const ms = Date.now() - started;
    // a per-file bound for a few thousand requests: loose, catches a hang
    assert.ok(ms < 6 * FILE_BOUND_MS, `${rel(f.file)}: ${sample.length} offsets in ${ms} ms`);
  }
  exerciseWorkspace(ws);
  t.diagnostic(`${offsets} offsets, ${counts.calls} feature calls, ${counts.hovers} hovers; slowest request ${counts.slowestMs.toFixed(1)} ms (${counts.slowest})`);
  assert.ok(counts.slowestMs < 1000, `slowest request: ${counts.slowestMs} ms, ${counts.slowest}`);
  const heap = heapAfterGc();
  t.diagnostic(`heap after the whole negative corpus: ${heap.toFixed(0)} MB (bound ${HEAP_BOUND_MB} MB)`);
  assert.ok(heap < HEAP_BOUND_MB, `${heap} MB`);
});

test('negative corpus through the CLI: `check` and `records` finish, and say nothing about files that are not manifests', { skip }, (t) => {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  let started = Date.now();
  const check = spawnSync(process.execPath, [cli, 'check', '-w', root, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  const checkMs = Date.now() - started;
  assert.equal(check.status, 1, `exit 1: errors were found (${check.stderr})`);
  const report = JSON.parse(check.stdout) as { problems: { file: string; code: string }[] };
  const byFile = new Map<string, string[]>();
  for (const p of report.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p.code]);
  assert.deepEqual([...byFile.keys()].filter((f) => NOT_MANIFESTS.test(f)), []);
  assert.deepEqual(new Set(byFile.keys()), new Set(EXPECTED.map(([f]) => f)));
  started = Date.now();
  const records = spawnSync(process.execPath, [cli, 'records', '-w', root, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  const recordsMs = Date.now() - started;
  assert.equal(records.status, 0, records.stderr);
  const n = (JSON.parse(records.stdout) as unknown[]).length;
  assert.ok(n > 1000, `${n} records`);
  t.diagnostic(`check: ${report.problems.length} problems in ${byFile.size} files in ${checkMs} ms; records: ${n} records in ${recordsMs} ms`);
});
