#!/usr/bin/env node
// Packages the extension into a .vsix with @vscode/vsce from .tools/ (scripts/e2e/install.sh installs it).
//   node scripts/package.mjs [--out file.vsix]
// Builds the bundles, then runs vsce in a staging copy of the repository without the heavy folders
// (.tools/ alone holds ~20 000 files that vsce would list and match against every ignore pattern: 15 s
// instead of 2). .vscodeignore decides what goes in; the bundles carry every dependency, so
// node_modules stays out (--no-dependencies). Fails on any vsce warning.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = outArg >= 0 ? resolve(args[outArg + 1]) : join(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(root, '.tools', 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) {
  console.error('vsce is not installed: run `bash scripts/e2e/install.sh` first (it fills .tools/).');
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const SKIP = new Set(['.git', '.tools', '.run', 'node_modules', 'out', 'test-results', 'bench']);
const stage = join(root, '.run', 'package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const name of readdirSync(root)) {
  if (SKIP.has(name) || name.endsWith('.vsix')) continue;
  cpSync(join(root, name), join(stage, name), { recursive: true, dereference: false });
}
// built above: vsce must not run the build again (the stage has no node_modules)
const staged = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
delete staged.scripts['vscode:prepublish'];
writeFileSync(join(stage, 'package.json'), JSON.stringify(staged, null, 2) + '\n');

const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
  cwd: stage,
  encoding: 'utf8',
  env: { ...process.env, VSCE_TELEMETRY: 'false' },
});
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
rmSync(stage, { recursive: true, force: true });
if (r.status !== 0) process.exit(r.status ?? 1);
const warnings = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /\bWARNING\b/i.test(l));
if (warnings.length) {
  console.error(`vsce printed ${warnings.length} warning(s); fix them (package.json fields, .vscodeignore).`);
  process.exit(1);
}
const shown = isAbsolute(relative(process.cwd(), out)) ? out : relative(process.cwd(), out);
console.log(`${shown}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
