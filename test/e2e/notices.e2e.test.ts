// Browser: the notices pages as a privacy officer and an admin use them (issue 7) — the list upload,
// the run page on a phone, the template editor's live preview and the live progress page, with no
// console errors (the strict CSP allows no inline script).
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, launchBrowser, checkPage, serve } from '../helpers/browser.js';
import {
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  preparedRun,
  TEST_CONTACT_KEY,
  testDomain,
} from '../helpers/notices.js';
import { createNoticeRunWorker } from '../../notifications/notice-run/notice-run-job.js';
import { cancelRun } from '../../server/notices/notice-run-control.service.js';
import { runSnapshot } from '../../server/notices/run-events.js';

describe('e2e: notices to affected persons in a real browser', function () {
  this.timeout(120_000);
  let t: TestApp;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    t = await buildTestApp({ ATTACHMENT_KEY: TEST_CONTACT_KEY });
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  function watch(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    return errors;
  }

  it('when an officer uploads a list and opens a draft notice on a phone, then the pages work and fit the screen', async () => {
    const officer = await makeUser('privacy_officer', { name: 'Petra Privacy' });
    const incident = await makeIncident(officer, t.clock.now());
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watch(page);
    await browserSignIn(page, server.baseUrl, officer);
    await page.goto(`${server.baseUrl}/incidents/${String(incident._id)}/notices`);
    await page.setInputFiles('#file', {
      name: 'lijst.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFNaam;E-mailadres;Taal\r\nAnna;anna@example.test;nl\r\nBen;ben@;en\r\n',
        'utf8',
      ),
    });
    await Promise.all([
      page.waitForURL(/\/imports\//),
      page.click('button:has-text("Uploaden en controleren")'),
    ]);
    assert.match((await page.textContent('main')) ?? '', /Geen geldig e-mailadres/);
    await checkPage(page, 'notices-import-result');
    await page.goto(`${server.baseUrl}/incidents/${String(incident._id)}/notices`);
    await Promise.all([
      page.waitForURL(/\/notices\/runs\//),
      page.click('button:has-text("Nieuwe kennisgeving opstellen")'),
    ]);
    await checkPage(page, 'notices-run-desktop');
    await page.setViewportSize({ width: 390, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `run page is ${overflow}px wider than a phone`);
    await checkPage(page, 'notices-run-phone');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('when an admin types in the template editor, then the preview follows without saving', async () => {
    const admin = await makeUser('admin');
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watch(page);
    await browserSignIn(page, server.baseUrl, admin);
    await page.goto(`${server.baseUrl}/admin/notice-templates/en`);
    await page.fill('#subject', 'Live {{incident.reference}}');
    await page.waitForFunction(
      () => document.querySelector('[data-preview="subject"]')?.textContent === 'Live DL-2026-0001',
    );
    await page.fill('#body', '## Live heading\nHello {{recipient.name}} <script>');
    await page.waitForFunction(
      () => document.querySelector('[data-preview="body"] h2')?.textContent === 'Live heading',
    );
    assert.equal(await page.textContent('[data-preview="body"] p'), 'Hello Fatima de Vries <script>');
    await checkPage(page, 'notices-template-live-preview');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('when a run is sending, then the progress page updates its figures by itself', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident(officer, t.clock.now());
    await insertPersons(incident._id, contacts(12, testDomain()), officer.id, t.clock.now());
    const { runId, approver } = await preparedRun(incident, t.clock.now());
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors = watch(page);
    await browserSignIn(page, server.baseUrl, approver);
    await page.goto(`${server.baseUrl}/notices/runs/${runId}/progress`);
    assert.equal(await page.textContent('[data-figure="sent"]'), '0');
    await createNoticeRunWorker(t.deps, t.mail, { pageSize: 5 }).runOnce();
    await page.waitForFunction(
      () => document.querySelector('[data-figure="sent"]')?.textContent === '12',
      undefined,
      { timeout: 10_000 },
    );
    assert.equal(await page.textContent('[data-figure="state"]'), 'Verzonden');
    await checkPage(page, 'notices-progress');
    assert.deepEqual(errors, []);
    await page.close();
    const s = await runSnapshot(runId);
    if (s && s.state !== 'completed') await cancelRun(runId, ctxOf(approver, t.clock.now()));
  });
});
