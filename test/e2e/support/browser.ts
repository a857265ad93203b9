// Debian's Chromium driven by playwright-core (versions matched: scripts/e2e/install.sh checks).
import type { BrowserContext } from 'playwright-core';
import * as fs from 'node:fs';
import { requireTool } from './paths';

export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  fs.rmSync(profileDir, { recursive: true, force: true });
  const { chromium } = requireTool<typeof import('playwright-core')>('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
