// Issue 16 items 3 and 5: a second factor for local accounts — forced enrolment for officers and
// administrators, real TOTP codes from the shown secret (a wrong one, a replayed one), recovery
// codes used once, optional enrolment for others, an administrator's reset — all in the audit trail.
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, csrfToken, signIn, type Agent } from '../helpers/http.js';
import { enrolmentFrom, recoveryCodesFrom, totpCode } from '../helpers/totp.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { RecoveryCode, SecondFactor } from '../../models/second-factor.model.js';

type Person = Awaited<ReturnType<typeof makeUser>>;

describe('http: second factor for local accounts', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    // The production default: required for privacy officers and administrators.
    t = await buildTestApp({ MFA_REQUIRED_ROLES: 'privacy_officer,admin' });
    assert.deepEqual(t.config.sso.mfaRequiredRoles, ['privacy_officer', 'admin']);
  });

  async function password(agent: Agent, user: Person) {
    const token = await csrfToken(agent, '/login');
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password, next: '/account' });
  }

  async function postCode(agent: Agent, path: string, code: string) {
    const page = await agent.get(path);
    return agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code });
  }

  /** Signs in with the password and enrols; returns the agent, the secret and the recovery codes. */
  async function enrol(user: Person) {
    const agent = request.agent(t.app);
    const res = await password(agent, user);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login/second-factor/enrol');
    const page = await agent.get('/login/second-factor/enrol');
    const { secret } = enrolmentFrom(page.text);
    const done = await agent
      .post('/login/second-factor/enrol')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: totpCode(secret, t.clock.now()) });
    assert.equal(done.status, 200, done.text.slice(0, 300));
    return { agent, secret, codes: recoveryCodesFrom(done.text) };
  }

  async function signOut(agent: Agent) {
    const token = await csrfToken(agent, '/account');
    await agent.post('/logout').type('form').send({ _csrf: token });
  }

  it('when an administrator without a second factor signs in, then setting one up is forced; the code from the shown key signs them in and ten recovery codes are shown once', async () => {
    const admin = await makeUser('admin');
    const agent = request.agent(t.app);
    const res = await password(agent, admin);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login/second-factor/enrol');
    assert.equal((await agent.get('/admin/users')).status, 303, 'not signed in after the password alone');
    const page = await agent.get('/login/second-factor/enrol');
    assert.equal(page.status, 200);
    assert.match(page.text, /Met uw rol is een tweede stap bij het inloggen verplicht/);
    const { secret, uri } = enrolmentFrom(page.text);
    assert.match(secret, /^[A-Z2-7]{32}$/, 'a 160-bit base32 key');
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('secret'), secret);
    assert.equal(parsed.searchParams.get('issuer'), 'Meldpunt');
    // A wrong code: the form comes back with an error, nothing is stored.
    const wrongCode = totpCode(secret, new Date(t.clock.now().getTime() + 10 * 60_000));
    const wrong = await agent
      .post('/login/second-factor/enrol')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: wrongCode });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /Deze code klopt niet/);
    assert.equal(enrolmentFrom(wrong.text).secret, secret, 'the same key is shown again');
    assert.equal(await SecondFactor.countDocuments({ userId: admin.id }), 0);
    const ok = await agent
      .post('/login/second-factor/enrol')
      .type('form')
      .send({ _csrf: csrfFrom(wrong.text), code: totpCode(secret, t.clock.now()) });
    assert.equal(ok.status, 200);
    const codes = recoveryCodesFrom(ok.text);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.equal((await agent.get('/admin/users')).status, 200, 'signed in');
    // Stored: the key sealed, the recovery codes hashed.
    const factor = await SecondFactor.findOne({ userId: admin.id }).lean();
    assert.ok(factor && !factor.sealedSecret.includes(secret));
    const hashes = await RecoveryCode.find({ userId: admin.id }).lean();
    assert.equal(hashes.length, 10);
    for (const h of hashes) {
      assert.match(h.hash, /^\$argon2id\$/);
      assert.ok(!codes.some((c) => h.hash.includes(c)));
    }
    // Its forms carry a token for the new session: signing out from it works.
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(ok.text) });
    assert.equal(out.status, 303);
    assert.equal(out.headers.location, '/login');
    const trail = await AuditEntry.find({ 'actor.id': admin.id, action: /^auth\./ })
      .sort({ seq: 1 })
      .lean();
    assert.deepEqual(
      trail.map((e) => `${e.action}:${e.result}`),
      [
        'auth.password:success',
        'auth.second-factor.enrol:denied',
        'auth.second-factor.enrol:success',
        'auth.login:success',
        'auth.logout:success',
      ],
    );
  });

  it('when an enrolled user signs in, then a wrong code is refused, the right code signs them in, and the same code cannot be used again', async () => {
    const officer = await makeUser('privacy_officer');
    const { agent, secret } = await enrol(officer);
    await signOut(agent);
    t.clock.advance(30_000); // the next code of the app
    const again = request.agent(t.app);
    const res = await password(again, officer);
    assert.equal(res.headers.location, '/login/second-factor');
    const code = totpCode(secret, t.clock.now());
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await postCode(again, '/login/second-factor', wrongCode);
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /Deze code klopt niet/);
    const ok = await postCode(again, '/login/second-factor', code);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.location, '/account');
    assert.equal((await again.get('/account')).status, 200);
    // Someone who saw the code tries it within the same half minute.
    const thief = request.agent(t.app);
    await password(thief, officer);
    const replay = await postCode(thief, '/login/second-factor', code);
    assert.equal(replay.status, 401);
    assert.match(replay.text, /Deze code is al gebruikt/);
    assert.equal((await thief.get('/account')).status, 303, 'not signed in');
    assert.ok(
      await AuditEntry.exists({
        'actor.id': officer.id,
        action: 'auth.second-factor.verify',
        result: 'denied',
        'details.reason': 'replayed',
      }),
    );
    assert.ok(
      await AuditEntry.exists({
        'actor.id': officer.id,
        action: 'auth.second-factor.verify',
        result: 'denied',
        'details.reason': 'wrong-code',
      }),
    );
  });

  it('when a recovery code is used, then it signs the user in once and never again', async () => {
    const officer = await makeUser('privacy_officer');
    const { agent, codes } = await enrol(officer);
    await signOut(agent);
    const first = request.agent(t.app);
    await password(first, officer);
    const ok = await postCode(first, '/login/second-factor', codes[3]!.toUpperCase());
    assert.equal(ok.status, 303, 'accepted (case does not matter)');
    assert.equal((await first.get('/account')).status, 200);
    assert.equal(await RecoveryCode.countDocuments({ userId: officer.id, usedAt: null }), 9);
    const second = request.agent(t.app);
    await password(second, officer);
    const reused = await postCode(second, '/login/second-factor', codes[3]!);
    assert.equal(reused.status, 401);
    assert.equal((await second.get('/account')).status, 303);
    assert.ok(
      await AuditEntry.exists({
        'actor.id': officer.id,
        action: 'auth.second-factor.recovery',
        result: 'success',
      }),
    );
    assert.ok(
      await AuditEntry.exists({
        'actor.id': officer.id,
        action: 'auth.second-factor.recovery',
        result: 'denied',
      }),
    );
  });

  it('when wrong codes keep coming, then after five the password must be entered again', async () => {
    const officer = await makeUser('privacy_officer');
    const { agent } = await enrol(officer);
    await signOut(agent);
    const guesser = request.agent(t.app);
    await password(guesser, officer);
    for (let i = 0; i < 4; i++)
      assert.equal((await postCode(guesser, '/login/second-factor', '123456')).status, 401);
    const last = await postCode(guesser, '/login/second-factor', '123456');
    assert.equal(last.status, 303);
    assert.equal(last.headers.location, '/login');
    assert.match((await guesser.get('/login')).text, /Te veel onjuiste codes/);
    assert.equal((await guesser.get('/login/second-factor')).headers.location, '/login');
  });

  it('when wrong codes come over several password entries, then the account takes no code for a while, not even the right one', async () => {
    const officer = await makeUser('privacy_officer');
    const { agent, secret } = await enrol(officer);
    await signOut(agent);
    const wrongAt = (d: Date) => (totpCode(secret, d) === '123456' ? '654321' : '123456');
    for (let round = 0; round < 2; round++) {
      const guesser = request.agent(t.app);
      assert.equal((await password(guesser, officer)).headers.location, '/login/second-factor');
      for (let i = 0; i < 5; i++) await postCode(guesser, '/login/second-factor', wrongAt(t.clock.now()));
    }
    t.clock.advance(30_000);
    const owner = request.agent(t.app);
    await password(owner, officer);
    const locked = await postCode(owner, '/login/second-factor', totpCode(secret, t.clock.now()));
    assert.equal(locked.status, 303);
    assert.equal(locked.headers.location, '/login');
    assert.match((await owner.get('/login')).text, /Te veel onjuiste codes voor dit account/);
    assert.equal((await owner.get('/account')).status, 303, 'not signed in');
    assert.ok(
      await AuditEntry.exists({
        'actor.id': officer.id,
        action: 'auth.second-factor.verify',
        'details.reason': 'locked',
      }),
    );
    // After the lock window the right code works again.
    t.clock.advance(16 * 60_000);
    const later = request.agent(t.app);
    await password(later, officer);
    assert.equal(
      (await postCode(later, '/login/second-factor', totpCode(secret, t.clock.now()))).status,
      303,
    );
    assert.equal((await later.get('/account')).status, 200);
  });

  it('when the second step is not done in time, then the sign-in starts over', async () => {
    const admin = await makeUser('admin');
    const agent = request.agent(t.app);
    await password(agent, admin);
    t.clock.advance(6 * 60_000);
    const late = await agent.get('/login/second-factor/enrol');
    assert.equal(late.status, 303);
    assert.equal(late.headers.location, '/login');
    assert.match((await agent.get('/login')).text, /De tweede stap duurde te lang/);
  });

  it('when a reporter signs in, then no second factor is asked; they can set one up themselves, and it is asked from then on', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    assert.equal((await agent.get('/account')).status, 200);
    const status = await agent.get('/account/second-factor');
    assert.match(status.text, /De tweede stap staat uit/);
    const page = await agent.get('/account/second-factor?setup=1');
    assert.match(page.text, /Een tweede stap maakt uw account veiliger/);
    const { secret } = enrolmentFrom(page.text);
    const done = await agent
      .post('/account/second-factor')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: totpCode(secret, t.clock.now()) });
    assert.equal(done.status, 200);
    assert.equal(recoveryCodesFrom(done.text).length, 10);
    assert.match((await agent.get('/account/second-factor')).text, /Herstelcodes over: 10/);
    await signOut(agent);
    t.clock.advance(30_000);
    const again = request.agent(t.app);
    assert.equal((await password(again, reporter)).headers.location, '/login/second-factor');
    assert.equal(
      (await postCode(again, '/login/second-factor', totpCode(secret, t.clock.now()))).status,
      303,
    );
  });

  it('when an administrator resets a user’s second factor, then it is gone, audited, and the user sets up a new one at the next sign-in', async () => {
    const officer = await makeUser('privacy_officer');
    await enrol(officer);
    const admin = await makeUser('admin');
    // Administrators sign in with their own second factor.
    const { agent } = await enrol(admin);
    const list = await agent.get('/admin/users');
    assert.match(list.text, new RegExp(`action="/admin/users/${officer.id}/second-factor/reset"`));
    const res = await agent
      .post(`/admin/users/${officer.id}/second-factor/reset`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    assert.equal(res.status, 303);
    assert.match((await agent.get('/admin/users')).text, /De tweede stap van deze gebruiker is gewist/);
    assert.equal(await SecondFactor.countDocuments({ userId: officer.id }), 0);
    assert.equal(await RecoveryCode.countDocuments({ userId: officer.id }), 0);
    const entry = await AuditEntry.findOne({
      action: 'auth.second-factor.reset',
      'object.id': officer.id,
    }).lean();
    assert.equal(entry?.actor?.id, admin.id);
    const next = request.agent(t.app);
    assert.equal((await password(next, officer)).headers.location, '/login/second-factor/enrol');
    // Only administrators may reset.
    const reporter = await makeUser('reporter');
    const plain = await signIn(t.app, reporter);
    const token = await csrfToken(plain, '/account');
    assert.equal(
      (await plain.post(`/admin/users/${officer.id}/second-factor/reset`).type('form').send({ _csrf: token }))
        .status,
      403,
    );
  });
});
