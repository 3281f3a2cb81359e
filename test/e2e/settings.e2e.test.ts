// Browser: the administrator edits a setting (issue 12) — reaches the page from the navigation,
// makes a mistake and sees it beside the field with the typed text kept, saves, sees the change
// marked as such, and puts it back to the environment's default.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { browserSignIn, checkPage, launchBrowser, serve } from '../helpers/browser.js';
import { SettingsVersion } from '../../models/settings-version.model.js';
import { effectiveConfig, forgetCachedSettings } from '../../server/settings/settings.service.js';

async function clearSettings(): Promise<void> {
  await SettingsVersion.deleteMany({});
  forgetCachedSettings();
}

describe('e2e: the administrator edits the settings in a real browser', function () {
  this.timeout(90_000);
  let t: TestApp;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    t = await buildTestApp({ ORG_PHONE: '030-1234567' });
    await clearSettings();
    server = await serve(t.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await clearSettings();
    await browser?.close();
    await server?.close();
  });

  it('when the admin corrects a mistake, saves and resets, then each step shows on the page and applies at once', async () => {
    const admin = await makeUser('admin', { name: 'Anna Admin' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const unexpected: string[] = [];
    page.on('console', (m) => m.type() === 'error' && unexpected.push(m.text()));
    await browserSignIn(page, server.baseUrl, admin);
    await Promise.all([page.waitForURL(/\/admin\/settings$/), page.click('nav a[href="/admin/settings"]')]);
    assert.equal(await page.textContent('h1'), 'Instellingen');

    await page.fill('#orgName', 'Stichting Testorganisatie');
    await page.fill('#ministryEmails', 'datalek@minszw.example.test, geen-adres');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Instellingen opslaan")')]);
    assert.match((await page.textContent('#ministryEmails-error')) ?? '', /Vul geldige e-mailadressen in/);
    assert.equal(await page.inputValue('#orgName'), 'Stichting Testorganisatie', 'the typed name is kept');
    assert.equal(await page.inputValue('#ministryEmails'), 'datalek@minszw.example.test, geen-adres');
    await checkPage(page, 'settings-error');
    // The browser logs the intended 400 answer itself as a console error; nothing else may appear.
    assert.deepEqual(unexpected.splice(0), [
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);

    await page.fill('#ministryEmails', 'datalek@minszw.example.test');
    await Promise.all([
      page.waitForURL(/\/admin\/settings$/),
      page.click('button:has-text("Instellingen opslaan")'),
    ]);
    assert.match((await page.textContent('.flash')) ?? '', /opgeslagen en gelden meteen/);
    assert.match((await page.textContent('#field-orgName')) ?? '', /Aangepast/);
    const config = await effectiveConfig(t.config);
    assert.equal(config.organisation.name, 'Stichting Testorganisatie');
    assert.deepEqual(config.mail.ministryEmails, ['datalek@minszw.example.test']);
    await checkPage(page, 'settings-saved');

    await Promise.all([
      page.waitForURL(/\/admin\/settings/),
      page.click('#field-orgName button:has-text("Standaardwaarde terugzetten")'),
    ]);
    assert.equal(await page.inputValue('#orgName'), 'Stichting Nederlands Migratie Instituut');
    assert.match((await page.textContent('#field-orgName')) ?? '', /Standaardwaarde/);
    assert.equal(
      (await effectiveConfig(t.config)).organisation.name,
      'Stichting Nederlands Migratie Instituut',
    );
    assert.deepEqual(unexpected, [], 'no console errors (e.g. CSP violations)');
    await page.close();
  });
});
