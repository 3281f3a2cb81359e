// A real browser for end-to-end tests: Debian's Chromium driven by playwright-core, against the
// app served on a loopback port. Screenshots go to test-output/ (git-ignored).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * Launches headless Chromium (CHROMIUM_PATH overrides /usr/bin/chromium). Every page a test opens
 * is watched: before its page (or context, or the browser) closes, each app page it visited is
 * opened again with the same cookies and checked with checkPage (issue 14: accessibility of every
 * page the browser tests visit, at desktop and phone width).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  return watchVisits(browser);
}

/** Not checked again after a test's own checks: downloads and machine formats. */
const NOT_A_PAGE = /\.(pdf|json|csv|xlsx|ics)(\?|$)|\/html$/;

/** Origins that are not the app (the test's OpenID provider): their pages are not the app's to check. */
const FOREIGN_ORIGINS = new Set<string>();

/** Leaves the pages of another site the browser passes through (e.g. an identity provider) unchecked. */
export function notTheApp(origin: string): void {
  FOREIGN_ORIGINS.add(origin);
}

function watchVisits(browser: Browser): Browser {
  const visited = new Map<BrowserContext, Set<string>>();
  const checked = new Set<string>();
  const track = (page: Page) => {
    const context = page.context();
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const url = frame.url();
      if (!/^https?:/.test(url) || NOT_A_PAGE.test(url) || FOREIGN_ORIGINS.has(new URL(url).origin)) return;
      let set = visited.get(context);
      if (!set) visited.set(context, (set = new Set()));
      set.add(url);
    });
    const close = page.close.bind(page);
    page.close = async (options) => {
      await checkVisited(context);
      return close(options);
    };
  };
  const checkVisited = async (context: BrowserContext) => {
    const urls = [...(visited.get(context) ?? [])].filter((u) => !checked.has(u));
    visited.delete(context);
    if (!urls.length) return;
    // A fresh context with the same cookies: the test's own page may be about to close.
    const again = await browser.newContext({ storageState: await context.storageState(), viewport: DESKTOP });
    const page = await again.newPage();
    try {
      for (const url of urls) {
        checked.add(url);
        const res = await page.goto(url);
        if (!res || res.status() !== 200 || !(res.headers()['content-type'] ?? '').startsWith('text/html'))
          continue;
        await checkPage(page, `visited${new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-')}`);
      }
    } finally {
      await again.close();
    }
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    track(page);
    return page;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const contextPage = context.newPage.bind(context);
    context.newPage = async () => {
      const page = await contextPage();
      track(page);
      return page;
    };
    const closeContext = context.close.bind(context);
    context.close = async (opts) => {
      await checkVisited(context);
      return closeContext(opts);
    };
    return context;
  };
  const closeBrowser = browser.close.bind(browser);
  browser.close = async (options) => {
    try {
      for (const context of [...visited.keys()]) await checkVisited(context);
    } finally {
      await closeBrowser(options);
    }
  };
  return browser;
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
  try {
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.click('button[type=submit].primary'),
    ]);
  } catch (err) {
    // Say what the page said (a lock-out, an error page) rather than only that it did not move on.
    const said = await page
      .locator('main')
      .innerText({ timeout: 2_000 })
      .catch(() => '(no page text)');
    throw new Error(`sign-in as ${user.email} did not leave ${page.url()}: ${said.slice(0, 400)}`, {
      cause: err,
    });
  }
}

/** axe-core's browser bundle, read once; evaluated in the page (DevTools evaluation is not subject to the page's CSP). */
let axeSource: string | undefined;

/** The WCAG 2.1 A and AA rules (issue 14: accessibility in the test suite). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, WCAG_TAGS);
}

/** The phone and desktop sizes every checked page is seen at. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Checks the page as it is now at desktop and at phone width: a screenshot of each under
 * test-output/screenshots/NAME-desktop.png and NAME-phone.png, and axe-core's WCAG 2.1 A/AA
 * rules, failing on any violation. The viewport is put back afterwards.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  const found: string[] = [];
  for (const [tag, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${tag}`);
    for (const v of await axeViolations(page))
      found.push(
        `${tag}: ${v.id} (${v.impact ?? '?'}) ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
      );
  }
  await page.setViewportSize(original);
  assert.deepEqual(found, [], `accessibility of ${name} (${page.url()})`);
}
