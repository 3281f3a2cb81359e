// Browser: the privacy officer opens the insights page (issue 17) — charts with their tables pass
// the accessibility check, and a bad year shows a clear message with the typed value kept.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { fileReport } from '../helpers/incidents.js';
import { storeInsightsFixture } from '../helpers/insights-fixture.js';
import { browserSignIn, checkPage, launchBrowser, serve } from '../helpers/browser.js';

describe('e2e: the insights page in a real browser', function () {
  this.timeout(90_000);
  let t: TestApp;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    t = await buildTestApp({}, '2032-05-02T10:00:00Z');
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when the officer views a year and then types a wrong one, then charts and tables show and the error is clear', async () => {
    const officer = await makeUser('privacy_officer');
    await fileReport(await makeUser('reporter'), t.clock.now(), {
      summary: 'Laptop kwijt',
      discoveredAt: '2032-05-01T09:00',
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await browserSignIn(page, server.baseUrl, officer);
    await page.goto(`${server.baseUrl}/insights?year=2032`);
    assert.equal(await page.textContent('h1'), 'Inzicht in het register');
    assert.equal(await page.locator('svg.chart').count(), 9);
    assert.match((await page.textContent('.insights-chart p')) ?? '', /drukste maand was mei/);
    await checkPage(page, 'insights');

    await page.fill('#year', '12');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Tonen")')]);
    assert.match((await page.textContent('.error-summary')) ?? '', /Kies een jaar tussen 2000 en 2100/);
    assert.equal(await page.inputValue('#year'), '12');
    await checkPage(page, 'insights-error');
  });

  it('when the officer views the fixture year, then every figure set with its tables and late filings passes the checks, and management sees it read-only', async () => {
    await storeInsightsFixture();
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await browserSignIn(page, server.baseUrl, await makeUser('privacy_officer'));
    await page.goto(`${server.baseUrl}/insights?year=2019`);
    assert.equal(await page.locator('svg.chart').count(), 9);
    assert.match((await page.textContent('#filing')) ?? '', /DL-2019-0002/);
    await checkPage(page, 'insights-2019');

    const boss = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await browserSignIn(boss, server.baseUrl, await makeUser('management'));
    await boss.goto(`${server.baseUrl}/insights?year=2019`);
    assert.equal(await boss.locator('svg.chart').count(), 9);
    assert.doesNotMatch((await boss.textContent('main')) ?? '', /DL-2019-/);
    await checkPage(boss, 'insights-2019-management');
  });
});
