#!/usr/bin/env node
// The fuzz properties of test/unit/robustness/fuzz/properties.ts, as many cases as asked, on demand
// (CI runs 2,000 of them in `npm test`). Bench-style: build first, then
//
//   npm run fuzz -- --runs 100000            (builds, then runs; or: node scripts/fuzz.mjs --runs 100000)
//   node scripts/fuzz.mjs --seed 123 --runs 2000 --property edit     (replay, one property)
//
// Cases are run in chunks of 2,000 per property, chunk k with seed (seed + k), so progress shows and a
// failure names the seed that replays it (`--seed S --runs 2000 --property …`). Exit 1 on a failure.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const require = createRequire(import.meta.url);
const propsJs = join(root, 'out', 'test', 'unit', 'robustness', 'fuzz', 'properties.js');
if (!existsSync(propsJs)) {
  console.error('run `npx tsc -b` first (or `npm run fuzz`, which builds)');
  process.exit(2);
}
const { share, runProperty } = require(propsJs);

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const total = Number(arg('--runs', '100000'));
const seed = Number(arg('--seed', String((Date.now() ^ (process.pid << 16)) >>> 0)));
const only = arg('--property', '');
const CHUNK = 2000;

console.log(`fuzz: ${total} cases, seed ${seed}${only ? `, properties matching "${only}"` : ''}`);
const started = Date.now();
let cases = 0;
const failures = [];
for (const { property, runs } of share(total)) {
  if (only && !property.name.includes(only)) continue;
  const t0 = Date.now();
  let done = 0;
  const sums = { records: 0, problems: 0, featureCalls: 0, invariantChecks: 0 };
  for (let k = 0; done < runs; k++) {
    const n = Math.min(CHUNK, runs - done);
    const r = runProperty(property, n, (seed + k) >>> 0);
    done += r.cases;
    for (const key of Object.keys(sums)) sums[key] += r.stats[key];
    if (r.failed) {
      failures.push(r.report);
      console.log(`  FAILED (chunk seed ${r.seed}):\n${r.report}`);
      break;
    }
    if (process.stdout.isTTY) process.stdout.write(`\r  ${property.name}: ${done}/${runs}`);
  }
  cases += done;
  const s = (Date.now() - t0) / 1000;
  console.log(`${process.stdout.isTTY ? '\r' : ''}  ${property.name}: ${done} cases in ${s.toFixed(1)} s (${(done / s).toFixed(0)}/s); ${sums.records} records, ${sums.problems} problems, ${sums.featureCalls} feature calls, ${sums.invariantChecks} invariant checks`);
}
const secs = (Date.now() - started) / 1000;
console.log(`fuzz: ${cases} cases in ${secs.toFixed(1)} s, seed ${seed}, ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
