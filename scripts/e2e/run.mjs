#!/usr/bin/env node
// The end-to-end stage: build, type-check the e2e code, package the .vsix, run the extension-host suite
// in code-server, then the UI suite (Playwright + Chromium against code-server with the .vsix
// installed); make sure every process it started is gone; print `N passed, N failed` last.
//   npm run test:e2e [-- --only ext-host|ui] [--grep <mocha grep>] [--run-pending] [--update-images]
// Needs `bash scripts/e2e/install.sh` first (Chromium, ripgrep and .tools/).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const runDir = join(root, '.run', 'e2e');
const resultsDir = join(root, 'test-results', 'e2e');
const pgidsFile = join(runDir, 'pgids');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = opt('--only');
const grep = opt('--grep');
const SUITE_TIMEOUT_MS = 4 * 60_000;
const started = Date.now();
/** Images the README shows: screenshot of test-results/e2e → docs/images. */
const README_IMAGES = {
  '03-problems.png': 'problems.png',
  '05-hover.png': 'hover.png',
  '06-nslookup.png': 'nslookup.png',
  '07-cluster-dns-tree.png': 'cluster-dns.png',
};

const log = (s) => console.log(`[e2e] ${s}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const running = new Set(); // pgids of the runners

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid, signal = 'SIGKILL') {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions the run folder (code-server, its extension host, the language server, Chromium). */
function processesOfThisRun() {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(runDir)) out.push({ pid: Number(name), cmd: cmd.slice(0, 160) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function recordedGroups() {
  if (!existsSync(pgidsFile)) return [];
  return readFileSync(pgidsFile, 'utf8').split('\n').filter(Boolean).map((l) => Number(l.split(' ')[0]));
}

/** Kills what is left; returns a description of each leftover (a cleanup bug when not empty). */
async function cleanUp() {
  const leftovers = [];
  for (const pgid of [...running, ...recordedGroups()]) {
    if (groupAlive(pgid)) {
      leftovers.push(`process group ${pgid}`);
      killGroup(pgid);
    }
  }
  for (const p of processesOfThisRun()) {
    leftovers.push(`pid ${p.pid}: ${p.cmd}`);
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return leftovers;
}

function step(title, cmd, cmdArgs) {
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    throw new Error(`${title} failed (exit ${r.status ?? r.signal})`);
  }
  log(`${title}: ${secs(Date.now() - t)}`);
  return r.stdout;
}

/** Runs a suite runner in a process group of its own, with a time limit. */
function runSuite(name, script, env) {
  return new Promise((resolve) => {
    const t = Date.now();
    log(`${name} suite…`);
    const child = spawn(process.execPath, [script], { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
    running.add(child.pid);
    const timer = setTimeout(() => {
      log(`${name} suite: no result after ${secs(SUITE_TIMEOUT_MS)}, stopping it`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid), 5000).unref();
    }, SUITE_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid); // anything it left in its group
      running.delete(child.pid);
      log(`${name} suite: exit ${code ?? signal} after ${secs(Date.now() - t)}`);
      resolve(code ?? 1);
    });
  });
}

function readResult(suite) {
  const file = join(resultsDir, `${suite}.json`);
  if (!existsSync(file)) return { suite, passed: 0, failed: 1, pending: 0, error: 'no result file' };
  return JSON.parse(readFileSync(file, 'utf8'));
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: stopping everything`);
    for (const pgid of running) killGroup(pgid, 'SIGTERM');
    setTimeout(() => void cleanUp().then(() => process.exit(130)), 3000);
  });
}

async function main() {
  if (!existsSync(join(root, '.tools', 'node_modules', 'code-server'))) {
    console.error('[e2e] .tools/ is missing: run `bash scripts/e2e/install.sh` first');
    return 1;
  }
  // a previous run may have been killed hard: nothing of it may survive
  const stale = await cleanUp();
  if (stale.length) log(`killed ${stale.length} leftover(s) of an earlier run`);
  rmSync(runDir, { recursive: true, force: true });
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });

  const vsix = join(runDir, 'k8s-dns-lens.vsix');
  try {
    step('build e2e bundles', process.execPath, [join(root, 'scripts/e2e/build.mjs')]);
    step('type-check e2e code', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/e2e']);
    step('package (build + vsce)', process.execPath, [join(root, 'scripts/package.mjs'), '--out', vsix]);
  } catch (e) {
    console.error(`[e2e] ${e.message}`);
    console.log('0 passed, 1 failed');
    return 1;
  }

  const env = {
    E2E_VSIX: vsix,
    E2E_RUN_DIR: runDir,
    E2E_RESULTS_DIR: resultsDir,
    ...(grep ? { E2E_GREP: grep } : {}),
    ...(args.includes('--run-pending') ? { E2E_RUN_PENDING: '1' } : {}),
  };
  const suites = [
    ['ext-host', 'out/e2e/runner/extHostInCodeServer.js'],
    ['ui', 'out/e2e/runner/ui.js'],
  ].filter(([name]) => !only || only === name);
  const results = [];
  for (const [name, script] of suites) {
    if (interrupted) break;
    await runSuite(name, join(root, script), env);
    results.push(readResult(name));
  }

  const leftovers = await cleanUp();
  if (leftovers.length) {
    console.error(`[e2e] processes were left running (now killed):\n  ${leftovers.join('\n  ')}`);
    results.push({ suite: 'cleanup', passed: 0, failed: 1, pending: 0, error: 'processes left running' });
  }

  if (args.includes('--update-images')) {
    mkdirSync(join(root, 'docs', 'images'), { recursive: true });
    for (const [from, to] of Object.entries(README_IMAGES)) {
      if (!existsSync(join(resultsDir, from))) continue;
      copyFileSync(join(resultsDir, from), join(root, 'docs', 'images', to));
      log(`docs/images/${to} ← ${from}`);
    }
  }

  const total = { passed: 0, failed: 0, pending: 0 };
  for (const r of results) {
    log(`${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending${r.ms ? ` in ${secs(r.ms)}` : ''}${r.error ? ` — ${r.error}` : ''}`);
    total.passed += r.passed;
    total.failed += r.failed;
    total.pending += r.pending;
  }
  log(`screenshots and results: ${resultsDir}`);
  log(`e2e stage: ${secs(Date.now() - started)}; ${total.pending} pending`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed || results.length < suites.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(e);
    await cleanUp();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
