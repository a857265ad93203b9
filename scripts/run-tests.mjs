#!/usr/bin/env node
// Runs the compiled tests (out/test/**/*.test.js) with Node's built-in test runner.
//   node scripts/run-tests.mjs            every suite
//   node scripts/run-tests.mjs unit       only test/unit (also: server, ...)
// Extra arguments after `--` go to `node --test` (e.g. -- --test-name-pattern=headless).
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const dash = args.indexOf('--');
const suites = (dash < 0 ? args : args.slice(0, dash)).filter(Boolean);
const extra = dash < 0 ? [] : args.slice(dash + 1);

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const base = join(root, 'out', 'test');
const dirs = suites.length ? suites.map((s) => join(base, s)) : [base];
const files = dirs.flatMap((d) => walk(d));
if (files.length === 0) {
  console.error(`no test files under ${dirs.map((d) => relative(root, d)).join(', ')} (run \`tsc -b\` first)`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
