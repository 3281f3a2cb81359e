// Admin pages for users, the account language preference, and the first-run setup link.
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { startTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, postForm, signIn } from '../helpers/http.js';
import { startRacers } from '../helpers/race.js';
import { User } from '../../models/user.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { SetupToken } from '../../models/setup-token.model.js';
import { completeSetup, issueSetupTokenIfEmpty, setupTokenUsable } from '../../server/auth/auth.service.js';
import { ValidationError } from '../../server/errors.js';
import { SetupClaim } from '../../models/setup-claim.model.js';

/** Runs `fn` with no users in the shared database, then puts them back (setup only works on an empty user base). */
async function onEmptyUserBase(fn: () => Promise<void>): Promise<void> {
  const users = await User.find({}).select('+passwordHash').lean();
  await User.deleteMany({});
  try {
    await fn();
  } finally {
    await User.deleteMany({});
    await SetupToken.deleteMany({});
    await SetupClaim.deleteMany({});
    await User.insertMany(users);
  }
}

describe('http: user administration', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when an admin creates a user, then the temporary password is shown once, works, and the creation is audited', async () => {
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const email = `new-${Date.now()}@example.test`;
    const res = await postForm(agent, '/admin/users', '/admin/users', {
      name: 'Nina Nieuw',
      email,
      role: 'privacy_officer',
      language: 'en',
    });
    assert.equal(res.status, 201);
    const password = /wachtwoord is: ([A-Za-z0-9]+)/.exec(res.text)?.[1];
    assert.ok(password, 'password not shown');
    const stored = await User.findOne({ email }).lean();
    assert.equal(stored?.role, 'privacy_officer');
    assert.equal(stored?.language, 'en');
    assert.ok(await AuditEntry.exists({ action: 'user.create', 'object.ref': email, 'actor.id': admin.id }));
    const newAgent = await signIn(t.app, { email, password });
    const home = await newAgent.get('/dashboard');
    assert.notEqual(home.status, 403);
  });

  it('when the form is invalid or the address is taken, then the page shows field errors, keeps the input and stores nothing', async () => {
    const admin = await makeUser('admin');
    const taken = await makeUser('reporter');
    const agent = await signIn(t.app, admin);
    const before = await User.countDocuments({});
    const bad = await postForm(agent, '/admin/users', '/admin/users', {
      name: '',
      email: 'not-an-email',
      role: 'king',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Vul dit veld in/);
    assert.match(bad.text, /Vul een geldig e-mailadres in/);
    assert.match(bad.text, /value="not-an-email"/);
    // The re-rendered form carries a valid token, so the corrected form can be sent from it.
    const fixed = await agent
      .post('/admin/users')
      .type('form')
      .send({
        _csrf: csrfFrom(bad.text),
        name: 'Fixed',
        email: `fixed-${Date.now()}@example.test`,
        role: 'reporter',
      });
    assert.equal(fixed.status, 201);
    const dup = await postForm(agent, '/admin/users', '/admin/users', {
      name: 'Dup',
      email: taken.email,
      role: 'reporter',
    });
    assert.equal(dup.status, 400);
    assert.match(dup.text, /Er bestaat al een gebruiker met dit e-mailadres/);
    assert.equal(await User.countDocuments({}), before + 1);
  });

  it('when an admin deactivates a user, then that user is signed out and cannot sign in; roles can be changed', async () => {
    const admin = await makeUser('admin');
    const victim = await makeUser('reporter');
    const victimAgent = await signIn(t.app, victim);
    const agent = await signIn(t.app, admin);
    const role = await postForm(agent, '/admin/users', `/admin/users/${victim.id}`, {
      role: 'ministry_liaison',
    });
    assert.equal(role.status, 303);
    assert.equal((await User.findById(victim.id).lean())?.role, 'ministry_liaison');
    const off = await postForm(agent, '/admin/users', `/admin/users/${victim.id}`, { active: 'false' });
    assert.equal(off.status, 303);
    assert.equal((await victimAgent.get('/')).status, 303, 'deactivated user still has a session');
    const anon = request.agent(t.app);
    const page = await anon.get('/login');
    const again = await anon
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: victim.email, password: victim.password });
    assert.equal(again.status, 401);
    assert.ok(await AuditEntry.exists({ action: 'user.update', 'object.id': victim.id }));
  });

  it('when an admin tries to change their own role, then it is refused and nothing changes', async () => {
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const res = await postForm(agent, '/admin/users', `/admin/users/${admin.id}`, { role: 'reporter' });
    assert.equal(res.status, 409);
    assert.match(res.text, /eigen rol of status niet wijzigen/);
    assert.equal((await User.findById(admin.id).lean())?.role, 'admin');
  });

  it('when an admin looks at the user list, then their own row offers no role change and no deactivation, other rows do', async () => {
    const admin = await makeUser('admin', { name: 'Ada Eigen' });
    const other = await makeUser('reporter', { name: 'Otto Ander' });
    const page = await (await signIn(t.app, admin)).get('/admin/users');
    const rowOf = (id: string) =>
      new RegExp(`<tr>(?:(?!</tr>)[\\s\\S])*?/admin/users/${id}(?:(?!</tr>)[\\s\\S])*</tr>`).exec(
        page.text,
      )?.[0];
    assert.equal(rowOf(admin.id), undefined, 'no form posts to the own account');
    const own = /<tr>(?:(?!<\/tr>)[\s\S])*?Ada Eigen(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(page.text)?.[0] ?? '';
    assert.match(own, /Je eigen account/);
    assert.doesNotMatch(own, /Deactiveren|Rol wijzigen/);
    assert.match(rowOf(other.id) ?? '', /Deactiveren/);
  });

  it('when a user sets English as preferred language, then it sticks across sessions', async () => {
    const user = await makeUser('reporter', { name: 'Pia Pref' });
    const agent = await signIn(t.app, user);
    const res = await postForm(agent, '/account', '/account', { language: 'en' });
    assert.equal(res.status, 303);
    const fresh = await signIn(t.app, user);
    assert.match((await fresh.get('/')).text, /Welcome, Pia Pref/);
  });

  it('when the setup link is used on an empty user base, then the first admin is created and the link is spent', async () => {
    // Simulated on the service: the shared test database is not empty, so the token is issued by hand.
    const now = new Date();
    await onEmptyUserBase(async () => {
      const token = await issueSetupTokenIfEmpty(now);
      assert.ok(token);
      const first = await completeSetup(
        token,
        { email: 'first@example.test', name: 'Eerste', password: 'a very long password' },
        { via: 'web' },
        now,
      );
      assert.equal(first?.role, 'admin');
      const second = await completeSetup(
        token,
        { email: 'second@example.test', name: 'Tweede', password: 'a very long password' },
        { via: 'web' },
        now,
      );
      assert.equal(second, null);
      assert.equal(await issueSetupTokenIfEmpty(now), null);
    });
  });

  it('when the first administrator completes the setup page, then they are signed in and the confirmation says so (no "log in")', async () => {
    await onEmptyUserBase(async () => {
      const token = await issueSetupTokenIfEmpty(new Date());
      assert.ok(token);
      const agent = request.agent(t.app);
      const res = await postForm(agent, `/setup/${token}`, `/setup/${token}`, {
        name: 'Eerste Beheerder',
        email: 'eerste@example.test',
        password: 'a very long password 2026',
        passwordRepeat: 'a very long password 2026',
      });
      assert.equal(res.status, 303, res.text.slice(0, 500));
      const home = await agent.get(res.headers.location ?? '/');
      assert.match(home.text, /Het beheerdersaccount is aangemaakt en je bent aangemeld\./);
      assert.doesNotMatch(home.text, /Log in om verder te gaan/);
      assert.equal((await agent.get('/admin/users')).status, 200, 'signed in as administrator');
    });
  });

  it('when one setup link is used ten times at once from two processes (own connections, released by a barrier), then exactly one administrator is created (issue 11 item 6)', async () => {
    const { uri } = await startTestDatabase();
    const now = new Date();
    await onEmptyUserBase(async () => {
      const token = await issueSetupTokenIfEmpty(now);
      assert.ok(token);
      const racers = await startRacers<{ outcomes: string[]; lostClaims: number }>(
        'test/helpers/setup-racer.ts',
        2,
        (i) => [uri, token, '5', `p${i}`],
      );
      const results = await racers.go();
      const outcomes = results.flatMap((r) => r.outcomes);
      const lost = results.reduce((n, r) => n + r.lostClaims, 0);
      console.log(`      setup uses: 10 from 2 processes; lost the claim at the unique key: ${lost}`);
      assert.deepEqual(
        outcomes.filter((o) => o !== 'created' && o !== 'refused'),
        [],
        'no use errored',
      );
      assert.equal(outcomes.filter((o) => o === 'created').length, 1, 'one setup succeeded');
      assert.ok(lost >= 1, 'the uses really met at the setup claim');
      assert.equal(await User.countDocuments({ role: 'admin' }), 1);
      assert.equal(await User.countDocuments({}), 1);
    });
  });

  it('when the app starts again on an empty user base, then only the newest setup link works; a weak or common password is refused', async () => {
    const now = new Date();
    await onEmptyUserBase(async () => {
      const old = await issueSetupTokenIfEmpty(now);
      const newest = await issueSetupTokenIfEmpty(now);
      assert.ok(old && newest && old !== newest);
      assert.equal(await setupTokenUsable(old, now), false, 'the link of an earlier start is withdrawn');
      assert.equal(
        await completeSetup(
          old,
          { email: 'first@example.test', name: 'Eerste', password: 'kaars fiets onweer lepel' },
          { via: 'web' },
          now,
        ),
        null,
      );
      for (const [password, key] of [
        ['aaaaaaaaaaaa', 'field.passwordWeak'],
        ['password1234', 'field.passwordCommon'],
        ['first@example.test', 'field.passwordWeak'],
      ] as const) {
        await assert.rejects(
          completeSetup(
            newest,
            { email: 'first@example.test', name: 'Eerste', password },
            { via: 'web' },
            now,
          ),
          (err: unknown) => err instanceof ValidationError && err.fields?.password === key,
          password,
        );
      }
      assert.equal(await User.countDocuments({}), 0, 'nothing was created');
      const admin = await completeSetup(
        newest,
        { email: 'first@example.test', name: 'Eerste', password: 'kaars fiets onweer lepel' },
        { via: 'web' },
        now,
      );
      assert.equal(admin?.role, 'admin');
    });
  });
});
