// Browser (issue 12, one set of facts): the privacy officer opens the incident, corrects facts the
// reporter did not know — first forgetting the reason, which keeps the form — and then sees the
// corrected values with their origin on the incident page and in the AP dossier.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, launchBrowser, screenshot, serve } from '../helpers/browser.js';
import { FactCorrection } from '../../models/fact-correction.model.js';
import { assessIncident, makeIncident, TEST_ENV } from '../integration/authority/authority-fixtures.js';

describe('e2e: correcting the facts of an incident', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let t: TestApp;

  before(async () => {
    t = await buildTestApp(TEST_ENV, '2026-01-05T16:12:00Z');
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when the officer corrects recipients and protection, then the incident page and the dossier show the new values with who, when and why', async () => {
    const officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    const incident = await makeIncident({
      confidentialityScope: 'unknown',
      recipientTrusted: 'unknown',
      unintelligibility: 'unknown',
    });
    await assessIncident(incident._id);
    const id = String(incident._id);
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await browserSignIn(page, server.baseUrl, officer);

    // From the incident page to the facts page.
    await page.goto(`${server.baseUrl}/incidents/${id}`);
    await page.click(`a.button[href="/incidents/${id}/facts"]`);
    assert.equal(await page.textContent('h1'), `Feiten van ${incident.reference}`);

    // Forgetting the reason: refused, the choices stay as chosen.
    await page.selectOption('#f-confidentialityScope', 'known_recipients');
    await page.selectOption('#f-recipientTrusted', 'yes');
    await page.selectOption('#f-protection_national_id', 'state_of_art_encryption_key_safe');
    await page.click('button[type="submit"]:has-text("Correctie opslaan")');
    assert.equal(await page.textContent('#reason-error'), 'Schrijf op waarom je de feiten corrigeert.');
    assert.equal(await page.inputValue('#f-confidentialityScope'), 'known_recipients');
    assert.equal(await page.inputValue('#f-protection_national_id'), 'state_of_art_encryption_key_safe');
    assert.equal(await FactCorrection.countDocuments({ incidentId: incident._id }), 0);
    // The browser logs that deliberate 400 answer as a console error; only later errors count.
    assert.ok(errors.every((e) => e.includes('status of 400')));
    errors.length = 0;

    // With the reason: saved, and the table shows the value with its origin.
    await page.fill('#f-reason', 'Ontvanger gebeld: één bekende relatie.');
    await page.click('button[type="submit"]:has-text("Correctie opslaan")');
    const origin =
      'gecorrigeerd door Olga Officer op 5 januari 2026, 17:12: Ontvanger gebeld: één bekende relatie.';
    const row = page.locator('tr[data-fact="confidentialityScope"]').first();
    assert.equal(
      (await row.locator('td').first().textContent())?.trim(),
      'Bekende, beperkte groep ontvangers',
    );
    assert.equal((await row.locator('td.fact-origin').textContent())?.trim(), origin);
    await screenshot(page, 'facts-corrected');

    // The incident page lists the value in force with its origin.
    await page.goto(`${server.baseUrl}/incidents/${id}`);
    const dd = page.locator('dl.facts dd', { hasText: `Bekende, beperkte groep ontvangers (${origin})` });
    assert.equal(await dd.count(), 1);
    // Every fact of that correction carries it: recipients, trust and the protection per category.
    assert.equal(await page.locator('dl.facts dd', { hasText: origin }).count(), 3);
    assert.equal((await dd.textContent())?.trim(), `Bekende, beperkte groep ontvangers (${origin})`);

    // The AP dossier answers from the corrected facts and lists them with their origin.
    await page.goto(`${server.baseUrl}/authority/incidents/${id}`);
    assert.equal(await page.textContent('#a-confidentiality'), 'Bekende, beperkte groep ontvangers');
    assert.ok((await page.textContent('[data-corrected-facts]'))?.includes(origin));
    await screenshot(page, 'facts-dossier');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
