// Browser (issue "must hold"): the privacy officer records the AP filing and sends the ministry
// notice; the outbox worker delivers it over real SMTP to the sink; the liaison follows the link,
// signs in and acknowledges; the officer sees the acknowledgement.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, launchBrowser, checkPage, serve } from '../helpers/browser.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createSmtpChannel } from '../../notifications/channels/smtp.channel.js';
import { createMailWorker } from '../../notifications/worker.js';
import type { MailChannel } from '../../notifications/channels/channel.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { MinistryNoticeAck } from '../../models/ministry-notice-ack.model.js';
import { assessIncident, makeIncident, TEST_ENV } from '../integration/authority/authority-fixtures.js';

describe('e2e: AP filing, ministry notice and acknowledgement', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let sink: SmtpSink;
  let channel: MailChannel;
  let t: TestApp;
  let liaison: Awaited<ReturnType<typeof makeUser>>;

  before(async () => {
    sink = await startSmtpSink();
    const liaisonEmail = `lisa-${randomUUID().slice(0, 8)}@minszw.example.test`;
    t = await buildTestApp(
      { ...TEST_ENV, MINISTRY_EMAILS: liaisonEmail, SMTP_URL: sink.url },
      '2026-01-05T16:00:00Z',
    );
    liaison = await makeUser('ministry_liaison', { name: 'Lisa Liaison', email: liaisonEmail });
    channel = createSmtpChannel({ url: sink.url });
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await channel?.close();
    await sink?.close();
  });

  it('when the officer files and notifies, then the liaison gets the mail, acknowledges, and the officer sees it', async () => {
    const officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const dossierPath = `/authority/incidents/${String(incident._id)}`;
    const errors: string[] = [];

    // 1. The officer records the AP filing on the dossier page.
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await browserSignIn(page, server.baseUrl, officer);
    await page.goto(`${server.baseUrl}${dossierPath}`);
    assert.equal(await page.textContent('h1'), `AP-dossier ${incident.reference}`);
    await page.fill('#submittedAt', '2026-01-05T16:45');
    await page.fill('#apReference', 'M-2026-0077');
    await page.check('input[name="complete"][value="no"]');
    // The summary for the AP starts as a neutral draft: filing it unwritten comes back with a
    // message, with what was typed, and with the time exactly as entered (Dutch time, no shift).
    assert.match(
      await page.inputValue('#summary'),
      /^Op 5 januari 2026 hebben wij een datalek ontdekt\. \[\[/,
    );
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Melding vastleggen")')]);
    await page.waitForSelector('#summary-error');
    assert.match((await page.textContent('#summary-error')) ?? '', /invulplek/);
    assert.equal(await page.inputValue('#submittedAt'), '2026-01-05T16:45');
    assert.equal(await page.inputValue('#apReference'), 'M-2026-0077');
    // The form came back with status 400 on purpose; the browser logs that, nothing else.
    assert.deepEqual(errors.splice(0), [
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.fill(
      '#summary',
      'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.',
    );
    await page.check('input[name="complete"][value="no"]');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}${dossierPath}`),
      page.click('button:has-text("Melding vastleggen")'),
    ]);
    assert.match((await page.textContent('.flash-success')) ?? '', /De melding is vastgelegd\./);
    assert.equal(await page.textContent('#ap-reference'), 'M-2026-0077');
    assert.equal(
      (await AuthorityFiling.findOne({ incidentId: incident._id }).lean())?.apReference,
      'M-2026-0077',
    );
    await checkPage(page, 'authority-filed');

    // 2. The officer previews and sends the ministry notice.
    await Promise.all([
      page.waitForURL(/\/ministry\/incidents\/.+\/notice$/),
      page.click('.actions a:has-text("Bericht aan het ministerie")'),
    ]);
    assert.match((await page.textContent('.notice-preview')) ?? '', /meldingsnummer M-2026-0077/);
    // The texts start neutral; the officer writes them. A phone number is flagged inline and
    // the officer takes it out rather than confirming it.
    await page.fill(
      '#summary',
      'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd; bel de melder op 06-12345678.',
    );
    await page.fill(
      '#measures',
      'De ontvanger heeft de e-mail verwijderd; medewerkers zijn opnieuw geïnstrueerd.',
    );
    await page.check('input[name="confirmNoPersonalData"]');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Bericht versturen")')]);
    await page.waitForSelector('#summary-flags');
    assert.match((await page.textContent('#summary-flags')) ?? '', /Telefoonnummer: 06-12345678/);
    assert.match(await page.inputValue('#measures'), /opnieuw geïnstrueerd/);
    // The form came back with status 400 on purpose; the browser logs that, nothing else.
    assert.deepEqual(errors.splice(0), [
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.fill(
      '#summary',
      'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.',
    );
    await page.check('input[name="confirmNoPersonalData"]');
    await checkPage(page, 'ministry-notice-preview');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}${dossierPath}`),
      page.click('button:has-text("Bericht versturen")'),
    ]);
    assert.match((await page.textContent('.flash-success')) ?? '', /klaargezet/);
    assert.match((await page.textContent('.ministry-notices .ack-state')) ?? '', /Nog niet bevestigd/);

    // 3. The worker delivers the notice over SMTP; the liaison receives it.
    const worker = createMailWorker({
      channel,
      clock: t.clock,
      logger: t.deps.logger,
      from: t.config.mail.from,
    });
    await worker.runOnce();
    const mails = await sink.waitFor(1, 10_000);
    const mail = mails.find((m) => m.subject.includes(incident.reference));
    assert.ok(mail, 'the notice arrived at the SMTP sink');
    assert.deepEqual(mail.to, [liaison.email]);
    assert.match(mail.subject, new RegExp(`^Melding datalek ${incident.reference}`));
    const link = /https?:\/\/\S+\/ministry\/notices\/[0-9a-f]{24}/.exec(mail.text)?.[0];
    assert.ok(link, 'the mail links to the notice in the portal');

    // 4. The liaison follows the link, signs in and acknowledges.
    const liaisonContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const lp = await liaisonContext.newPage();
    lp.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const noticePath = new URL(link).pathname;
    await lp.goto(`${server.baseUrl}${noticePath}`);
    assert.match(new URL(lp.url()).pathname, /^\/login/, 'the portal asks to sign in first');
    await lp.fill('#email', liaison.email);
    await lp.fill('#password', liaison.password);
    await Promise.all([
      lp.waitForURL(`${server.baseUrl}${noticePath}`),
      lp.click('button[type=submit].primary'),
    ]);
    assert.equal(await lp.textContent('h1'), `Datalek ${incident.reference}`);
    assert.match((await lp.textContent('.notice')) ?? '', /M-2026-0077/);
    t.clock.set('2026-01-05T17:30:00Z');
    await Promise.all([
      lp.waitForURL(`${server.baseUrl}${noticePath}`),
      lp.click('button:has-text("Ontvangst bevestigen")'),
    ]);
    assert.match(
      (await lp.textContent('.notice .ack-state')) ?? '',
      /Bevestigd op 5-1-2026 18:30 door Lisa Liaison/,
    );
    await checkPage(lp, 'ministry-acknowledged-phone');
    assert.equal(await MinistryNoticeAck.countDocuments({ incidentId: incident._id }), 1);
    // The liaison cannot open the incident's dossier.
    const seen = errors.length;
    const denied = await lp.goto(`${server.baseUrl}${dossierPath}`);
    assert.equal(denied?.status(), 403);
    assert.match((await lp.textContent('main')) ?? '', /U heeft geen toegang tot deze pagina\./);
    // The browser logs the refused page load itself; that one is expected.
    assert.deepEqual(
      errors.splice(seen).map((e) => /status of 403/.test(e)),
      [true],
    );

    // 5. The officer sees the acknowledgement.
    await page.reload();
    assert.match(
      (await page.textContent('.ministry-notices .ack-state')) ?? '',
      /Bevestigd op 5-1-2026 18:30 door Lisa Liaison/,
    );
    await checkPage(page, 'authority-acknowledged');
    assert.deepEqual(errors, [], 'no console errors (e.g. CSP violations)');
    await context.close();
    await liaisonContext.close();
  });
});
