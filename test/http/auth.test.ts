// Sign-in, lockout, CSRF, roles and security headers (foundation issue, "must hold").
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn } from '../helpers/http.js';
import { User } from '../../models/user.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';

describe('http: sign-in and roles', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when the right password is given, then a session starts and the home page greets the user', async () => {
    const user = await makeUser('reporter', { name: 'Rita Reporter' });
    const agent = await signIn(t.app, user);
    const home = await agent.get('/');
    assert.equal(home.status, 200);
    assert.match(home.text, /Welkom, Rita Reporter/);
    assert.ok(await AuditEntry.exists({ action: 'auth.login', 'actor.id': user.id, result: 'success' }));
  });

  it('when the password is wrong or the user unknown, then the same generic error is shown and no session starts', async () => {
    const user = await makeUser('reporter');
    const agent = request.agent(t.app);
    const t1 = await csrfToken(agent, '/login');
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: t1, email: user.email, password: 'nope-nope-nope' });
    const t2 = await csrfToken(agent, '/login');
    const unknown = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: t2, email: 'nobody@example.test', password: 'nope-nope-nope' });
    assert.equal(wrong.status, 401, wrong.text.slice(0, 2000));
    assert.equal(unknown.status, 401);
    assert.match(wrong.text, /Het e-mailadres of wachtwoord klopt niet/);
    assert.match(unknown.text, /Het e-mailadres of wachtwoord klopt niet/);
    const home = await agent.get('/');
    assert.equal(home.status, 303);
    assert.match(home.headers.location ?? '', /^\/login/);
  });

  it('when the sixth rapid failure comes, then the account is locked for a while, even with the right password', async () => {
    const user = await makeUser('privacy_officer');
    const agent = request.agent(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const token = await csrfToken(agent, '/login');
      const r = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, email: user.email, password: `wrong-${i}-xxxxxxxx` });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
    const token6 = await csrfToken(agent, '/login');
    const sixth = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token6, email: user.email, password: user.password });
    assert.equal(sixth.status, 429);
    assert.match(sixth.text, /tijdelijk geblokkeerd/);
    // After the lock window the right password works again.
    t.clock.advance(16 * 60_000);
    const token7 = await csrfToken(agent, '/login');
    const later = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token7, email: user.email, password: user.password });
    assert.equal(later.status, 303);
  });

  it('when a form is posted without a CSRF token, then it is refused with 403 and nothing changes', async () => {
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const before = await User.countDocuments({});
    const res = await agent
      .post('/admin/users')
      .type('form')
      .send({ name: 'X', email: 'csrf-victim@example.test', role: 'admin' });
    assert.equal(res.status, 403);
    assert.match(res.text, /formulier is verlopen of ongeldig/);
    assert.equal(await User.countDocuments({}), before);
    assert.equal(await User.exists({ email: 'csrf-victim@example.test' }), null);
  });

  it('when a reporter opens an admin page, then 403; when anonymous, then a redirect to sign-in', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const forbidden = await agent.get('/admin/users');
    assert.equal(forbidden.status, 403);
    const anon = await request(t.app).get('/admin/users');
    assert.equal(anon.status, 303);
    assert.equal(anon.headers.location, '/login?next=%2Fadmin%2Fusers');
  });

  it('when any response is sent, then the security headers and a strict CSP are present', async () => {
    for (const path of ['/login', '/healthz', '/static/app.css', '/does-not-exist']) {
      const res = await request(t.app).get(path);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
      assert.ok(res.headers['x-frame-options'], path);
      assert.equal(res.headers['x-powered-by'], undefined, path);
    }
  });

  it('when the language is switched, then pages are in English for that session', async () => {
    const user = await makeUser('reporter', { name: 'Eve English' });
    const agent = await signIn(t.app, user);
    const token = await csrfToken(agent, '/');
    const sw = await agent
      .post('/language')
      .type('form')
      .send({ _csrf: token, language: 'en', returnTo: '/' });
    assert.equal(sw.status, 303);
    const home = await agent.get('/');
    assert.match(home.text, /Welcome, Eve English/);
    assert.match(home.text, /<html lang="en">/);
  });

  it('when an unknown page is requested, then a 404 page (or JSON for API clients) is returned', async () => {
    const page = await request(t.app).get('/nope').set('Accept', 'text/html');
    assert.equal(page.status, 404);
    assert.match(page.text, /Deze pagina bestaat niet/);
    const json = await request(t.app).get('/api/nope').set('Accept', 'application/json');
    assert.equal(json.status, 404);
    assert.deepEqual(json.body, { error: { code: 'NOT_FOUND', message: 'Deze pagina bestaat niet.' } });
  });
});
