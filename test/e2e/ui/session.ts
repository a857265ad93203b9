// One code-server with the packaged .vsix installed, one Chromium page on the workspace copy: started
// before the UI tests, stopped after them (and on Ctrl+C). A failed test leaves a screenshot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../support/codeServer';
import { launchBrowser } from '../support/browser';
import { prepareWorkspace, runRoot, vsixPath } from '../support/paths';
import { screenshot, statusBarItem, waitForWorkbench } from '../support/workbench';

export interface Session {
  server: CodeServer;
  browser: BrowserContext;
  page: Page;
  /** The workspace copy (seed/ and broken-selector/). */
  ws: string;
}

let current: Session | undefined;
let server: CodeServer | undefined;
let browser: BrowserContext | undefined;

export function session(): Session {
  if (!current) throw new Error('the UI session did not start (see the "before all" hook)');
  return current;
}

async function stop(): Promise<void> {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  browser = undefined;
  server = undefined;
}

process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
process.once('SIGTERM', () => void stop().finally(() => process.exit(143)));

before(async function () {
  this.timeout(120_000);
  const dir = path.join(runRoot, 'ui');
  fs.rmSync(dir, { recursive: true, force: true });
  const ws = prepareWorkspace(path.join(dir, 'ws'));
  const vsix = vsixPath();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  server = await startCodeServer({ dir, workspace: ws, vsix });
  browser = await launchBrowser(path.join(dir, 'chromium'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(30_000);
  await page.goto(server.folderUrl(ws));
  await waitForWorkbench(page);
  // the extension is active once its status bar item is there (the command palette lists contributed
  // commands only after the extension host scanned the extensions)
  await statusBarItem(page, /K8s DNS/).waitFor({ timeout: 60_000 });
  current = { server, browser, page, ws };
});

afterEach(async function () {
  const t = this.currentTest;
  if (t?.state === 'failed' && current) {
    await screenshot(current.page, `ui-FAILED-${t.title.replace(/[^\w.-]+/g, '-').slice(0, 80)}`).catch(() => undefined);
  }
});

after(async function () {
  this.timeout(30_000);
  await stop();
});
