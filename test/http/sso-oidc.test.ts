// Issue 16 items 1, 2, 4 and 5: signing in through a real OpenID provider (oidc-provider on a
// loopback port): users created and updated at sign-in, roles from groups, refusals with a clear
// page, a sign-in that took too long, a session past its ID token, and sign-out at the provider.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { csrfToken, type Agent } from '../helpers/http.js';
import {
  pathOf,
  signInAtProvider,
  startOidcProvider,
  type TestAccount,
  type TestProvider,
} from '../helpers/oidc-provider.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { User } from '../../models/user.model.js';

const APP = 'http://meldpunt.test';

function account(groups: string[], name = 'Saskia SSO'): TestAccount {
  const id = randomUUID().slice(0, 8);
  return { sub: `sub-${id}`, email: `sso-${id}@example.test`, name, groups };
}

describe('http: single sign-on with OpenID Connect', function () {
  this.timeout(60_000);
  let op: TestProvider;
  let t: TestApp;
  const officer = account(['nmi-staff', 'nmi-privacy'], 'Olga Officer');
  const stranger = account(['marketing'], 'Sam Stranger');
  const leaver = account(['nmi-staff'], 'Lea Leaver');
  const slow = account(['nmi-staff'], 'Tom Traag');
  const expiring = account(['nmi-admins'], 'Eva Expires');
  const leaving = account(['nmi-staff'], 'Otto Out');

  before(async () => {
    op = await startOidcProvider([APP], [officer, stranger, leaver, slow, expiring, leaving]);
    t = await buildTestApp(op.env(APP));
  });
  after(async () => {
    await op?.close();
  });
  // Tests that move the app's clock put it back: ID tokens carry real times.
  afterEach(() => t.clock.set(new Date()));

  /** Starts a sign-in on the app, goes through the provider, and returns the app's answer to the callback. */
  async function ssoSignIn(agent: Agent, login: string, beforeReturn?: () => void) {
    const start = await agent.get('/auth/oidc/start?next=%2Fincidents%2Fmine');
    assert.equal(start.status, 303);
    assert.ok(start.headers.location!.startsWith(op.issuer), start.headers.location);
    const auth = new URL(start.headers.location!);
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256', 'PKCE is used');
    assert.ok(auth.searchParams.get('state') && auth.searchParams.get('nonce'), 'state and nonce are sent');
    const back = await signInAtProvider(start.headers.location!, login);
    assert.ok(back.startsWith(`${APP}/auth/oidc/callback?`), back);
    beforeReturn?.();
    return agent.get(pathOf(back));
  }

  it('when a member of the privacy group signs in for the first time, then a user is created with the mapped role and signed in, and both are audited', async () => {
    const page = await request(t.app).get('/login');
    assert.match(page.text, /Inloggen via NMI/);
    const agent = request.agent(t.app);
    const res = await ssoSignIn(agent, officer.sub);
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.headers.location, '/incidents/mine');
    const account = await agent.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.text, /Olga Officer/);
    const user = await User.findOne({ email: officer.email }).select('+passwordHash').lean();
    assert.ok(user);
    assert.equal(
      user.role,
      'privacy_officer',
      'the first matching group of the map decides (nmi-privacy before nmi-staff)',
    );
    assert.equal(user.passwordHash, undefined, 'a user from the provider has no local password');
    const created = await AuditEntry.findOne({ action: 'user.create', 'object.id': String(user._id) }).lean();
    assert.equal((created?.details as { via?: string }).via, 'oidc');
    const login = await AuditEntry.findOne({
      action: 'auth.login',
      'actor.id': String(user._id),
      result: 'success',
    }).lean();
    assert.equal((login?.details as { method?: string }).method, 'oidc');
  });

  it('when the user’s groups change at the provider, then the next sign-in changes the role, audited with the old and new role', async () => {
    officer.groups = ['nmi-admins'];
    const res = await ssoSignIn(request.agent(t.app), officer.sub);
    assert.equal(res.status, 303);
    const user = await User.findOne({ email: officer.email }).lean();
    assert.equal(user!.role, 'admin');
    const sync = await AuditEntry.findOne({ action: 'user.sso-sync', 'object.id': String(user!._id) }).lean();
    assert.ok(sync, 'the role change is audited');
    assert.deepEqual((sync.details as { from: { role: string }; to: { role: string } }).to.role, 'admin');
    assert.deepEqual((sync.details as { from: { role: string } }).from.role, 'privacy_officer');
    assert.equal(await User.countDocuments({ email: officer.email }), 1, 'the same user, not a second one');
  });

  it('when a user’s groups map to no role, then the sign-in is refused with a clear page in Dutch or English, nobody is created, and the refusal is audited', async () => {
    const nl = await ssoSignIn(request.agent(t.app), stranger.sub);
    assert.equal(nl.status, 403);
    assert.match(nl.text, /geen van uw groepen geeft een rol/);
    assert.match(nl.text, /href="\/auth\/oidc\/start\?next&#x3D;%2Fincidents%2Fmine"/, 'a way to try again');
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/login');
    await agent.post('/language').type('form').send({ _csrf: token, language: 'en', returnTo: '/login' });
    const en = await ssoSignIn(agent, stranger.sub);
    assert.equal(en.status, 403);
    assert.match(en.text, /none of your groups gives a role/);
    assert.equal(await User.countDocuments({ email: stranger.email }), 0);
    const refused = await AuditEntry.find({
      action: 'auth.login',
      result: 'denied',
      'details.reason': 'no-role',
      'details.groups': 'marketing',
    }).lean();
    assert.ok(refused.length >= 2, 'each refusal is audited');
    assert.equal((await agent.get('/')).status, 303, 'not signed in');
  });

  it('when a deactivated user signs in through the provider, then they stay out', async () => {
    assert.equal((await ssoSignIn(request.agent(t.app), leaver.sub)).status, 303);
    await User.updateOne({ email: leaver.email }, { $set: { active: false } });
    const agent = request.agent(t.app);
    const res = await ssoSignIn(agent, leaver.sub);
    assert.equal(res.status, 403);
    assert.match(res.text, /gedeactiveerd/);
    assert.equal((await agent.get('/')).status, 303);
    const user = await User.findOne({ email: leaver.email }).lean();
    assert.ok(
      await AuditEntry.exists({
        action: 'auth.login',
        result: 'denied',
        'object.id': String(user!._id),
        'details.reason': 'inactive',
      }),
    );
  });

  it('when the sign-in at the provider took longer than allowed, then the return is refused and the user starts again', async () => {
    const agent = request.agent(t.app);
    const res = await ssoSignIn(agent, slow.sub, () => t.clock.advance(11 * 60_000));
    assert.equal(res.status, 400);
    assert.match(res.text, /Het inloggen duurde te lang/);
    assert.equal((await agent.get('/')).status, 303, 'not signed in');
    assert.equal(await User.countDocuments({ email: slow.email }), 0);
    assert.ok(
      await AuditEntry.exists({ action: 'auth.login', result: 'denied', 'details.reason': 'expired' }),
    );
  });

  it('when the callback comes without a started sign-in, or a second time, then it is refused', async () => {
    const agent = request.agent(t.app);
    const start = await agent.get('/auth/oidc/start');
    const back = await signInAtProvider(start.headers.location!, slow.sub);
    assert.equal(
      (await request(t.app).get(pathOf(back))).status,
      400,
      'another browser cannot use the answer',
    );
    assert.equal((await agent.get(pathOf(back))).status, 303, 'the browser that started it can');
    const again = await agent.get(pathOf(back));
    assert.equal(again.status, 400, 'but only once');
    assert.match(again.text, /niet \(meer\) bekend/);
  });

  it('when a forged state comes back, then the answer is refused', async () => {
    const agent = request.agent(t.app);
    const start = await agent.get('/auth/oidc/start');
    const back = new URL(await signInAtProvider(start.headers.location!, slow.sub));
    back.searchParams.set('state', 'forged');
    const res = await agent.get(pathOf(back.href));
    assert.equal(res.status, 400);
    assert.match(res.text, /kon niet worden gecontroleerd/);
  });

  it('when the ID token has expired, then the session ends with it and the user is asked to sign in again', async () => {
    const agent = request.agent(t.app);
    assert.equal((await ssoSignIn(agent, expiring.sub)).status, 303);
    assert.equal((await agent.get('/admin/users')).status, 200);
    t.clock.advance(61 * 60_000); // the provider's ID tokens last an hour
    const res = await agent.get('/admin/users');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login?next=%2Fadmin%2Fusers');
    const login = await agent.get('/login');
    assert.match(login.text, /Uw sessie is verlopen/);
    assert.equal((await agent.get('/')).status, 303, 'signed out');
    const user = await User.findOne({ email: expiring.email }).lean();
    assert.ok(await AuditEntry.exists({ action: 'auth.session-expired', 'actor.id': String(user!._id) }));
  });

  it('when a user who signed in through the provider signs out, then they are signed out at the provider too and come back to the sign-in page', async () => {
    const agent = request.agent(t.app);
    const opAgent = request.agent(op.issuer);
    const start = await agent.get('/auth/oidc/start');
    const back = await signInAtProvider(start.headers.location!, leaving.sub, opAgent);
    assert.equal((await agent.get(pathOf(back))).status, 303);
    const token = await csrfToken(agent, '/account');
    const out = await agent.post('/logout').type('form').send({ _csrf: token });
    assert.equal(out.status, 303);
    const endSession = new URL(out.headers.location!);
    assert.equal(endSession.origin, op.issuer, 'sent to the provider');
    assert.ok(endSession.searchParams.get('id_token_hint'), 'with the ID token as hint');
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${APP}/login`);
    // The provider asks to confirm, then sends the browser back to the app.
    const confirm = await opAgent.get(pathOf(endSession.href));
    assert.equal(confirm.status, 200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1];
    const action = /id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.text)?.[1];
    assert.ok(xsrf && action);
    const done = await opAgent
      .post(pathOf(new URL(action, op.issuer).href))
      .type('form')
      .send({ xsrf, logout: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, `${APP}/login`);
    const page = await agent.get('/login');
    assert.match(page.text, /U bent uitgelogd/);
    assert.equal((await agent.get('/account')).status, 303, 'the app session is over');
    // Signed out at the provider as well: the next sign-in asks for the login again.
    const again = await opAgent.get(
      pathOf((await request.agent(t.app).get('/auth/oidc/start')).headers.location!),
    );
    assert.equal(again.status, 303);
    assert.match(again.headers.location ?? '', /\/interaction\//);
    const user = await User.findOne({ email: leaving.email }).lean();
    assert.ok(
      await AuditEntry.exists({
        action: 'auth.logout',
        'actor.id': String(user!._id),
        'details.method': 'oidc',
      }),
    );
  });

  it('when local accounts are switched off, then the sign-in page offers only the provider and a password is refused', async () => {
    const only = await buildTestApp(op.env(APP, { LOCAL_LOGIN: 'false' }));
    const page = await request(only.app).get('/login');
    assert.equal(page.status, 200);
    assert.match(page.text, /Inloggen via NMI/);
    assert.doesNotMatch(page.text, /name="password"/);
    const agent = request.agent(only.app);
    const token = await csrfToken(agent, '/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, email: 'someone@example.test', password: 'whatever whatever' });
    assert.equal(res.status, 403);
    assert.match(res.text, /Inloggen met een wachtwoord staat uit/);
  });
});
