// One cold index, as bench/run.mjs measures it (spawn → the last diagnostics before the first
// modelChanged that says indexing is over), for comparing two builds back to back:
//   node bench/cold-index.mjs [SERVER_JS] DIR      (SERVER_JS: dist/server.js by default)
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lsp, initParams } from './lsp.mjs';

const args = process.argv.slice(2);
const dir = resolve(args[args.length - 1]);
const server = args.length > 1 ? resolve(args[0]) : join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'server.js');
const storage = mkdtempSync(join(os.tmpdir(), 'k8s-dns-lens-cold-'));
const t0 = performance.now();
const lsp = new Lsp([server, '--stdio']);
await lsp.request('initialize', initParams(dir, storage));
const done = lsp.waitFor((n) => n.method === 'k8sDnsLens/modelChanged' && n.params?.stats && !n.params.stats.indexing);
lsp.notify('initialized', {});
await done;
console.log(`${server}: cold index ${((lsp.lastDiagnosticsAt - t0) / 1000).toFixed(2)} s, RSS ${Math.round(lsp.rss().rss)} MB`);
await lsp.request('shutdown', null);
lsp.notify('exit', null);
await lsp.exited;
rmSync(storage, { recursive: true, force: true });
