// One cold index, as bench/run.mjs measures it (spawn → the last diagnostics before the first
// modelChanged that says indexing is over), for comparing two builds back to back:
//   node bench/cold-index.mjs [SERVER_JS] DIR      (SERVER_JS: dist/server.js by default)
// BENCH_STORAGE=DIR keeps the persisted index there (run twice: the second run is a warm start);
// BENCH_SERVER_NODE_ARGS='--cpu-prof …' passes node flags to the server.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lsp, initParams, serverEnv, serverExecArgv } from './lsp.mjs';

const args = process.argv.slice(2);
const dir = resolve(args[args.length - 1]);
const server = args.length > 1 ? resolve(args[0]) : join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'server.js');
// BENCH_STORAGE: a storage folder kept between runs (a second run is a warm start from its persisted index)
const storage = process.env.BENCH_STORAGE || mkdtempSync(join(os.tmpdir(), 'k8s-dns-lens-cold-'));
const t0 = performance.now();
const lsp = new Lsp([...serverExecArgv(), server, '--stdio'], { env: serverEnv() });
// the server's own log lines (timings of reading, model, checks), on stderr
const at = (t) => `${((t - t0) / 1000).toFixed(2)} s`;
let progressBegun = false;
lsp.events.on('notification', (n) => {
  if (n.method === 'window/logMessage' && /indexed|persisted|gc /.test(n.params.message)) console.error(`  server (${at(n.at)}): ${n.params.message}`);
  if (n.method === '$/progress' && n.params?.value?.kind === 'begin' && !progressBegun) {
    progressBegun = true;
    console.error(`  progress begun at ${at(n.at)}`);
  }
});
const init = await lsp.request('initialize', initParams(dir, storage));
console.error(`  initialize answered at ${at(init.at)}`);
const done = lsp.waitFor((n) => n.method === 'k8sDnsLens/modelChanged' && n.params?.stats && !n.params.stats.indexing);
lsp.notify('initialized', {});
const last = await done;
console.error(`  indexing over at ${at(last.at)}`);
console.log(`${server}: cold index ${((lsp.lastDiagnosticsAt - t0) / 1000).toFixed(2)} s, RSS ${Math.round(lsp.rss().rss)} MB`);
await lsp.request('shutdown', null);
lsp.notify('exit', null);
await lsp.exited;
if (!process.env.BENCH_STORAGE) rmSync(storage, { recursive: true, force: true });
