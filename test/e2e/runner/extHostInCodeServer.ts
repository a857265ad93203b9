// Runs the extension-host suite (out/e2e/suite) inside code-server: the workbench opens with the
// extension under test as extensionDevelopmentPath — the packaged .vsix unpacked (E2E_VSIX, what
// scripts/e2e/run.mjs passes), else the repository — and the suite as extensionTestsPath; mocha's
// output and the exit code come back through codeAutomationLog / codeAutomationExit.
//   node out/e2e/runner/extHostInCodeServer.js        (after scripts/e2e/build.mjs)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { spawnSync } from 'node:child_process';
import { startCodeServer, type CodeServer } from '../support/codeServer';
import { launchBrowser } from '../support/browser';
import { prepareWorkspace, repoRoot, runRoot } from '../support/paths';
import { writeResult, type SuiteResult } from '../support/results';
import { screenshot } from '../support/workbench';
import type { BrowserContext } from 'playwright-core';

const SUITE_TIMEOUT_MS = Number(process.env.E2E_SUITE_TIMEOUT_MS ?? 240_000);

function formatLogMessage(message: unknown): string {
  if (Array.isArray(message)) return util.format(...(message as [unknown, ...unknown[]]));
  if (typeof message !== 'string') return util.format(message);
  try {
    const args = JSON.parse(message) as unknown;
    if (Array.isArray(args)) return util.format(...(args as [unknown, ...unknown[]]));
  } catch {
    // a plain string
  }
  return message;
}

/** The extension as a user installs it: the .vsix's `extension/` folder (python3's zipfile unpacks it). */
function unpackedVsix(vsix: string, dir: string): string {
  const out = path.join(dir, 'vsix');
  const r = spawnSync('python3', ['-m', 'zipfile', '-e', vsix, out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot unpack ${vsix}: ${r.stderr || r.error?.message}`);
  const ext = path.join(out, 'extension');
  if (!fs.existsSync(path.join(ext, 'package.json'))) throw new Error(`${vsix} has no extension/package.json`);
  return ext;
}

async function main(): Promise<number> {
  const started = Date.now();
  const dir = path.join(runRoot, 'ext-host');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const vsix = process.env.E2E_VSIX;
  const extension = vsix && fs.existsSync(vsix) ? unpackedVsix(vsix, dir) : repoRoot;
  console.log(`extension under test: ${extension === repoRoot ? 'the repository' : `${vsix} (unpacked)`}`);
  const ws = prepareWorkspace(path.join(dir, 'ws'));
  const result: SuiteResult = { suite: 'ext-host', passed: 0, failed: 0, pending: 0, ms: 0 };
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let code = 1;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const onSignal = (sig: NodeJS.Signals) => void stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startCodeServer({ dir, workspace: ws, env: { E2E_GREP: process.env.E2E_GREP ?? '', E2E_RUN_PENDING: process.env.E2E_RUN_PENDING ?? '' } });
    browser = await launchBrowser(path.join(dir, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    let exit!: (code: number) => void;
    const exited = new Promise<number>((r) => (exit = r));
    // The workbench forwards console calls as JSON arrays of their arguments (format string first).
    // Lines before the suite's E2E-BEGIN (workbench noise: marketplace DNS errors…) go to the log only.
    const logLines: string[] = [];
    const consoleLog = path.join(dir, 'workbench-console.log');
    let begun = false;
    await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
      const text = formatLogMessage(message);
      fs.appendFileSync(consoleLog, `[${level}] ${text}\n`);
      for (const line of text.split('\n')) {
        if (line.includes('E2E-BEGIN')) begun = true;
        else if (begun) {
          logLines.push(line);
          console.log(line);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (c: number) => exit(c));
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extension)],
      ['extensionTestsPath', remote(path.join(repoRoot, 'out', 'e2e', 'suite', 'index'))],
    ];
    await page.goto(`${server.folderUrl(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer: NodeJS.Timeout | undefined;
    code = await Promise.race([exited, new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`)), SUITE_TIMEOUT_MS)))]);
    clearTimeout(timer);
    const line = [...logLines].reverse().find((l) => l.includes('E2E-RESULT '));
    if (line) Object.assign(result, JSON.parse(line.slice(line.indexOf('E2E-RESULT ') + 11)));
    else result.error = `no E2E-RESULT line (exit code ${code}); see ${consoleLog}`;
    if (code !== 0) await screenshot(page, 'ext-host-FAILED').catch(() => undefined);
  } catch (e) {
    result.error = (e as Error).message;
    console.error(`ext-host suite: ${(e as Error).stack ?? e}`);
    const page = browser?.pages()[0];
    if (page) await screenshot(page, 'ext-host-FAILED').catch(() => undefined);
  } finally {
    await stopAll();
  }
  result.ms = Date.now() - started;
  if (result.error && !result.failed) result.failed = 1;
  writeResult(result);
  return result.failed || result.error ? 1 : code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
