#!/usr/bin/env node
// Request latencies of the language server's editor features, measured the way an editor sees them:
// the real bundled server (dist/server.js) forked over stdio by the test client, one request at a time.
//
//   node esbuild.mjs && npx tsc -b && node bench/feature-latency.mjs [--ws DIR] [--n 300]
//
// Default workspace: test/fixtures/seed. For a large one: node ../shared/tools/gen-workspace.mjs 2000
// /tmp/ws-2000, then --ws /tmp/ws-2000. Positions: the names of Services (from workspace/symbol) and
// the DNS names written in URLs (`http://host…`) of the workspace's files; each method is asked `n`
// times over them (round robin) after one warm-up pass. Reports indexing time, then p50/p90/p99/max
// per method. First requests after a model change also build the per-state caches (zone names, the
// reverse index of references): "first" is the first timed request of each method.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const require = createRequire(import.meta.url);
const clientJs = join(root, 'out', 'test', 'support', 'lspClient.js');
if (!existsSync(clientJs) || !existsSync(join(root, 'dist', 'server.js'))) {
  console.error('run `node esbuild.mjs && npx tsc -b` first');
  process.exit(1);
}
const { LspClient } = require(clientJs);

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const ws = resolve(arg('--ws', join(root, 'test', 'fixtures', 'seed')));
const n = Number(arg('--n', '300'));

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Hosts of URLs in the files: `http://HOST…` (at most 400 positions). */
function urlPositions(files) {
  const out = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/[a-z]+:\/\/(?:[^@\s/]*@)?([a-z0-9][a-z0-9.-]*)/g)) {
      if (m[1] === 'localhost') continue;
      out.push({ textDocument: { uri: pathToFileURL(f).href }, position: position(text, m.index + m[0].length - m[1].length + 1) });
      if (out.length >= 400) return out;
    }
  }
  return out;
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s[s.length - 1] };
}

const fmt = (x) => `${x.toFixed(2)} ms`;

const client = new LspClient();
const t0 = performance.now();
await client.start([ws]);
const indexMs = performance.now() - t0;
const files = walk(ws);
const services = (await client.request('workspace/symbol', { query: 'svc.cluster.local' })).filter((s) => s.kind === 11);
const svcPos = services.map((s) => ({ textDocument: { uri: s.location.uri }, position: { line: s.location.range.start.line, character: s.location.range.start.character + 1 } }));
const urlPos = urlPositions(files);
const queries = ['pod-a.headless1', 'svc', 'web-0', 'api', 'db.ns-1', 'xyz'];
console.log(`workspace ${ws}: ${files.length} files, indexed in ${(indexMs / 1000).toFixed(2)} s (start → first modelChanged)`);
console.log(`positions: ${svcPos.length} Service names, ${urlPos.length} URL hosts; ${n} requests per method\n`);

const methods = [
  ['hover (Service name)', 'textDocument/hover', (i) => svcPos[i % svcPos.length]],
  ['hover (DNS name in a URL)', 'textDocument/hover', (i) => urlPos[i % urlPos.length]],
  ['definition (Service name)', 'textDocument/definition', (i) => svcPos[i % svcPos.length]],
  ['references (Service name)', 'textDocument/references', (i) => ({ ...svcPos[i % svcPos.length], context: { includeDeclaration: true } })],
  ['codeLens', 'textDocument/codeLens', (i) => ({ textDocument: svcPos[i % svcPos.length].textDocument })],
  ['completion (URL host)', 'textDocument/completion', (i) => urlPos[i % urlPos.length]],
  ['workspace/symbol', 'workspace/symbol', (i) => ({ query: queries[i % queries.length] })],
  ['k8sDnsLens/nslookup', 'k8sDnsLens/nslookup', (i) => ({ name: services[i % services.length].name, fromNamespace: 'default' })],
  ['k8sDnsLens/fqdnAt', 'k8sDnsLens/fqdnAt', (i) => ({ uri: svcPos[i % svcPos.length].textDocument.uri, position: svcPos[i % svcPos.length].position })],
];
const rows = [];
for (const [label, method, params] of methods) {
  if ((label.includes('URL') && !urlPos.length) || (!label.includes('URL') && method.startsWith('textDocument') && !svcPos.length)) continue;
  const times = [];
  let first;
  for (let i = 0; i < n; i++) {
    const p = params(i);
    const s = performance.now();
    await client.request(method, p);
    const d = performance.now() - s;
    if (i === 0) first = d;
    times.push(d);
  }
  rows.push({ label, first, ...stats(times) });
}
for (const big of ['k8sDnsLens/clusterTree', 'k8sDnsLens/zoneNames']) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await client.request(big, {});
    times.push(performance.now() - s);
  }
  rows.push({ label: `${big} (5×)`, first: times[0], ...stats(times) });
}
const w = Math.max(...rows.map((r) => r.label.length));
console.log(`${'method'.padEnd(w)}  ${['first', 'p50', 'p90', 'p99', 'max'].map((h) => h.padStart(10)).join('')}`);
for (const r of rows) console.log(`${r.label.padEnd(w)}  ${[r.first, r.p50, r.p90, r.p99, r.max].map((x) => fmt(x).padStart(10)).join('')}`);
await client.stop();
