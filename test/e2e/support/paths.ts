// Where things are, for every e2e bundle (they all live two folders deep: out/e2e/<part>/<file>.js).
import * as path from 'node:path';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

export const repoRoot = process.env.K8S_DNS_LENS_ROOT ?? path.resolve(__dirname, '../../..');
/** The e2e tools (code-server, playwright-core, mocha, vsce): scripts/e2e/install.sh fills it. */
export const toolsDir = process.env.K8S_DNS_LENS_TOOLS ?? path.join(repoRoot, '.tools');
/** Screenshots and results (CI artifacts). */
export const resultsDir = process.env.E2E_RESULTS_DIR ?? path.join(repoRoot, 'test-results', 'e2e');
/** Everything a run creates (profiles, logs, workspace copies); removed by the next run. */
export const runRoot = process.env.E2E_RUN_DIR ?? path.join(repoRoot, '.run', 'e2e');
/** One line per process group started, for scripts/e2e/run.mjs to make sure they are gone. */
export const pidsFile = path.join(runRoot, 'pgids');

/** `require` for a package of .tools/ (they are not dependencies of the extension). */
export function requireTool<T = any>(name: string): T {
  const req = createRequire(path.join(toolsDir, 'package.json'));
  try {
    return req(name) as T;
  } catch (e) {
    throw new Error(`${name} is not installed in ${toolsDir}: run \`bash scripts/e2e/install.sh\` (${(e as Error).message})`);
  }
}

export function recordProcessGroup(pgid: number, what: string): void {
  fs.mkdirSync(runRoot, { recursive: true });
  fs.appendFileSync(pidsFile, `${pgid} ${what}\n`);
}

/** A fresh copy of the fixtures the tests open: `seed/` and `broken-selector/` (edits never reach the repo). */
export function prepareWorkspace(dest: string, fixtures: readonly string[] = ['seed', 'broken-selector']): string {
  fs.rmSync(dest, { recursive: true, force: true });
  for (const f of fixtures) fs.cpSync(path.join(repoRoot, 'test', 'fixtures', f), path.join(dest, f), { recursive: true });
  return dest;
}

export function vsixPath(): string {
  if (process.env.E2E_VSIX) return process.env.E2E_VSIX;
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
}
