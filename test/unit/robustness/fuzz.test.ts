// Property-based fuzzing of the whole pipeline (see fuzz/properties.ts for what is checked): generated
// workspaces, mutated corpus files, edit sequences. CI runs a bounded number of cases (2,000 by default;
// FUZZ_RUNS to change, FUZZ_SEED to replay a reported seed). For 100,000+ cases: `npm run fuzz -- --runs 100000`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runProperty, share } from './fuzz/properties';

const TOTAL = Number(process.env.FUZZ_RUNS ?? '2000') || 2000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (process.pid << 16)) >>> 0;

for (const { property, runs } of share(TOTAL)) {
  test(`fuzz: ${property.name}`, (t) => {
    const r = runProperty(property, runs, SEED);
    t.diagnostic(`${r.cases} cases in ${r.ms} ms (seed ${r.seed}): ${r.stats.records} records, ${r.stats.problems} problems, ${r.stats.featureCalls} feature calls, ${r.stats.invariantChecks} invariant checks`);
    if (r.failed) assert.fail(r.report);
  });
}
