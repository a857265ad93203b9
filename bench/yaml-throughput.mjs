#!/usr/bin/env node
// YAML reader throughput: the fast scanner vs the reference reader, single-threaded, on
//   (a) every file of ../shared/corpus/real (the public real-manifest corpus) and
//   (b) a synthetic workspace from ../shared/tools/gen-workspace.mjs (deterministic).
//
//   npx tsc -b && node bench/yaml-throughput.mjs [--ws DIR] [--n 2000] [--min-ms 5000]
//
// (b) defaults to /tmp/ws-<n>, generated when missing. Only *.yaml/*.yml files count (not the
// generator's ground-truth.json). Each measurement runs in its own Node process (so that one
// reader's garbage does not slow the next one down): one warm-up pass over all files, then the best
// of 5 timed runs of at least min-ms/5 each. MB = 10^6 bytes of UTF-8 input. Also reported: the
// fraction of files the fast scanner accepts, and `parseYaml` (fast first, reference when declined).
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = resolve(self, '..', '..');
const require = createRequire(import.meta.url);
const manifestOut = join(root, 'out', 'server', 'src', 'core', 'manifest');
if (!existsSync(join(manifestOut, 'fastYaml.js'))) {
  console.error('out/ is missing: run `npx tsc -b` first');
  process.exit(1);
}

const args = process.argv.slice(2);
/** Timed runs per measurement; the best one counts (the machine may be shared). */
const RUNS = 5;
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}

function load(dir) {
  const texts = walk(dir).map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
  return { texts, bytes };
}

function readers() {
  const { parseYamlFast } = require(join(manifestOut, 'fastYaml.js'));
  const { parseYamlReference } = require(join(manifestOut, 'yamlReference.js'));
  const { parseYaml } = require(join(manifestOut, 'parse.js'));
  return { fast: parseYamlFast, reference: parseYamlReference, parseYaml };
}

// ---------------------------------------------------------------- child: one measurement
if (args[0] === '--measure') {
  const [, reader, dir, ms] = args;
  const fn = readers()[reader];
  const { texts, bytes } = load(dir);
  for (const t of texts) fn(t); // warm-up
  let best = 0;
  for (let run = 0; run < RUNS; run++) {
    let rounds = 0;
    let elapsed = 0;
    const t0 = process.hrtime.bigint();
    do {
      for (const t of texts) fn(t);
      rounds++;
      elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    } while (elapsed < Number(ms) / RUNS);
    best = Math.max(best, (bytes * rounds) / 1e6 / (elapsed / 1000));
  }
  process.stdout.write(JSON.stringify({ mbps: best }));
  process.exit(0);
}

// ---------------------------------------------------------------- parent
const n = Number(opt('--n', '2000'));
const minMs = opt('--min-ms', '5000');
const wsDir = resolve(opt('--ws', `/tmp/ws-${n}`));
const corpusDir = resolve(root, '..', 'shared', 'corpus', 'real');

if (!existsSync(wsDir)) {
  console.log(`generating ${wsDir} ...`);
  execFileSync(process.execPath, [resolve(root, '..', 'shared', 'tools', 'gen-workspace.mjs'), String(n), wsDir], { stdio: 'ignore' });
}

function measure(reader, dir) {
  const out = execFileSync(process.execPath, [self, '--measure', reader, dir, minMs], { encoding: 'utf8' });
  return JSON.parse(out).mbps;
}

function report(label, dir) {
  const { texts, bytes } = load(dir);
  const { fast } = readers();
  const accepted = texts.filter((t) => fast(t) !== undefined).length;
  const f = measure('fast', dir);
  const r = measure('reference', dir);
  const c = measure('parseYaml', dir);
  console.log(`\n${label}: ${dir}`);
  console.log(`  files ${texts.length}, ${(bytes / 1e6).toFixed(2)} MB`);
  console.log(`  fast accepts   ${accepted}/${texts.length} files (${((100 * accepted) / texts.length).toFixed(1)} %)`);
  console.log(`  fast           ${f.toFixed(1)} MB/s`);
  console.log(`  reference      ${r.toFixed(1)} MB/s`);
  console.log(`  parseYaml      ${c.toFixed(1)} MB/s (fast, reference when declined)`);
  console.log(`  speed-up       ${(f / r).toFixed(1)}x (fast vs reference)`);
}

console.log(`node ${process.version}, best of ${RUNS} runs of >= ${Math.round(Number(minMs) / RUNS)} ms, one process per measurement`);
report('(a) real corpus', corpusDir);
report('(b) generated workspace', wsDir);
