// Browser (issue 15): the public report page on a phone with JavaScript turned off, the full round
// trip — an external report, the officer's question, the reporter's answer with the receipt code,
// the officer reading it — and every page checked at phone and desktop width.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { PHONE, browserSignIn, checkPage, launchBrowser, serve } from '../helpers/browser.js';
import { Incident } from '../../models/incident.model.js';

describe('e2e: public report page without an account, without JavaScript, on a phone (issue 15)', function () {
  this.timeout(180_000);
  let t: TestApp;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let noScript: BrowserContext;
  let checker: BrowserContext;
  before(async () => {
    t = await buildTestApp({}, '2026-03-09T08:30:00Z');
    server = await serve(t.app);
    browser = await launchBrowser();
    noScript = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    checker = await browser.newContext({ viewport: PHONE });
  });
  after(async () => {
    await noScript?.close();
    await checker?.close();
    await browser?.close();
    await server?.close();
  });

  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /**
   * axe-core needs timers, which do not run with JavaScript off: the page the reporter sees (its
   * exact HTML, with the same stylesheet) is checked in a second page that runs the checker, at
   * phone and desktop width. Width is measured there too, on the same HTML.
   */
  async function inspect(page: Page, name: string): Promise<void> {
    const html = await page.content();
    const copy = await checker.newPage();
    await copy.goto(page.url().startsWith('http') ? new URL('/healthz', page.url()).href : server.baseUrl);
    await copy.setContent(html, { waitUntil: 'load' });
    assert.ok((await overflow(copy)) <= 0, `${name} fits the phone`);
    await checkPage(copy, name);
    await copy.close();
  }

  it('when a member of the public reports on a phone without JavaScript, then the officer asks a question, the reporter answers with the code and the officer sees the answer', async () => {
    const officer = await makeUser('privacy_officer', { name: 'Pien Privacy' });

    // The reporter: no account, a phone, no JavaScript.
    const phone = await noScript.newPage();
    await phone.goto(`${server.baseUrl}/melden`);
    assert.equal(await phone.textContent('h1'), 'Een datalek melden');
    await inspect(phone, 'e2e-public-intake-form');
    await phone.fill('#summary', 'Ik kreeg een brief met het dossier van een andere cliënt.');
    await phone.fill('#occurredAt', '2026-03-07T10:00');
    await phone.selectOption('#reporterKind', 'client');
    await phone.check('input[name=dataCategories][value=name_address]');
    await phone.check('input[name=dataCategories][value=health]');
    await phone.check('input[name=subjectCategories][value=clients]');
    await phone.fill('#subjectsCount', '1');
    // A person takes longer than the form's minimum fill time.
    t.clock.advance(30_000);
    await Promise.all([phone.waitForLoadState('load'), phone.click('button:has-text("Melding versturen")')]);
    await phone.waitForSelector('[data-testid=receipt-code]');
    const reference = /DL-2026-\d+/.exec((await phone.textContent('.report-reference')) ?? '')?.[0];
    const code = (await phone.textContent('[data-testid=receipt-code]'))?.trim();
    const passphrase = (await phone.textContent('[data-testid=passphrase]'))?.trim();
    assert.ok(reference && code && passphrase, 'reference, code and passphrase are shown');
    assert.match((await phone.textContent('main')) ?? '', /niet herstellen/);
    await inspect(phone, 'e2e-public-intake-receipt');
    const download = await Promise.all([
      phone.waitForEvent('download'),
      phone.click('button:has-text("Download als tekstbestand")'),
    ]).then(([d]) => d);
    assert.equal(download.suggestedFilename(), `${reference}.txt`);

    const incident = await Incident.findOne({ reference }).lean();
    assert.equal(incident?.source, 'external_anonymous');

    // The officer finds it in the register with its source and asks a question.
    const desk = await browser.newPage();
    await browserSignIn(desk, server.baseUrl, officer);
    await desk.goto(`${server.baseUrl}/register?q=${reference}`);
    assert.match((await desk.textContent(`tr:has(a:text("${reference}"))`)) ?? '', /Extern, anoniem/);
    await desk.click(`a:text("${reference}")`);
    assert.match((await desk.textContent('[data-testid=external-reporter]')) ?? '', /Extern, anoniem/);
    await desk.fill('#external-text', 'Welke naam stond er op de brief, en heeft u de brief nog?');
    await Promise.all([desk.waitForURL(/#external$/), desk.click('button:has-text("Bericht versturen")')]);
    await checkPage(desk, 'e2e-public-intake-officer');

    // The reporter comes back with the code and answers.
    await phone.goto(`${server.baseUrl}/melden/status`);
    await inspect(phone, 'e2e-public-intake-sign-in');
    await phone.fill('#receiptCode', code);
    await phone.fill('#passphrase', passphrase);
    await Promise.all([
      phone.waitForURL(/\/melden\/status\/overzicht$/),
      phone.click('button:has-text("Inloggen")'),
    ]);
    assert.match((await phone.textContent('#berichten')) ?? '', /Welke naam stond er op de brief/);
    assert.match((await phone.textContent('[data-testid=plain-status]')) ?? '', /Ontvangen/);
    await inspect(phone, 'e2e-public-intake-status');
    await phone.fill('#text', 'Er stond mevrouw De Vries op. Ik heb de brief nog.');
    await Promise.all([
      phone.waitForURL(/\/melden\/status\/overzicht#berichten$/),
      phone.click('button:has-text("Versturen")'),
    ]);
    assert.match((await phone.textContent('#berichten')) ?? '', /Ik heb de brief nog/);

    // The officer sees the answer on the incident page.
    await desk.reload();
    assert.match((await desk.textContent('#external')) ?? '', /Melder \(extern\)[\s\S]*Ik heb de brief nog/);
    await desk.close();
    await phone.close();
  });

  it('when the form is sent with a mistake, then without JavaScript it comes back with the answers kept and the error named', async () => {
    const phone = await noScript.newPage();
    await phone.goto(`${server.baseUrl}/melden?lang=en`);
    assert.equal(await phone.textContent('h1'), 'Report a data breach');
    await phone.fill('#summary', 'A file with client names was left on a train.');
    await phone.fill('#contactEmail', 'not-an-address');
    await phone.check('#notify');
    t.clock.advance(30_000);
    await Promise.all([phone.waitForLoadState('load'), phone.click('button:has-text("Send report")')]);
    await phone.waitForSelector('.error-summary');
    assert.equal(await phone.inputValue('#summary'), 'A file with client names was left on a train.');
    assert.match((await phone.textContent('#contactEmail-error')) ?? '', /valid e-mail/i);
    await inspect(phone, 'e2e-public-intake-errors');
    await phone.close();
  });
  it('when a reporter chooses Arabic on a phone without JavaScript, then the pages run right to left, fit the phone, pass the checks, and the receipt comes as a PDF', async () => {
    const phone = await noScript.newPage();
    await phone.goto(`${server.baseUrl}/melden`);
    await Promise.all([
      phone.waitForLoadState('load'),
      phone.click('[data-testid=public-languages] a[lang=ar]'),
    ]);
    assert.equal(await phone.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await phone.getAttribute('html', 'lang'), 'ar');
    assert.equal(await phone.textContent('h1'), 'الإبلاغ عن تسرّب بيانات');
    await inspect(phone, 'e2e-public-intake-form-ar');
    // A mistake first: the error in Arabic, the text kept.
    await phone.fill('#contactEmail', 'ليس-عنوانا');
    t.clock.advance(30_000);
    await Promise.all([phone.waitForLoadState('load'), phone.click('button:has-text("إرسال البلاغ")')]);
    assert.equal((await phone.textContent('#summary-error'))?.trim(), 'يُرجى ملء هذا الحقل.');
    await inspect(phone, 'e2e-public-intake-errors-ar');
    await phone.fill('#summary', 'وصلتني رسالة فيها ملف جاري.');
    await phone.fill('#contactEmail', '');
    t.clock.advance(30_000);
    await Promise.all([phone.waitForLoadState('load'), phone.click('button:has-text("إرسال البلاغ")')]);
    await phone.waitForSelector('[data-testid=receipt-code]');
    assert.equal(await phone.textContent('h1'), 'وصلنا بلاغك');
    await inspect(phone, 'e2e-public-intake-receipt-ar');
    const reference = /DL-2026-\d+/.exec((await phone.textContent('.report-reference')) ?? '')?.[0];
    const download = await Promise.all([
      phone.waitForEvent('download'),
      phone.click('button:has-text("تنزيل كملف PDF")'),
    ]).then(([d]) => d);
    assert.equal(download.suggestedFilename(), `${reference}.pdf`);
    const incident = await Incident.findOne({ reference }).lean();
    assert.equal(incident?.summary, 'وصلتني رسالة فيها ملف جاري.');
    await phone.close();
  });
});
