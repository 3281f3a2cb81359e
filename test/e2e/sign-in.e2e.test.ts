// Browser: sign in, see the home page for your role, sign out (foundation issue).
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { buildTestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, launchBrowser, checkPage, serve } from '../helpers/browser.js';

describe('e2e: sign in and out in a real browser', function () {
  this.timeout(90_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    const t = await buildTestApp();
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when an admin signs in, then the admin home shows, and signing out returns to the sign-in page', async () => {
    const admin = await makeUser('admin', { name: 'Anna Admin' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const unexpected: string[] = [];
    page.on('console', (m) => m.type() === 'error' && unexpected.push(m.text()));
    await browserSignIn(page, server.baseUrl, admin);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.textContent('h1'), 'Welkom, Anna Admin');
    assert.ok(await page.isVisible('nav a[href="/admin/users"]'), 'admin sees the users link');
    await checkPage(page, 'home-admin');
    await Promise.all([page.waitForNavigation(), page.click('text=English')]);
    assert.equal(await page.textContent('h1'), 'Welcome, Anna Admin');
    await Promise.all([page.waitForURL(/\/login$/), page.click('button:has-text("Sign out")')]);
    assert.match((await page.textContent('.flash')) ?? '', /signed out/);
    await checkPage(page, 'signed-out');
    assert.deepEqual(unexpected, [], 'no console errors (e.g. CSP violations)');
    await page.close();
  });

  it('when a reporter signs in on a phone-sized screen, then the page fits and shows no admin link', async () => {
    const reporter = await makeUser('reporter', { name: 'Rob Reporter' });
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await browserSignIn(page, server.baseUrl, reporter);
    assert.equal(await page.textContent('h1'), 'Welkom, Rob Reporter');
    assert.equal(await page.isVisible('nav a[href="/admin/users"]'), false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
    await checkPage(page, 'home-reporter-phone');
    await page.close();
  });
});
