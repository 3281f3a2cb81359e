// Browser (issue 3 "must hold"): a reporter files a report on a phone with an attachment; the
// privacy officer finds it in the register, sets the moment of awareness, and sees the reporter's
// later addition on the incident page.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, launchBrowser, checkPage, serve } from '../helpers/browser.js';
import { Incident } from '../../models/incident.model.js';

describe('e2e: report, register, awareness and addition in a real browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    const t = await buildTestApp({}, '2026-03-02T10:00:00Z');
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  function watchConsole(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    return errors;
  }

  it('when a reporter files a report with evidence, then the privacy officer finds it, sets awareness and sees the later addition', async () => {
    const reporter = await makeUser('reporter', { name: 'Roos Reporter' });
    const officer = await makeUser('privacy_officer', { name: 'Pim Privacy' });

    // The reporter, on a phone.
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    const phoneErrors = watchConsole(phone);
    await browserSignIn(phone, server.baseUrl, reporter);
    await phone.click('nav a[href="/reports/new"]');
    await checkPage(phone, 'e2e-report-form');
    await phone.fill('#summary', 'Adviesrapport per e-mail naar de verkeerde klant gestuurd.');
    await phone.selectOption('#incidentCause', 'email_wrong_recipient');
    await phone.check('input[name=incidentNature][value=read]');
    await phone.check('input[name=breachTypes][value=confidentiality]');
    await phone.fill('#occurredFrom', '2026-03-01T08:45');
    await phone.fill('#discoveredAt', '2026-03-01T09:00');
    await phone.selectOption('#discoveryChannel', 'own_detection');
    await phone.check('input[name=personalDataInvolved][value=yes]');
    await phone.check('input[name=dataCategories][value=name_address]');
    await phone.check('input[name=dataCategories][value=financial]');
    await phone.check('input[name=subjectCategories][value=clients]');
    await phone.fill('#subjectsCountMin', '1');
    await phone.fill('#subjectsCountMax', '1');
    await phone.fill('#measuresTaken', 'Ontvanger gebeld en gevraagd de e-mail te verwijderen.');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the form is ${overflow}px wider than the phone`);
    await Promise.all([
      phone.waitForURL(/\/reports\/[0-9a-f]{24}\/submitted$/),
      phone.click('button:has-text("Melding versturen")'),
    ]);
    const referenceText = (await phone.textContent('.report-reference')) ?? '';
    // Other suites' fixtures use large sequence numbers in the shared database: take every digit.
    const reference = /DL-2026-\d+/.exec(referenceText)?.[0];
    assert.ok(reference, referenceText);
    const incidentId = /\/reports\/([0-9a-f]{24})\//.exec(phone.url())![1]!;

    await phone.setInputFiles('#file', {
      name: 'doorgestuurde-mail.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\nbewijs\n'),
    });
    await Promise.all([phone.waitForLoadState('load'), phone.click('button:has-text("Bijlage uploaden")')]);
    assert.match((await phone.textContent('.flash')) ?? '', /doorgestuurde-mail\.pdf is toegevoegd/);
    assert.ok(await phone.isVisible('.attachment-list a:has-text("doorgestuurde-mail.pdf")'));
    await checkPage(phone, 'e2e-report-confirmation-phone');

    // The privacy officer finds it in the register.
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const deskErrors = watchConsole(desk);
    await browserSignIn(desk, server.baseUrl, officer);
    await desk.click('nav a[href="/register"]');
    await checkPage(desk, 'e2e-register');
    await desk.fill('#q', reference);
    // Wait for the filtered page itself (waiting for "load" would return at once on the page already loaded).
    await Promise.all([
      desk.waitForURL(/\/register\?(?:.*&)?q=/),
      desk.click('button:has-text("Toepassen")'),
    ]);
    const link = desk.locator(`a[href="/incidents/${incidentId}"]`, { hasText: reference });
    await link.waitFor();
    await Promise.all([
      desk.waitForURL(new RegExp(`/incidents/${incidentId}$`), { waitUntil: 'load' }),
      link.click(),
    ]);
    assert.match((await desk.textContent('h1')) ?? '', new RegExp(reference));
    assert.ok(await desk.isVisible('.attachment-list a:has-text("doorgestuurde-mail.pdf")'));
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.click('.attachment-list a:has-text("doorgestuurde-mail.pdf")'),
    ]);
    assert.equal(download.suggestedFilename(), 'doorgestuurde-mail.pdf');

    // Awareness more than 24 h after discovery needs a note (domain.md §3).
    await desk.fill('#awarenessAt', '2026-03-02T10:00');
    await Promise.all([
      desk.waitForLoadState('load'),
      desk.click('button:has-text("Kennisname vastleggen")'),
    ]);
    assert.match((await desk.textContent('#awarenessNote-error')) ?? '', /Meer dan 24 uur/);
    // The browser logs the intended 400 answer itself as a console error; nothing else may appear.
    assert.deepEqual(
      deskErrors.splice(0).filter((e) => !/status of 400/.test(e)),
      [],
    );
    await desk.fill(
      '#awarenessNote',
      'Pas na terugbellen van de ontvanger zeker dat het dossier was geopend.',
    );
    await Promise.all([
      desk.waitForLoadState('load'),
      desk.click('button:has-text("Kennisname vastleggen")'),
    ]);
    assert.match((await desk.textContent('.flash')) ?? '', /kennisname is vastgelegd/);
    const stored = await Incident.findById(incidentId).lean();
    assert.equal(stored?.awarenessAt?.toISOString(), '2026-03-02T09:00:00.000Z');

    // The reporter adds information later; the officer sees it in the timeline.
    await phone.goto(`${server.baseUrl}/reports/${incidentId}`);
    await phone.fill('#text', 'De klant heeft de e-mail inmiddels verwijderd en dat schriftelijk bevestigd.');
    await Promise.all([
      phone.waitForLoadState('load'),
      phone.click('button:has-text("Aanvulling versturen")'),
    ]);
    assert.match((await phone.textContent('.flash')) ?? '', /aanvulling is toegevoegd/);
    await desk.reload();
    const timeline = (await desk.textContent('ol.timeline')) ?? '';
    assert.match(timeline, /Aanvulling van de melder/);
    assert.match(timeline, /De klant heeft de e-mail inmiddels verwijderd en dat schriftelijk bevestigd\./);
    assert.match(timeline, /Moment van kennisname vastgesteld/);
    await checkPage(desk, 'e2e-incident-page');

    assert.deepEqual(phoneErrors, [], 'no console errors on the phone (e.g. CSP violations)');
    assert.deepEqual(deskErrors, [], 'no console errors for the officer');
    await phone.close();
    await desk.close();
  });
});
