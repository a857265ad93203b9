#!/usr/bin/env node
// `npm run try [-- <fixture>] [--port N]`: builds and packages the extension, installs the .vsix into a
// fresh code-server (as the e2e tests do) and serves VS Code with a temp copy of test/fixtures/<fixture>
// (default: seed) on 127.0.0.1. Ctrl+C stops code-server's whole process group and removes the copy.
// Needs `bash scripts/e2e/install.sh` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
if (!existsSync(join(root, '.tools', 'node_modules', 'code-server'))) {
  console.error('.tools/ is missing: run `bash scripts/e2e/install.sh` first');
  process.exit(1);
}
const vsix = join(root, '.run', 'try', 'k8s-dns-lens.vsix');
mkdirSync(join(root, '.run', 'try'), { recursive: true });
for (const [script, ...args] of [['scripts/e2e/build.mjs'], ['scripts/package.mjs', '--out', vsix]]) {
  const r = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
process.env.E2E_VSIX = vsix;
process.env.E2E_RUN_DIR = join(root, '.run', 'try'); // not .run/e2e: an e2e run cleans that one up
await import(pathToFileURL(join(root, 'out', 'e2e', 'runner', 'try.js')).href);
