#!/usr/bin/env node
// Bundles the e2e code (test/e2e) into out/e2e with esbuild. vscode, mocha and playwright-core stay
// outside the bundles: the extension host provides vscode, and the others load from .tools/ at run time.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const out = join(root, 'out', 'e2e');
rmSync(out, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    'suite/index': 'test/e2e/suite/index.ts',
    'suite/tests': 'test/e2e/suite/tests.ts',
    'ui/tests': 'test/e2e/ui/tests.ts',
    'runner/extHostInCodeServer': 'test/e2e/runner/extHostInCodeServer.ts',
    'runner/ui': 'test/e2e/runner/ui.ts',
    'runner/testElectron': 'test/e2e/runner/testElectron.ts',
    'runner/try': 'test/e2e/runner/try.ts',
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
});
