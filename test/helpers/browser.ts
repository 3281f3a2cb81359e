// A real browser for end-to-end tests: Debian's Chromium driven by playwright-core, against the
// app served on a loopback port. Screenshots go to test-output/ (git-ignored).
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import { PROJECT_ROOT } from '../../server/paths.js';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-output', 'screenshots');

/** Launches headless Chromium (CHROMIUM_PATH overrides /usr/bin/chromium). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
}

/** Serves the app on a free loopback port; returns its base URL and a closer. */
export async function serve(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Saves a full-page screenshot under test-output/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the sign-in page. */
export async function browserSignIn(
  page: Page,
  baseUrl: string,
  user: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.click('button[type=submit].primary'),
  ]);
}
