// Issue 11 item 2, found by probing past the generated suite: a forged cookie written in
// cookie-parser's JSON form (`mp.sid=j:{…}`) made every page answer 500, signed in or not. Such a
// cookie is ignored; a real session next to a forged CSRF cookie keeps working.
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn } from '../helpers/http.js';

const FORGED = [
  'mp.sid=j%3A%7B%22a%22%3A1%7D',
  'mp.csrf=j%3A%5B1%2C2%5D',
  'mp.sid=j%3A%7B%22a%22%3A1%7D; mp.csrf=j%3Anull',
  'other=j%3A%7B%7D',
];

describe('http: forged cookies', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when a request carries a cookie in JSON form, then pages answer as without it (no 5xx) and a form post is refused as a forged form', async () => {
    for (const cookie of FORGED) {
      for (const path of ['/', '/login', '/account', '/incidents']) {
        const res = await request(t.app).get(path).set('Cookie', cookie);
        assert.ok(res.status < 500, `GET ${path} with ${cookie}: ${res.status}`);
      }
      const post = await request(t.app)
        .post('/login')
        .set('Cookie', cookie)
        .type('form')
        .send({ email: 'a@example.test', password: 'x', _csrf: 'x' });
      assert.equal(post.status, 403, `POST /login with ${cookie}: ${post.status}`);
    }
  });

  it('when a signed-in user also sends a forged JSON cookie, then the session still works', async () => {
    const user = await makeUser('reporter');
    const agent = await signIn(t.app, user);
    await csrfToken(agent, '/account');
    const jar = ((await agent.get('/account')).request as unknown as { cookies: string }).cookies;
    const res = await request(t.app).get('/account').set('Cookie', `${jar}; extra=j%3A%7B%22b%22%3A2%7D`);
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(user.name));
  });
});
