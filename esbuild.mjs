// Bundles the extension client, the language server and the CLI into dist/.
//   node esbuild.mjs            production bundles (minified identifiers off: stack traces stay readable)
//   node esbuild.mjs --watch    rebuild on change
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** A hash of the TypeScript sources under `paths`. */
function fingerprint(paths) {
  const h = createHash('sha1');
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
    else if (p.endsWith('.ts')) h.update(p).update(readFileSync(p));
  };
  for (const p of paths) walk(p);
  return h.digest('hex').slice(0, 12);
}

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  define: {
    // the code that reads manifests into FileResults: the persisted index is keyed by it
    __K8S_DNS_LENS_READER__: JSON.stringify(fingerprint(['server/src/core/manifest', 'server/src/core/util', 'server/src/core/dns/nameRefs.ts', 'server/src/core/types.ts'])),
    // the whole core (model, checks too): the persisted check results are keyed by it
    __K8S_DNS_LENS_CORE__: JSON.stringify(fingerprint(['server/src/core'])),
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // worker threads of the server's cold index (server/src/core/workspace/readPool.ts looks for it next to server.js)
  { ...common, entryPoints: ['server/src/core/workspace/readWorker.ts'], outfile: 'dist/readWorker.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
