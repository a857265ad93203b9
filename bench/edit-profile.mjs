// Where an edit's time goes in the real server: edits one file of a workspace N times (as bench/run.mjs
// does) with the server under --cpu-prof, prints edit → diagnostics p50/p99 and the server's hottest
// functions during the edits. `node bench/edit-profile.mjs DIR [single|multi|multi1] [edits]` (multi:
// every document of the file spanning the most namespaces; multi1: its first document only).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Lsp, initParams, serverEnv, serverExecArgv } from './lsp.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [dir, mode = 'single', n = '200'] = process.argv.slice(2);
const profDir = mkdtempSync(join(os.tmpdir(), 'k8s-dns-lens-prof-'));
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name));
    else if (/\.ya?ml$/.test(e.name)) files.push(join(d, e.name));
  }
};
walk(resolve(dir));
files.sort();
let target;
let best = 0;
for (const f of files) {
  const t = readFileSync(f, 'utf8');
  const nss = new Set([...t.matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1]));
  if (mode === 'single' && nss.size === 1 && /^kind: Service$/m.test(t) && /^ {2}selector:$/m.test(t)) {
    target = f;
    break;
  }
  if ((mode === 'multi' || mode === 'multi1') && nss.size > best) [best, target] = [nss.size, f];
}
const lsp = new Lsp([...serverExecArgv(), '--cpu-prof', `--cpu-prof-dir=${profDir}`, join(root, 'dist', 'server.js'), '--stdio'], { env: serverEnv() });
await lsp.request('initialize', initParams(resolve(dir)));
const indexed = lsp.waitFor((x) => x.method === 'k8sDnsLens/modelChanged' && x.params?.stats && !x.params.stats.indexing);
lsp.notify('initialized', {});
await indexed;
const uri = pathToFileURL(target).href;
const text = readFileSync(target, 'utf8');
// multi1: the multi-namespace file's first document only (the documents after it move)
let edited = text.replace(mode === 'multi1' ? /(app\.kubernetes\.io\/managed-by: )kustomize/ : /(app\.kubernetes\.io\/managed-by: )kustomize/g, '$1helm');
if (edited === text) edited = text.replace(/^kind: (\w+)$/m, 'kind: $1\n# edited');
lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
await lsp.waitFor((x) => x.method === 'k8sDnsLens/modelChanged');
const times = [];
const editsFrom = performance.now();
for (let i = 0; i < Number(n); i++) {
  const changed = lsp.waitFor((x) => x.method === 'k8sDnsLens/modelChanged', 10000).catch(() => undefined);
  const t0 = performance.now();
  lsp.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: i % 2 ? text : edited }] });
  const pong = await lsp.request('k8sDnsLens/benchBarrier', null);
  times.push(pong.at - t0);
  await changed;
}
const editsMs = performance.now() - editsFrom;
await lsp.request('shutdown', null);
lsp.notify('exit', null);
await lsp.exited;
const slowest = times.map((t, i) => [t, i]).sort((a, b) => b[0] - a[0]).slice(0, 6).map(([t, i]) => `${t.toFixed(1)} ms (edit ${i + 1})`);
times.sort((a, b) => a - b);
console.log(`${target}: ${n} edits, p50 ${times[times.length >> 1].toFixed(2)} ms, p99 ${times[Math.floor(times.length * 0.99)].toFixed(2)} ms; profile in ${profDir}`);
console.log(`slowest: ${slowest.join(', ')}`);
if (process.env.K8S_DNS_LENS_TRACE_GC) console.log(lsp.stderr.split('\n').slice(-40).join('\n'));
const prof = JSON.parse(readFileSync(join(profDir, readdirSync(profDir)[0]), 'utf8'));
const byId = new Map(prof.nodes.map((x) => [x.id, x]));
const self = new Map();
// only the samples of the edits: the last editsMs of the profile (it ends at the exit, right after them)
const at = [];
let t = 0;
for (const d of prof.timeDeltas) at.push((t += d));
const since = t - editsMs * 1000;
prof.samples.forEach((s, i) => {
  if (at[i] < since) return;
  const cf = byId.get(s).callFrame;
  const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-1)[0]}:${cf.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + prof.timeDeltas[i]);
});
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
