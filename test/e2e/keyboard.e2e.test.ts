// Issue 14: keyboard only. A reporter signs in and files a report, and a privacy officer assesses
// an incident, with the Tab key, arrows, Space, typing and Enter — no clicks, no filling by script.
// Every step checks that the element with focus shows a visible focus ring.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../helpers/app.js';
import { makeUser, TEST_PASSWORD } from '../helpers/factories.js';
import { checkPage, launchBrowser, serve } from '../helpers/browser.js';
import { makeIncident } from '../helpers/duty-fixtures.js';
import { Assessment } from '../../models/assessment.model.js';
import { Incident } from '../../models/incident.model.js';

/** Presses Tab (forwards) until the focused element matches `selector`; fails if the tab order never reaches it. */
async function tabTo(page: Page, selector: string, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      const ring = await page.evaluate(() => {
        const st = getComputedStyle(document.activeElement!);
        return (st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== 'none';
      });
      assert.ok(ring, `${selector} has a visible focus indicator`);
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`the Tab key never reaches ${selector}`);
}

/** Moves a focused <select> with the arrow keys until it shows `value`. */
async function chooseOption(page: Page, selector: string, value: string): Promise<void> {
  await tabTo(page, selector);
  for (let i = 0; i < 60; i++) {
    if (
      (await page.evaluate((s) => (document.querySelector(s) as HTMLSelectElement).value, selector)) === value
    )
      return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`${selector} never showed ${value}`);
}

/** Tabs to one check box or radio button and ticks it with Space. */
async function tick(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  if (!(await page.evaluate((s) => (document.querySelector(s) as HTMLInputElement).checked, selector)))
    await page.keyboard.press('Space');
  assert.ok(
    await page.evaluate((s) => (document.querySelector(s) as HTMLInputElement).checked, selector),
    `${selector} ticked`,
  );
}

/** Picks a radio button: Tab into its group, then arrow keys until it is checked. */
async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type=radio][name="${name}"]`);
  for (let i = 0; i < 12; i++) {
    if (
      await page.evaluate(
        ([n, v]) => (document.querySelector(`input[name="${n}"][value="${v}"]`) as HTMLInputElement).checked,
        [name, value] as const,
      )
    )
      return;
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`radio ${name}=${value} never checked`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

describe('e2e: keyboard only (issue 14)', function () {
  this.timeout(180_000);
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

  async function signInByKeyboard(page: Page, email: string): Promise<void> {
    await page.goto(`${server.baseUrl}/login`);
    await typeInto(page, '#email', email);
    await typeInto(page, '#password', TEST_PASSWORD);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.keyboard.press('Enter'),
    ]);
  }

  it('when a reporter uses only the keyboard, then they can sign in, reach the form and file a report', async () => {
    const reporter = await makeUser('reporter', { name: 'Kees Toetsenbord' });
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInByKeyboard(page, reporter.email);
    await tabTo(page, 'a[href="/reports/new"]');
    await Promise.all([page.waitForURL(/\/reports\/new$/), page.keyboard.press('Enter')]);

    await typeInto(page, '#summary', 'Map met cliëntdossiers in de trein laten liggen.');
    await chooseOption(page, '#incidentCause', 'paper_lost_stolen');
    await tick(page, 'input[name=incidentNature][value=unknown]');
    await tick(page, 'input[name=breachTypes][value=confidentiality]');
    await tick(page, 'input[name=occurrenceUnknown]');
    // The test browser's date-time field takes its parts as mm/dd/yyyy hh:mm AM (its own locale,
    // whatever the page's); the year takes up to six digits, so the right arrow moves to the hour.
    await typeInto(page, '#discoveredAt', '03012026');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('0900AM');
    assert.equal(await page.inputValue('#discoveredAt'), '2026-03-01T09:00');
    await chooseOption(page, '#discoveryChannel', 'own_detection');
    await chooseRadio(page, 'personalDataInvolved', 'yes');
    await tick(page, 'input[name=dataCategories][value=name_address]');
    await tick(page, 'input[name=subjectCategories][value=clients]');
    await typeInto(page, '#measuresTaken', 'Gevonden voorwerpen van de NS gebeld.');
    await tabTo(page, 'button[type=submit].primary');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForURL(/\/reports(?:\/[0-9a-f]{24}\/submitted)?$/);
    assert.match(
      page.url(),
      /\/submitted$/,
      (await page.textContent('.error-summary').catch(() => '')) ?? '',
    );
    const id = /\/reports\/([0-9a-f]{24})\//.exec(page.url())![1]!;
    const stored = await Incident.findById(id).lean();
    assert.equal(stored?.incidentCause, 'paper_lost_stolen');
    assert.deepEqual(stored?.dataCategories, ['name_address']);
    await checkPage(page, 'keyboard-report-filed');
    await context.close();
  });

  it('when a privacy officer uses only the keyboard, then they can open the assessment, choose a risk level with a justification and save it', async () => {
    const officer = await makeUser('privacy_officer', { name: 'Tessa Tab' });
    const incident = await makeIncident();
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInByKeyboard(page, officer.email);
    await page.goto(`${server.baseUrl}/incidents/${String(incident._id)}/assessment`);
    await chooseRadio(page, 'malicious', 'yes');
    await chooseRadio(page, 'riskLevel', 'none');
    await typeInto(
      page,
      '#f-riskJustification',
      'Ontvanger is bekend en heeft verwijdering schriftelijk bevestigd.',
    );
    await tabTo(page, 'button[value="save"]');
    await Promise.all([page.waitForURL(/\/assessment$/), page.keyboard.press('Enter')]);
    assert.match((await page.textContent('.flash')) ?? '', /versie 1/);
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean();
    assert.equal(saved?.riskLevel, 'none');
    await context.close();
  });
});
