// Browser: the privacy officer opens the insights page (issue 17) — charts with their tables pass
// the accessibility check, and a bad year shows a clear message with the typed value kept — and
// writes the annual report's narrative, downloads the report, and management reads it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { fileReport } from '../helpers/incidents.js';
import { storeInsightsFixture } from '../helpers/insights-fixture.js';
import { browserSignIn, checkPage, launchBrowser, serve } from '../helpers/browser.js';
import { pdfTextLines } from '../integration/authority/pdf-text.js';

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

  it('when the officer edits the annual report, then an empty narrative is refused with a clear message, the saved one is in the PDF and management reads it in paragraphs', async () => {
    const officer = await makeUser('privacy_officer');
    await fileReport(await makeUser('reporter'), t.clock.now(), {
      summary: 'Map met dossiers in de trein laten liggen',
      discoveredAt: '2031-03-04T09:00',
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    await browserSignIn(page, server.baseUrl, officer);
    await page.goto(`${server.baseUrl}/insights/report?year=2031`);
    assert.equal(await page.textContent('h1'), 'Jaarverslag 2031');
    const organisation = ((await page.textContent('.lead')) ?? '').trim();
    assert.ok(organisation.length > 0);
    const drafted = await page.inputValue('#narrative');
    assert.ok(drafted.includes(organisation), 'the draft names the organisation');
    assert.match(drafted, /2031/);
    await checkPage(page, 'insights-report');

    await page.fill('#narrative', '   ');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Toelichting opslaan")')]);
    assert.match((await page.textContent('.error-summary')) ?? '', /Vul een toelichting in/);
    assert.equal(await page.getAttribute('#narrative', 'aria-invalid'), 'true');
    await checkPage(page, 'insights-report-error');

    const own = 'Het jaar in het kort: één melding, snel afgehandeld.\n\nVolgend jaar oefenen we het melden.';
    await page.fill('#narrative', own);
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Toelichting opslaan")')]);
    assert.equal(await page.inputValue('#narrative'), own);
    assert.match(
      (await page.textContent('main')) ?? '',
      new RegExp(`Laatst opgeslagen door ${officer.name}`),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:has-text("Jaarverslag downloaden (PDF)")'),
    ]);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    const pdf = await readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfTextLines(pdf).join('\n');
    assert.match(text, /Het jaar in het kort/);
    assert.match(text, /Volgend jaar oefenen we het melden/);
    assert.ok(text.includes(organisation), 'the PDF names the organisation');

    const boss = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await browserSignIn(boss, server.baseUrl, await makeUser('management'));
    await boss.goto(`${server.baseUrl}/insights/report?year=2031`);
    assert.equal(await boss.locator('#narrative').count(), 0, 'management cannot edit');
    const paragraphs = await boss.locator('.panel p').allTextContents();
    assert.deepEqual(paragraphs, [
      'Het jaar in het kort: één melding, snel afgehandeld.',
      'Volgend jaar oefenen we het melden.',
    ]);
    await checkPage(boss, 'insights-report-management');
  });
});
