// Browser: the privacy officer lands on the deadline dashboard (countdowns tick with JavaScript),
// opens an assessment, recomputes, is refused a deviating decision without justification, saves,
// and the page fits a phone screen.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { clearCollections } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, launchBrowser, checkPage, serve } from '../helpers/browser.js';
import { makeAssessment, makeIncident } from '../helpers/duty-fixtures.js';
import { Assessment } from '../../models/assessment.model.js';

describe('e2e: dashboard and assessment in a real browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    // The dashboard lists every open report in the database: start from an empty register, so the
    // rows on it are this file's (other files leave unassessed reports behind).
    await clearCollections('Incident', 'Assessment', 'DutyFulfilment');
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when a privacy officer signs in, then the dashboard shows open duties with a ticking countdown', async () => {
    const now = t.clock.now();
    const soon = await makeIncident({ status: 'assessed' });
    await makeAssessment(soon._id, {
      duties: { notifyAuthority: true, notifyMinistry: true },
      deadlines: {
        authority: new Date(now.getTime() + 41.5 * 3_600_000),
        ministry: new Date(now.getTime() - 2 * 3_600_000),
      },
    });
    const fresh = await makeIncident({
      discoveredAt: new Date(now.getTime() - 1.5 * 3_600_000),
      reportedInternallyAt: now,
    });
    const officer = await makeUser('privacy_officer', { name: 'Bea Browser' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await browserSignIn(page, server.baseUrl, officer);
    assert.equal(new URL(page.url()).pathname, '/dashboard');
    const row = page.locator(`tr[data-incident="${String(soon._id)}"][data-duty="authority"]`);
    // The script replaces the server text ("nog 41 uur") with hours and minutes.
    await page.waitForFunction(
      (id) =>
        /nog 41 uur \d+ min/.test(
          document.querySelector(`tr[data-incident="${id}"][data-duty="authority"] [data-countdown]`)
            ?.textContent ?? '',
        ),
      String(soon._id),
    );
    assert.match((await row.textContent()) ?? '', /Melding aan de AP/);
    const overdue = page.locator(`tr[data-incident="${String(soon._id)}"][data-duty="ministry"]`);
    assert.match((await overdue.getAttribute('class')) ?? '', /duty-overdue/);
    // A new report nobody has assessed is listed first, its provisional AP clock ticking too (issue 12).
    const inbox = page.locator(`tr[data-incident="${String(fresh._id)}"][data-inbox="submitted"]`);
    await page.waitForFunction(
      (id) =>
        /nog 70 uur \d+ min/.test(
          document.querySelector(`tr[data-incident="${id}"] [data-countdown]`)?.textContent ?? '',
        ),
      String(fresh._id),
    );
    assert.equal(await inbox.locator('.badge.provisional').textContent(), 'Voorlopig');
    assert.ok(await inbox.isVisible());
    const order = await page.evaluate(
      ([a, b]) => {
        const rows = [...document.querySelectorAll('tr.duty-row')].map((r) =>
          r.getAttribute('data-incident'),
        );
        return [rows.indexOf(a!), rows.indexOf(b!)];
      },
      [String(fresh._id), String(soon._id)],
    );
    assert.ok(order[0]! >= 0 && order[0]! < order[1]!, `the new report comes first: ${order.join(' < ')}`);
    await checkPage(page, 'dashboard');
    assert.deepEqual(problems, [], 'no console errors (e.g. CSP violations)');
    await page.close();
  });

  it('when the officer assesses an incident, then recompute shows the result, a deviation needs a justification, and saving keeps a version', async () => {
    const incident = await makeIncident();
    const officer = await makeUser('privacy_officer', { name: 'Anne Assessor' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await browserSignIn(page, server.baseUrl, officer);
    await page.goto(`${server.baseUrl}/incidents/${String(incident._id)}/assessment`);
    assert.equal(await page.getAttribute('.assessment-result', 'data-suggested'), 'high');
    await checkPage(page, 'assessment');

    await page.check('input[name="malicious"][value="yes"]');
    await page.click('button[value="recompute"] >> nth=0');
    await page.waitForSelector('.assessment-result[data-score="3.75"]');
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);

    await page.check('input[name="riskLevel"][value="none"]');
    await page.click('button[value="save"]');
    await page.waitForSelector('.error-summary', { timeout: 5000 }).catch(async (e: unknown) => {
      console.log(page.url(), (await page.content()).replace(/[\s\S]*<main/, '').slice(0, 1500));
      throw e;
    });
    assert.match((await page.textContent('.error-summary')) ?? '', /Geef een schriftelijke motivering/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
    await checkPage(page, 'assessment-justification-required');

    await page.fill(
      '#f-riskJustification',
      'Ontvanger is bekend en heeft verwijdering schriftelijk bevestigd.',
    );
    await Promise.all([page.waitForURL(/\/assessment$/), page.click('button[value="save"]')]);
    assert.match((await page.textContent('.flash')) ?? '', /versie 1/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 1);

    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
    await checkPage(page, 'assessment-phone');
    await page.close();
  });
});
