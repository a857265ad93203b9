// What a person sees: the packaged extension in VS Code (code-server) in Chromium, driven by Playwright.
// Each step leaves a screenshot in test-results/e2e/; `npm run test:e2e -- --update-images` copies the
// ones the README shows into docs/images/.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { resultsDir } from '../support/paths';
import { session } from './session';

import {
  T,
  dismissOverlays,
  editorText,
  expandRow,
  hoverWord,
  openFile,
  openViewPane,
  outputChannelText,
  quickInput,
  quickInputRows,
  runCommand,
  screenshot,
  statusBarItem,
  treeRow,
  widenSideBar,
} from '../support/workbench';

const STATUS = /K8s DNS: \d+ services? · 1 problem\b/;

/** Runs "Simulate nslookup…" from the palette for `name`, taking the defaults (A, the default namespace). */
async function nslookupFromPalette(name: string, finish: 'accept' | 'cancel') {
  const { page } = session();
  await runCommand(page, 'K8s DNS: Simulate nslookup…');
  const input = quickInput(page).locator('input');
  await quickInput(page).locator('.quick-input-title', { hasText: 'Simulate nslookup' }).waitFor({ timeout: T.short });
  await input.fill(name);
  // the extension adds the typed name as an item of its own; the workbench shows that exact match first
  await quickInputRows(page).first().filter({ hasText: 'look up this name as typed' }).waitFor({ timeout: T.short });
  await page.keyboard.press('Enter');
  // Wait for rows only the next step has: the name step's rows mention "SRV" and "default" too (as
  // record types and namespaces), and they stay on screen until the next quick pick replaces them.
  const label = (re: RegExp) => quickInputRows(page).locator('.label-name').filter({ hasText: re }).first();
  await label(/^SRV$/).waitFor({ timeout: T.short });
  // each row's own label, in the order shown: a row's detail line is a second label that keeps the text
  // of the item the row showed before (hidden), and the list reuses row elements in any order
  const types = await quickInputRows(page).evaluateAll((rows) =>
    rows
      .map((r) => ({ top: r.getBoundingClientRect().top, label: r.querySelector('.label-name')?.textContent?.trim() ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.label),
  );
  await page.keyboard.press('Enter');
  await quickInputRows(page).filter({ hasText: 'a pod in namespace default' }).first().waitFor({ timeout: T.short });
  const from = await quickInputRows(page).first().innerText();
  if (finish === 'cancel') await page.keyboard.press('Escape');
  else await page.keyboard.press('Enter');
  return { types, from };
}

describe('K8s DNS Lens in VS Code (code-server + Chromium)', () => {
  it('opens the seed workspace with the packaged extension', async () => {
    const { page } = session();
    const rows = page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: 'broken-selector' }).waitFor();
    await rows.filter({ hasText: 'seed' }).first().waitFor();
    await screenshot(page, '01-workbench');
  });

  it('shows Services and problems in the status bar', async () => {
    const { page } = session();
    const item = statusBarItem(page, STATUS);
    await item.waitFor({ timeout: T.long });
    assert.match(await item.innerText(), STATUS);
    await screenshot(page, '02-status-bar');
    await item.screenshot({ path: path.join(resultsDir, '02-status-bar-item.png') });
  });

  it('shows the diagnostic of the broken fixture in the editor and the Problems panel', async () => {
    const { page } = session();
    const editor = await openFile(page, 'broken-selector/service.yaml');
    await editor.locator('.view-overlays .squiggly-warning').first().waitFor({ timeout: T.long });
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'selects no pod' }).first();
    await row.waitFor({ timeout: T.short });
    assert.match(await row.innerText(), /Service "api" selects no pod/);
    assert.match(await page.locator('.markers-panel').innerText(), /selector-matches-no-pod/);
    await screenshot(page, '03-problems');
  });

  it('"K8s DNS: Show Output" shows the log with the activation timings', async () => {
    const { page } = session();
    await runCommand(page, 'K8s DNS: Show Output');
    const text = await outputChannelText(page, 'activated in');
    const m = /bundle loaded in ([\d.]+) ms, activated in ([\d.]+) ms, server ready ([\d.]+) ms/.exec(text);
    assert.ok(m, text);
    console.log(`      packaged extension: bundle loaded in ${m[1]} ms, activate() ${m[2]} ms, server ready ${m[3]} ms after activation`);
    assert.ok(Number(m[2]) < 100, `activate() took ${m[2]} ms`);
  });

  it('the status bar item opens the Cluster DNS view', async () => {
    const { page } = session();
    await statusBarItem(page, STATUS).click();
    const pane = await openViewPane(page, 'Cluster DNS');
    await pane.locator('.pane-body').waitFor();
    await screenshot(page, '04-cluster-dns-view');
  });

  it('"Simulate nslookup…" asks for the name, the query type and where to ask from', async () => {
    const { types, from } = await nslookupFromPalette('pod-a.headless1', 'cancel');
    assert.deepEqual(types.slice(0, 3), ['A', 'AAAA', 'SRV']);
    assert.match(from, /default/);
    await quickInput(session().page).waitFor({ state: 'hidden' });
  });

  it('hovering pod-a shows pod-a.headless1.default.svc.cluster.local', async () => {
    const { page } = session();
    const editor = await openFile(page, 'seed/pod_headless.yml');
    const text = await hoverWord(page, editor, 'pod-a', /pod-a\.headless1\.default\.svc\.cluster\.local/);
    assert.match(text, /pod-a\.headless1\.default\.svc\.cluster\.local/);
    await screenshot(page, '05-hover');
    await page.mouse.move(5, 5);
  });

  it('"Simulate nslookup…" for pod-a.headless1 shows the answer', async () => {
    const { page } = session();
    await dismissOverlays(page);
    await nslookupFromPalette('pod-a.headless1', 'accept');
    const doc = page.locator('.monaco-editor[data-uri^="k8s-dns-lens:"]');
    await doc.locator('.view-line', { hasText: 'pod-a.headless1.default.svc.cluster.local' }).first().waitFor({ timeout: T.long });
    assert.match(await editorText(doc.locator('.view-lines')), /\b10\.244\.\d+\.\d+\b/, 'the address of pod4 (k8sDnsLens.simulation.podCIDR 10.244.0.0/16)');
    await screenshot(page, '06-nslookup');
  });

  it('the Cluster DNS view shows headless1 → pod-a', async () => {
    const { page } = session();
    await runCommand(page, 'K8s DNS: Focus on Cluster DNS View');
    const pane = await openViewPane(page, 'Cluster DNS');
    await widenSideBar(page, 560);
    const svc = await treeRow(pane, /^headless1\./);
    await expandRow(svc);
    const ep = await treeRow(pane, /^pod-a\.headless1\./);
    assert.match(await ep.innerText(), /ready/);
    await screenshot(page, '07-cluster-dns-tree');
    // a click opens the manifest
    await ep.click();
    await page.locator('.monaco-editor[data-uri$="/seed/pod_headless.yml"]').waitFor({ timeout: T.short });
  });
});
