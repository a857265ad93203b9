#!/usr/bin/env node
// The benchmark of issue 7: the language server (dist/server.js, forked over stdio as an editor would,
// with the environment variables and Node flags the extension gives it: bench/lsp.mjs)
// on generated workspaces of several sizes, against the `yaml` package's parse floor and
// yaml-language-server, plus the CLI `check` scored against the generator's ground truth.
//
//   npm run bench -- [--sizes 200,2000,10000,30000] [--quick] [--runs 3] [--edits 60]
//                    [--yamlls-sizes 200,2000,10000] [--no-yamlls] [--no-results]
//
// Workspaces: ../shared/tools/gen-workspace.mjs N → bench/work/ws-N (cached by N; its ground-truth.json is
// moved next to it, bench/work/ws-N.truth.json, so that the workspace holds manifests only).
// Prints ONE table (format kept stable) and writes it with the machine description to bench/RESULTS.md.
//
// What is measured (times are wall clock; medians of --runs runs where the table says so):
//  - cold index: spawn → the last publishDiagnostics before the first `k8sDnsLens/modelChanged` that
//    says indexing is over (every file read, the model built, the checks run, diagnostics published);
//    with an empty storage folder (initializationOptions.storagePath), so nothing is cached;
//  - warm start: the same with the storage folder the cold run left (the persisted index). The server
//    shows the last session's diagnostics when no file, setting or server changed, then, as nothing
//    changed, takes the last session's check results instead of running every check again, and the
//    addresses its model allocated instead of building every namespace first (each namespace is built
//    when a request or a change first needs it, the others in idle time after indexing); when anything
//    changed it builds the model and runs the checks (sending only diagnostics that differ, normally
//    none): the row is the last diagnostics sent, the row under it the end of indexing (the model
//    answers every request, the check results in — the row's label says "the model is built and every
//    check run again", kept as it was);
//  - edit → diagnostics: didChange of an open document, then a request the server does not know: its
//    error reply comes after every notification the change produced (JSON-RPC is in order). The time
//    is that reply (or the edited file's diagnostics, if later). One edit at a time, each after the
//    previous one's modelChanged. Two files: one whose objects are in one namespace, and the file
//    whose objects span the most namespaces — edited in every document (a label each: every namespace
//    of the file changes), then in its first document only (the documents after it move);
//  - right after the warm start (its indexing over, namespaces still being built), 200 nslookup round
//    trips (the row "the same at once after the warm start"); then the benchmark waits for the
//    server's idle-time work to end (the namespaces left to build, the indexes, the features' warm-up:
//    its log line `warm-up: …`; the server pauses that work while the client sends anything) before
//    the edits and the other lookups, which measure a server done with its start;
//  - nslookup / hover / definition: request round trips, 200 of each, one at a time (hover and definition
//    on an open Service file, timed after the server has analysed the open; n/a when not offered);
//    before them, 200 round trips of a request the server does not know (its error reply is
//    immediate): the transport floor of this machine — what two processes exchanging a message over
//    stdio cost here, with no work in the server; and, right after, the same 200 round trips with a
//    bare JSON-RPC server (bench/bare-server.cjs: vscode-jsonrpc and nothing else, no workspace, a
//    small heap): the machine's floor without any of the language server;
//  - RSS: the server's resident set after indexing (VmRSS), and its peak (VmHWM); and once the server
//    has been idle (after the last run's requests) long enough for the collections it makes itself
//    when it falls idle (5 s after the last message, and one more 6 s later when V8 kept its young
//    generation: server/src/lsp/idleCollect.ts) or V8's own memory reducer's; sampled every 500 ms
//    for at most --idle-rss-ms, 75 s, until it has not moved for 10 s: the lowest value, and how long
//    after the last request;
//  - yaml floor: bench/yaml-floor.mjs (parseAllDocuments of every file, all Documents kept) in its own process;
//  - yaml-language-server: spawn → diagnostics for every opened file (all files opened at once).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Lsp, initParams, serverEnv, serverExecArgv } from './lsp.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const serverJs = join(root, 'dist', 'server.js');
const cliJs = join(root, 'dist', 'cli.js');
const generator = resolve(root, '..', 'shared', 'tools', 'gen-workspace.mjs');
const work = join(here, 'work');
const tools = join(here, '.tools');
const maxrss = join(here, 'maxrss.cjs');

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i < 0 ? dflt : argv[i + 1];
};
const quick = argv.includes('--quick');
const sizes = opt('--sizes', quick ? '200,2000' : '200,2000,10000').split(',').map(Number);
const runs = Number(opt('--runs', quick ? '1' : '3'));
/** Above this many files, one run (a cold index of 30,000 files takes most of a minute on a shared machine). */
const BIG = 10000;
const runsFor = (n) => (n > BIG ? 1 : runs);
const editCount = Number(opt('--edits', quick ? '20' : '60'));
const yamllsSizes = argv.includes('--no-yamlls') ? [] : opt('--yamlls-sizes', quick ? '200,2000' : '200,2000,10000').split(',').map(Number);
const writeResults = !argv.includes('--no-results');
const YAMLLS_TIMEOUT_MS = Number(opt('--yamlls-timeout', '300000'));
const IDLE_RSS_MS = Number(opt('--idle-rss-ms', '75000'));

if (!existsSync(serverJs) || !existsSync(cliJs)) {
  console.error('dist/ is missing: run `npm run bench` (it builds first)');
  process.exit(2);
}

const log = (s) => process.stderr.write(`${s}\n`);
const median = (a) => {
  if (!a.length) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (a, p) => {
  if (!a.length) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// ---------------------------------------------------------------- workspaces
function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json)$/i.test(name)) out.push(p);
  }
  return out;
}

function workspace(n) {
  mkdirSync(work, { recursive: true });
  const dir = join(work, `ws-${n}`);
  const truthPath = join(work, `ws-${n}.truth.json`);
  if (!existsSync(dir) || !existsSync(truthPath) || existsSync(join(dir, 'ground-truth.json'))) {
    log(`generating ${relative(root, dir)} ...`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [generator, String(n), dir], { stdio: 'ignore' });
    renameSync(join(dir, 'ground-truth.json'), truthPath);
  }
  const truth = JSON.parse(readFileSync(truthPath, 'utf8'));
  const files = walk(dir);
  return { n, dir, files, truth, bytes: truth.bytes, docs: truth.docs };
}

// ---------------------------------------------------------------- our server

const isIndexed = (n) => n.method === 'k8sDnsLens/modelChanged' && n.params?.stats && !n.params.stats.indexing;

/** Starts the server on a folder; resolves when the first index is done. */
async function startServer(ws, storagePath) {
  const t0 = performance.now();
  const lsp = new Lsp([...serverExecArgv(), serverJs, '--stdio'], { env: serverEnv() });
  const init = await lsp.request('initialize', initParams(ws.dir, storagePath));
  if (init.error) throw new Error(`initialize: ${init.error.message}`);
  const done = lsp.waitFor(isIndexed);
  // the end of the idle-time work after indexing (the namespaces a warm start left to build, the
  // indexes, the features' warm-up): the server logs the warm-up last
  const idleWork = lsp.waitFor((n) => n.method === 'window/logMessage' && /^warm-up:/.test(n.params?.message ?? ''), 60000).then(
    (n) => n.at,
    () => undefined,
  );
  lsp.notify('initialized', {});
  // while indexing, a request every 25 ms: how long the server takes to answer says whether its event
  // loop stays free (the request is one the server does not know: its error reply is immediate)
  const stalls = [];
  let indexing = true;
  const probe = (async () => {
    while (indexing) {
      const t = performance.now();
      const r = await lsp.request('k8sDnsLens/benchBarrier', null).catch(() => undefined);
      if (!r || !indexing) break;
      stalls.push(r.at - t);
      await new Promise((res) => setTimeout(res, 25));
    }
  })();
  const n = await done;
  indexing = false;
  await probe;
  // the debounced modelChanged follows the last diagnostics of the index; without any, count from it
  const readyAt = lsp.lastDiagnosticsAt > t0 ? lsp.lastDiagnosticsAt : n.at;
  return { lsp, ms: readyAt - t0, indexedMs: n.at - t0, stats: n.params.stats, capabilities: init.result?.capabilities ?? {}, stalls, idleWork, t0 };
}

/** Sends a change and waits until every notification it caused has arrived. */
async function timedEdit(lsp, uri, version, text) {
  const changed = lsp.waitFor((n) => n.method === 'k8sDnsLens/modelChanged', 10000).catch(() => undefined);
  const t0 = performance.now();
  lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  const pong = await lsp.request('k8sDnsLens/benchBarrier', null);
  let end = pong.at;
  if (!((lsp.diagnosticsAt.get(uri) ?? 0) > t0)) {
    // diagnostics come later than the barrier (a debounce): wait for them
    const d = await lsp.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri, 10000).catch(() => undefined);
    if (d) end = d.at;
  }
  await changed;
  return end - t0;
}

/** Edits a document `count` times, alternating between two versions of its text that differ in meaning. */
async function editRun(lsp, file, count, mutate) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const opened = lsp.waitFor((n) => n.method === 'k8sDnsLens/modelChanged', 10000).catch(() => undefined);
  lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await opened;
  const edited = mutate(text);
  const times = [];
  for (let i = 0; i < count; i++) times.push(await timedEdit(lsp, uri, i + 2, i % 2 === 0 ? edited : text));
  // the close is analysed too (the file read from disk again): what is measured next starts after it
  const closed = lsp.waitFor((n) => n.method === 'k8sDnsLens/modelChanged', 10000).catch(() => undefined);
  lsp.notify('textDocument/didClose', { textDocument: { uri } });
  await closed;
  return times;
}

/** The file whose documents name the most namespaces (ties: the first), and a one-namespace Service file. */
function editTargets(ws) {
  let multi;
  let multiNs = 0;
  let single;
  for (const f of ws.files) {
    const text = readFileSync(f, 'utf8');
    const nss = new Set([...text.matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1]));
    if (nss.size > multiNs) {
      multi = f;
      multiNs = nss.size;
    }
    if (!single && nss.size === 1 && /^kind: Service$/m.test(text) && /^ {2}selector:$/m.test(text)) single = f;
  }
  return { single, multi, multiNs };
}

/** One document changed (the first that has the label): the documents after it move, unchanged. */
function touchFirstDocument(text) {
  const t = text.replace(/(app\.kubernetes\.io\/managed-by: )kustomize/, '$1helm');
  return t !== text ? t : text.replace(/^kind: (\w+)$/m, 'kind: $1\n# edited');
}

/** Changes every object's `app.kubernetes.io/managed-by` label (or, failing that, appends a label line). */
function touchLabels(text) {
  const t = text.replace(/(app\.kubernetes\.io\/managed-by: )kustomize/g, '$1helm');
  return t !== text ? t : text.replace(/^kind: (\w+)$/m, 'kind: $1\n# edited');
}

/** 200 round trips of an unknown request with bench/bare-server.cjs (the same as the no-op row, no server behind it). */
async function bareFloor() {
  const bare = new Lsp([join(here, 'bare-server.cjs')]);
  try {
    await bare.request('initialize', { capabilities: {} });
    const times = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const r = await bare.request('k8sDnsLens/benchBarrier', null);
      times.push(r.at - t0);
    }
    return times;
  } catch {
    return undefined;
  } finally {
    await bare.stop().catch(() => undefined);
  }
}

/** Service names of the workspace (its first 400 files), for lookups. */
function serviceNames(ws) {
  const names = [];
  for (const f of ws.files.slice(0, 400)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^kind: Service\nmetadata:\n {2}name: (\S+)\n {2}namespace: (\S+)$/gm)) names.push(`${m[1]}.${m[2]}.svc.cluster.local`);
  }
  return names;
}

/** 200 nslookup round trips (every third SRV) of the workspace's Service names; undefined when not offered. */
async function nslookupRow(lsp, ws) {
  const names = serviceNames(ws);
  const probe = await lsp.request('k8sDnsLens/nslookup', { name: names[0] ?? 'kubernetes.default.svc.cluster.local' });
  if (probe.error) return undefined;
  const times = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const r = await lsp.request('k8sDnsLens/nslookup', { name: names[i % Math.max(1, names.length)] ?? 'kubernetes.default.svc.cluster.local', type: i % 3 === 0 ? 'SRV' : 'A' });
    if (r.error) break;
    times.push(r.at - t0);
  }
  return times;
}

async function lookups(lsp, ws, caps) {
  const out = { noop: undefined, nslookup: undefined, hover: undefined, definition: undefined };
  // the transport floor: a request the server answers at once (unknown method → error reply)
  out.noop = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    const r = await lsp.request('k8sDnsLens/benchBarrier', null);
    out.noop.push(r.at - t0);
  }
  out.bare = await bareFloor();
  out.nslookup = await nslookupRow(lsp, ws);
  // hover / definition on an open document (hooks for the editor features when they land)
  const file = ws.files.find((f) => /^kind: Service$/m.test(readFileSync(f, 'utf8')));
  if (file && (caps.hoverProvider || caps.definitionProvider)) {
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    // the open is analysed first (as in editRun): what is timed below is the requests, not the open
    const opened = lsp.waitFor((n) => n.method === 'k8sDnsLens/modelChanged', 10000).catch(() => undefined);
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await opened;
    const lines = text.split('\n');
    const positions = [];
    lines.forEach((l, line) => {
      const m = /^(\s*(?:- )?[\w.\/-]+: )(\S+)/.exec(l);
      if (m) positions.push({ line, character: m[1].length + 1 });
    });
    for (const [method, key] of [
      ['textDocument/hover', 'hover'],
      ['textDocument/definition', 'definition'],
    ]) {
      if (!caps[`${key}Provider`]) continue;
      const times = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        const r = await lsp.request(method, { textDocument: { uri }, position: positions[i % positions.length] });
        if (r.error) break;
        times.push(r.at - t0);
      }
      out[key] = times;
    }
    lsp.notify('textDocument/didClose', { textDocument: { uri } });
  }
  return out;
}

async function benchServer(ws) {
  const r = { cold: [], warm: [], warmModel: [], rssCold: [], peakCold: [], rssWarm: [], peakWarm: [], files: 0 };
  const runs = runsFor(ws.n);
  for (let i = 0; i < runs; i++) {
    const storage = mkdtempSync(join(os.tmpdir(), 'k8s-dns-lens-bench-'));
    try {
      log(`  [${ws.n}] cold index run ${i + 1}/${runs} (load ${load()})`);
      const cold = await startServer(ws, storage);
      r.cold.push(cold.ms);
      r.stallsCold = (r.stallsCold ?? []).concat(cold.stalls);
      r.files = cold.stats.files;
      // let the persisted index be written (debounced after indexing), then measure memory
      await waitForCache(storage, 15000);
      const m = cold.lsp.rss();
      r.rssCold.push(m.rss);
      r.peakCold.push(m.peak);
      await cold.lsp.stop();
      log(`  [${ws.n}] warm start run ${i + 1}/${runs} (load ${load()})`);
      const warm = await startServer(ws, storage);
      r.warm.push(warm.ms);
      r.warmModel.push(warm.indexedMs);
      r.stallsWarm = (r.stallsWarm ?? []).concat(warm.stalls);
      const w = warm.lsp.rss();
      r.rssWarm.push(w.rss);
      r.peakWarm.push(w.peak);
      if (i === runs - 1) {
        // lookups at once after the warm start, while its namespaces are still being built (each on
        // first use; the server's idle-time work waits while requests come in)
        log(`  [${ws.n}] lookups right after the warm start (load ${load()})`);
        r.nslookupEarly = await nslookupRow(warm.lsp, ws);
        // what follows measures a server done with its start: its idle-time work finished
        const idleAt = await warm.idleWork;
        r.idleWorkMs = idleAt === undefined ? undefined : idleAt - warm.t0;
        const { single, multi, multiNs } = editTargets(ws);
        log(`  [${ws.n}] edits (load ${load()})`);
        r.editSingle = single ? await editRun(warm.lsp, single, editCount, touchLabels) : [];
        r.editMulti = multi ? await editRun(warm.lsp, multi, editCount, touchLabels) : [];
        r.editMultiOne = multi ? await editRun(warm.lsp, multi, editCount, touchFirstDocument) : [];
        r.multiNs = multiNs;
        log(`  [${ws.n}] lookups (load ${load()})`);
        Object.assign(r, await lookups(warm.lsp, ws, warm.capabilities));
        log(`  [${ws.n}] idle RSS (load ${load()})`);
        r.idle = await idleRss(warm.lsp);
      }
      await warm.lsp.stop();
    } finally {
      rmSync(storage, { recursive: true, force: true });
    }
  }
  return r;
}

/**
 * The server's resident set once idle: sampled every 500 ms for at most IDLE_RSS_MS, until a collection
 * has run (the resident set at least 10 % below where it started) and it has not moved for 10 s (the
 * server's second idle collection comes ~7 s after its first). The lowest value, and the seconds after
 * the last request it was reached.
 */
async function idleRss(lsp) {
  const t0 = performance.now();
  const start = lsp.rss().rss;
  let min = start;
  let at = 0;
  while (performance.now() - t0 < IDLE_RSS_MS) {
    await new Promise((res) => setTimeout(res, 500));
    const now = lsp.rss().rss;
    if (!(now >= 0)) break;
    if (now < min - 0.5) {
      min = now;
      at = performance.now() - t0;
    }
    if (min < start * 0.9 && performance.now() - t0 - at > 10000) break;
  }
  return { rss: min, secs: at / 1000 };
}

/** Waits until the storage folder holds a file (the persisted index), at most `ms`. */
async function waitForCache(storage, ms) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (readdirSync(storage).some((f) => !f.endsWith('.tmp'))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

// ---------------------------------------------------------------- the yaml floor
function runNode(args, opts = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['-r', maxrss, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd ?? root });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => {
      const kb = Number(/BENCH_MAXRSS_KB (\d+)/.exec(err)?.[1] ?? NaN);
      resolve({ code, out, err, ms: performance.now() - t0, peakMB: kb / 1024 });
    });
  });
}

async function yamlFloor(ws) {
  log(`  [${ws.n}] yaml parseAllDocuments floor (load ${load()})`);
  const r = await runNode([join(here, 'yaml-floor.mjs'), ws.dir]);
  if (r.code !== 0) return { error: r.err.slice(0, 500) };
  const j = JSON.parse(r.out);
  return { ms: j.ms, rss: j.rssMB, peak: r.peakMB };
}

// ---------------------------------------------------------------- yaml-language-server
function yamllsPath() {
  const bin = join(tools, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (existsSync(bin)) return bin;
  log('installing yaml-language-server@2 under bench/.tools (once) ...');
  mkdirSync(tools, { recursive: true });
  if (!existsSync(join(tools, 'package.json'))) writeFileSync(join(tools, 'package.json'), '{ "name": "bench-tools", "private": true }\n');
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--engine-strict=false', 'yaml-language-server@2'], { cwd: tools, stdio: 'ignore', timeout: 300000 });
  } catch (e) {
    log(`  could not install yaml-language-server: ${e.message}`);
  }
  return existsSync(bin) ? bin : undefined;
}

async function yamlls(ws) {
  const bin = yamllsPath();
  if (!bin) return { error: 'not installed (offline?)' };
  log(`  [${ws.n}] yaml-language-server (load ${load()})`);
  const settings = { yaml: { validate: true, hover: false, completion: false, format: { enable: false }, schemaStore: { enable: false }, schemas: {} } };
  const t0 = performance.now();
  const lsp = new Lsp([bin, '--stdio'], { settings });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, lsp.rss().peak || 0)), 200);
  try {
    const init = await Promise.race([lsp.request('initialize', initParams(ws.dir)), lsp.exited.then((c) => ({ error: { message: `exited ${c}: ${lsp.stderr.slice(-300)}` } }))]);
    if (init.error) return { error: init.error.message };
    lsp.notify('initialized', {});
    lsp.notify('workspace/didChangeConfiguration', { settings });
    const want = new Set();
    const all = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${want.size} files after ${YAMLLS_TIMEOUT_MS / 1000} s`)), YAMLLS_TIMEOUT_MS);
      const on = (n) => {
        if (n.method !== 'textDocument/publishDiagnostics') return;
        want.delete(n.params.uri);
        if (want.size === 0) {
          clearTimeout(timer);
          lsp.events.off('notification', on);
          resolve(n.at);
        }
      };
      lsp.events.on('notification', on);
      lsp.exited.then((c) => reject(new Error(`exited (${c}): ${lsp.stderr.slice(-300)}`)));
    });
    const yamlFiles = ws.files.filter((f) => /\.ya?ml$/i.test(f));
    for (const f of yamlFiles) want.add(pathToFileURL(f).href);
    for (const f of yamlFiles) lsp.notify('textDocument/didOpen', { textDocument: { uri: pathToFileURL(f).href, languageId: 'yaml', version: 1, text: readFileSync(f, 'utf8') } });
    const at = await all;
    peak = Math.max(peak, lsp.rss().peak || 0);
    return { ms: at - t0, peak };
  } catch (e) {
    return { error: e.message };
  } finally {
    clearInterval(sampler);
    lsp.proc.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------- CLI check vs ground truth
const RULES = {
  'selector-matches-nothing': ['selector-matches-no-pod'],
  'subdomain-without-headless-service': ['subdomain-without-service', 'subdomain-service-not-headless'],
  'endpoints-without-service': ['endpoints-without-service'],
  'targetport-name-not-on-container': ['target-port-not-found'],
};

/** Document index (as the generator counts) of each line of a file: `---` lines separate documents. */
function docOfLine(text) {
  const lines = text.split('\n');
  const out = [];
  let doc = 0;
  let content = false;
  let leading = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === '---') {
      if (content || leading) doc++;
      else leading = true;
      content = false;
    } else if (l.trim() && !l.startsWith('#')) content = true;
    out.push(doc);
  }
  return out;
}

/** Which planted mistake explains a finding no mistake was matched to (the generator test's rules). */
function explain(p, mistakes) {
  const msg = p.message;
  switch (p.code) {
    case 'subdomain-without-service':
      return mistakes.some((x) => x.type === 'subdomain-without-headless-service' && msg.includes(`sets subdomain "${x.detail.split(' ')[1]}"`) && msg.includes(`namespace "${x.namespace}"`));
    case 'statefulset-service-does-not-select-pods':
      return mistakes.some((x) => x.type === 'selector-matches-nothing' && msg.includes(`names serviceName "${x.name}"`));
    default:
      return false;
  }
}

async function cliCheck(ws) {
  log(`  [${ws.n}] CLI check (load ${load()})`);
  const r = await runNode([cliJs, 'check', '-w', ws.dir, '--format', 'json']);
  if (r.code !== 0 && r.code !== 1) return { error: r.err.slice(0, 500) };
  const report = JSON.parse(r.out);
  const docs = new Map();
  const docOf = (file, line) => {
    if (!docs.has(file)) docs.set(file, docOfLine(readFileSync(join(ws.dir, file), 'utf8')));
    return docs.get(file)[line - 1];
  };
  const used = new Set();
  let found = 0;
  const missed = [];
  for (const m of ws.truth.mistakeList) {
    const hit = report.problems.find((p) => !used.has(p) && p.file === m.file && docOf(p.file, p.line) === m.doc && RULES[m.type].includes(p.code));
    if (hit) {
      used.add(hit);
      found++;
    } else missed.push(m);
  }
  const unexplained = {};
  const examples = [];
  let explained = 0;
  for (const p of report.problems) {
    if (used.has(p)) continue;
    if (explain(p, ws.truth.mistakeList)) {
      explained++;
      continue;
    }
    unexplained[p.code] = (unexplained[p.code] ?? 0) + 1;
    if (examples.length < 5) examples.push(`${p.file}:${p.line} ${p.code}: ${p.message}`);
  }
  return { ms: r.ms, peak: r.peakMB, planted: ws.truth.mistakeList.length, found, missed, explained, unexplained, examples, problems: report.problems.length };
}

// ---------------------------------------------------------------- main
const fmtS = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'n/a');
const fmtMs = (ms) => (Number.isFinite(ms) ? (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) : 'n/a');
const fmtMB = (mb) => (Number.isFinite(mb) ? mb.toFixed(0) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
const stallRow = (a) => (a && a.length ? `${fmtMs(pct(a, 50))} / ${fmtMs(Math.max(...a))}` : 'n/a');
const pp = (a) => (a && a.length ? `${fmtMs(pct(a, 50))} / ${fmtMs(pct(a, 99))}` : 'n/a');

const machine = {
  nproc: os.cpus().length,
  memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? '?',
  loadStart: load(),
};
log(`node ${machine.node}, ${machine.nproc} cores, ${machine.memGiB} GiB, load ${machine.loadStart}; sizes ${sizes.join(', ')}, runs ${runs}, edits ${editCount}`);

const cols = [];
for (const n of sizes) {
  const ws = workspace(n);
  log(`workspace ${n}: ${ws.files.length} files, ${(ws.bytes / 1e6).toFixed(1)} MB, ${ws.docs} documents`);
  const col = { n, ws, loads: [load()] };
  col.floor = await yamlFloor(ws);
  col.server = await benchServer(ws);
  col.loads.push(load());
  col.yamlls = yamllsSizes.includes(n) ? await yamlls(ws) : undefined;
  col.cli = await cliCheck(ws);
  col.loads.push(load());
  cols.push(col);
}

const rows = [
  ['files / MB / documents', (c) => `${c.ws.files.length} / ${(c.ws.bytes / 1e6).toFixed(1)} / ${c.ws.docs}`],
  [`cold index, s (median of ${runs}${sizes.some((n) => n > BIG) ? `; 1 above ${BIG}` : ''})`, (c) => fmtS(median(c.server.cold))],
  ['`yaml` parseAllDocuments floor, s', (c) => (c.floor.error ? 'failed' : fmtS(c.floor.ms))],
  ['  floor ÷ cold index', (c) => ratio(c.floor.ms, median(c.server.cold))],
  ['yaml-language-server, all files open → all diagnostics, s', (c) => (!c.yamlls ? 'not run' : c.yamlls.error ? `failed: ${c.yamlls.error.slice(0, 60)}` : fmtS(c.yamlls.ms))],
  ['  yaml-language-server ÷ cold index', (c) => (c.yamlls && !c.yamlls.error ? ratio(c.yamlls.ms, median(c.server.cold)) : 'n/a')],
  ['  requests answered during the cold index, p50 / max ms', (c) => stallRow(c.server.stallsCold)],
  [`warm start (persisted index), s (median of ${runs}${sizes.some((n) => n > BIG) ? `; 1 above ${BIG}` : ''})`, (c) => fmtS(median(c.server.warm))],
  ['  warm start until the model is built and every check run again, s', (c) => fmtS(median(c.server.warmModel))],
  ['  requests answered during the warm start, p50 / max ms', (c) => stallRow(c.server.stallsWarm)],
  ['edit → diagnostics, 1-namespace file, p50 / p99 ms', (c) => pp(c.server.editSingle)],
  ['edit → diagnostics, multi-namespace file, p50 / p99 ms', (c) => `${pp(c.server.editMulti)} (${c.server.multiNs} ns)`],
  ['  one document of it (the first), p50 / p99 ms', (c) => pp(c.server.editMultiOne)],
  ['no-op request (transport floor), p50 / p99 ms', (c) => pp(c.server.noop)],
  ['  the same with a bare JSON-RPC server (machine floor), p50 / p99 ms', (c) => pp(c.server.bare)],
  ['nslookup request, p50 / p99 ms', (c) => pp(c.server.nslookup)],
  ['  the same at once after the warm start (namespaces built on first use), p50 / p99 ms', (c) => pp(c.server.nslookupEarly)],
  ['hover request, p50 / p99 ms', (c) => pp(c.server.hover)],
  ['definition request, p50 / p99 ms', (c) => pp(c.server.definition)],
  ['server RSS after cold index / peak, MB', (c) => `${fmtMB(median(c.server.rssCold))} / ${fmtMB(median(c.server.peakCold))}`],
  ['server RSS after warm start / peak, MB', (c) => `${fmtMB(median(c.server.rssWarm))} / ${fmtMB(median(c.server.peakWarm))}`],
  ['server RSS once idle (after its idle collections), MB (s after the last request)', (c) => (c.server.idle ? `${fmtMB(c.server.idle.rss)} (${c.server.idle.secs.toFixed(0)} s)` : 'n/a')],
  ['`yaml` floor RSS (Documents kept), MB', (c) => (c.floor.error ? 'n/a' : fmtMB(c.floor.rss))],
  ['yaml-language-server peak RSS, MB', (c) => (c.yamlls && !c.yamlls.error ? fmtMB(c.yamlls.peak) : 'n/a')],
  ['CLI `check`, s / peak RSS MB', (c) => (c.cli.error ? 'failed' : `${fmtS(c.cli.ms)} / ${fmtMB(c.cli.peak)}`)],
  ['CLI recall (planted mistakes found)', (c) => (c.cli.error ? 'n/a' : `${c.cli.found}/${c.cli.planted}`)],
  ['CLI other findings: explained / unexplained', (c) => (c.cli.error ? 'n/a' : `${c.cli.explained} / ${Object.values(c.cli.unexplained).reduce((a, b) => a + b, 0)}`)],
  ['load average during the run (1 min)', (c) => c.loads.map((l) => l.split(' ')[0]).join(', ')],
];

const header = `| metric | ${cols.map((c) => `${c.n} files`).join(' | ')} |`;
const sep = `| --- | ${cols.map(() => '---').join(' | ')} |`;
const table = [header, sep, ...rows.map(([label, f]) => `| ${label} | ${cols.map(f).join(' | ')} |`)].join('\n');
console.log(table);

const notes = [];
for (const c of cols) {
  if (c.cli.error) notes.push(`- ${c.n}: CLI check failed: ${c.cli.error}`);
  else {
    if (c.cli.missed.length) notes.push(`- ${c.n}: missed planted mistakes: ${c.cli.missed.slice(0, 5).map((m) => `${m.file}#${m.doc} ${m.type}`).join('; ')}`);
    const un = Object.entries(c.cli.unexplained);
    if (un.length) notes.push(`- ${c.n}: unexplained findings by code: ${un.map(([k, v]) => `${k}=${v}`).join(', ')}; e.g. ${c.cli.examples.join(' | ')}`);
  }
  if (c.yamlls?.error) notes.push(`- ${c.n}: yaml-language-server: ${c.yamlls.error}`);
  if (c.server.files !== c.ws.files.length) notes.push(`- ${c.n}: the server reported ${c.server.files} files indexed, the workspace has ${c.ws.files.length}`);
}
if (notes.length) console.log(`\n${notes.join('\n')}`);

if (writeResults) {
  const cmd = `npm run bench -- ${argv.join(' ')}`.trim();
  const md = `# Benchmark results (issue 7)

Command: \`${cmd}\` (\`bench/run.mjs\`; it builds first).

Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memGiB} GiB, Node ${machine.node}, Linux ${os.release()}; shared with other
work: load average at the start ${machine.loadStart}, per column in the last row (start, after the server runs, at the end).
Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

${table}
${notes.length ? `\n${notes.join('\n')}\n` : ''}
How it is measured: see the header of \`bench/run.mjs\`. Workspaces come from \`../shared/tools/gen-workspace.mjs N\`
(seed 1). Wall-clock times on a shared machine: compare ratios measured in the same run.
`;
  writeFileSync(join(here, 'RESULTS.md'), md);
  log('wrote bench/RESULTS.md');
}
process.exit(0);
