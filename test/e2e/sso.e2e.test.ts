// Issue 16 item 4, in a real browser: signing in through a real OpenID provider (oidc-provider on
// loopback), a refused role, a sign-in that took too long, single sign-out, and a local
// administrator setting up the second factor with a real code from the shown key.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { checkPage, launchBrowser, notTheApp } from '../helpers/browser.js';
import { startOidcProvider, type TestProvider } from '../helpers/oidc-provider.js';
import { totpCode } from '../helpers/totp.js';
import { freePort } from '../../server/db/embedded-db.js';

describe('e2e: single sign-on and the second factor in a real browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let server: Server;
  let op: TestProvider;
  let t: TestApp;
  let base: string;
  const staff = {
    sub: 'e2e-staff',
    email: 'e2e-staff@example.test',
    name: 'Stan Staff',
    groups: ['nmi-staff'],
  };
  const outsider = {
    sub: 'e2e-outsider',
    email: 'e2e-outsider@example.test',
    name: 'Olly Outsider',
    groups: ['marketing'],
  };

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    op = await startOidcProvider([base], [staff, outsider]);
    notTheApp(op.issuer);
    t = await buildTestApp(op.env(base, { BASE_URL: base, MFA_REQUIRED_ROLES: 'privacy_officer,admin' }));
    server = createServer(t.app);
    await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    await op?.close();
  });
  afterEach(() => t.clock.set(new Date()));

  /** From the app's sign-in page through the provider's login form. */
  async function throughProvider(page: Page, login: string, beforeSubmit?: () => void) {
    await page.goto(`${base}/login`);
    await Promise.all([page.waitForURL((u) => u.origin === op.issuer), page.click('a.sso')]);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any');
    beforeSubmit?.();
    await Promise.all([page.waitForURL((u) => u.origin === base), page.click('button[type=submit]')]);
  }

  it('when a staff member signs in through the organisation and signs out, then they are signed in with their role and signed out at both', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    // The app's pages only: the provider's development pages load outside fonts.
    page.on(
      'console',
      (m) =>
        m.type() === 'error' &&
        new URL(page.url()).origin === base &&
        errors.push(`${page.url()}: ${m.text()}`),
    );
    await page.goto(`${base}/login`);
    assert.equal(await page.textContent('a.sso'), 'Inloggen via NMI');
    await checkPage(page, 'sso-login');
    await throughProvider(page, staff.sub);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.textContent('h1'), 'Welkom, Stan Staff');
    assert.match((await page.textContent('.who')) ?? '', /Stan Staff/);
    // Sign out: the provider asks to confirm, then sends the browser back to the sign-in page.
    await Promise.all([
      page.waitForURL((u) => u.origin === op.issuer),
      page.click('button:has-text("Uitloggen")'),
    ]);
    await Promise.all([page.waitForURL((u) => u.origin === base), page.click('button[value=yes]')]);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match((await page.textContent('.flash')) ?? '', /U bent uitgelogd/);
    // Signed out at the provider too: signing in again shows its login form.
    await Promise.all([page.waitForURL((u) => u.origin === op.issuer), page.click('a.sso')]);
    assert.ok(await page.isVisible('input[name=login]'), 'the provider asks who you are again');
    assert.deepEqual(errors, [], 'no console errors (e.g. the sign-out redirect blocked by CSP)');
    await context.close();
  });

  it('when someone whose groups give no role signs in, then a clear page says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await throughProvider(page, outsider.sub);
    assert.equal(await page.textContent('h1'), 'Inloggen niet gelukt');
    assert.match((await page.textContent('#refusal')) ?? '', /geen van uw groepen geeft een rol/);
    await checkPage(page, 'sso-refused');
    await context.close();
  });

  it('when the sign-in at the organisation took too long, then the return is refused and can be started again', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await throughProvider(page, staff.sub, () => t.clock.advance(11 * 60_000));
    assert.match((await page.textContent('#refusal')) ?? '', /Het inloggen duurde te lang/);
    await checkPage(page, 'sso-expired');
    t.clock.set(new Date());
    // Still signed in at the provider: starting again goes straight through.
    await Promise.all([
      page.waitForURL((u) => u.origin === base && u.pathname === '/'),
      page.click('a:has-text("Opnieuw inloggen")'),
    ]);
    assert.equal(await page.textContent('h1'), 'Welkom, Stan Staff');
    await context.close();
  });

  it('when a local administrator signs in for the first time, then they set up the second factor with a code from the shown key and see their recovery codes', async () => {
    const admin = await makeUser('admin', { name: 'Ada Admin' });
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await Promise.all([
      page.waitForURL(/\/login\/second-factor\/enrol$/),
      page.click('button[type=submit].primary'),
    ]);
    await checkPage(page, 'second-factor-enrol');
    const secret = ((await page.textContent('#totp-secret')) ?? '').replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await page.fill('#code', totpCode(secret, t.clock.now()));
    await Promise.all([page.waitForSelector('#recovery-codes'), page.click('button:has-text("Instellen")')]);
    assert.equal(await page.textContent('h1'), 'Uw herstelcodes');
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    await checkPage(page, 'second-factor-recovery-codes');
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('a:has-text("verder")')]);
    assert.equal(await page.textContent('h1'), 'Welkom, Ada Admin');
    await context.close();
  });
});
