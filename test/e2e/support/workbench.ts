// Driving the VS Code workbench through the page, with selectors that hold on VS Code 1.100 (see
// /work/shared/E2E.md). Every wait is on DOM state, never a fixed sleep.
import type { Locator, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resultsDir } from './paths';

export const T = { short: 10_000, long: 30_000 };

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: T.long });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: T.long });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Rows of the open quick input (command palette, quick open, our quick picks). */
export function quickInputRows(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
}

/** Opens the command palette and runs the command with this title (as the palette shows it). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: T.short });
  await input.fill(`>${title}`);
  await quickInputRows(page).filter({ hasText: title }).first().waitFor({ timeout: T.short });
  await page.keyboard.press('Enter');
}

/** Quick open (Ctrl+P) a workspace file and wait for its editor. */
export async function openFile(page: Page, relPath: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible', timeout: T.short });
  await input.fill(relPath);
  await quickInputRows(page).filter({ hasText: path.basename(relPath) }).first().waitFor({ timeout: T.short });
  await page.keyboard.press('Enter');
  const editor = page.locator(`.monaco-editor[data-uri$="/${relPath}"]`);
  await editor.locator('.view-line').first().waitFor({ timeout: T.short });
  return editor;
}

/** Moves the mouse onto a word of the editor and returns the text of the hover widget. */
export async function hoverWord(page: Page, editor: Locator, word: string, expect?: RegExp): Promise<string> {
  // move away first, so that a previous hover closes
  await page.mouse.move(5, 5);
  const span = editor.locator('.view-line span span', { hasText: word }).first();
  await span.waitFor({ timeout: T.short });
  const box = (await span.boundingBox())!;
  const text = await span.textContent();
  const at = text ? Math.max(0, text.indexOf(word)) : 0;
  const charWidth = box.width / Math.max(1, text?.length ?? 1);
  await page.mouse.move(box.x + (at + word.length / 2) * charWidth, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
  if (expect) await hover.filter({ hasText: expect }).first().waitFor({ timeout: T.short });
  else await hover.first().waitFor({ timeout: T.short });
  return (await hover.first().innerText()).trim();
}

/** A status bar item by its text. */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item', { hasText: text });
}

/** The pane of a view (e.g. "Cluster DNS"), expanded. */
export async function openViewPane(page: Page, viewName: string): Promise<Locator> {
  const pane = page.locator(`.pane:has(.pane-header[aria-label^="${viewName} Section"])`);
  await pane.waitFor({ timeout: T.short });
  const header = pane.locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return pane;
}

/** A row of a tree view whose label contains `text` (waits until it exists). */
export async function treeRow(pane: Locator, text: string | RegExp): Promise<Locator> {
  const row = pane.locator('.pane-body .monaco-list-row', { has: pane.page().locator('.label-name', { hasText: text }) }).first();
  await row.waitFor({ timeout: T.short });
  return row;
}

/** Expands a tree row (a click on its twistie) unless it is expanded. */
export async function expandRow(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  await row.page().waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: T.short });
}

/** Waits until no notification toast or quick input is in the way, closing them (Escape). */
export async function dismissOverlays(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await quickInput(page).isVisible()); i++) await page.keyboard.press('Escape');
}

/** Drags the side bar's edge to make it `width` pixels wide (tree labels are long DNS names). */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = (await sidebar.boundingBox())!;
  if (box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(([w]) => (document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) >= w - 4, [width], { timeout: T.short });
}

/** Text of editor lines as a person reads it (Monaco draws spaces as no-break spaces). */
export async function editorText(lines: Locator): Promise<string> {
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** The text of the output channel shown in the panel (its read-only editor), once it contains `expect`. */
export async function outputChannelText(page: Page, expect: string): Promise<string> {
  const lines = page.locator('.part.panel .monaco-editor[data-uri^="output:"] .view-lines');
  await lines.filter({ hasText: expect }).waitFor({ timeout: T.long });
  return editorText(lines);
}
