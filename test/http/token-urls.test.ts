// Issue 11 item 12: secret tokens in URLs never reach the logs, whatever the spelling of the path,
// variants of token paths are not served, and X-Forwarded-For is not trusted by default, so the
// sign-in limit cannot be dodged by rotating it.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { clearCollections } from '../helpers/db.js';
import { csrfToken, signIn } from '../helpers/http.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

describe('http: secret tokens in URLs, and who the client is', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when a calendar token is requested with another letter case, doubled or encoded slashes, then 404; the canonical path works', async () => {
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, officer);
    const csrf = await csrfToken(agent, '/dashboard');
    const res = await agent.post('/dashboard/calendar').type('form').send({ _csrf: csrf });
    const token = /\/calendar\/([A-Za-z0-9_-]+)\.ics/.exec(res.text)?.[1];
    assert.equal(res.status, 201, res.text.replace(/[\s\S]*<main/, '').slice(0, 600));
    assert.ok(token);
    assert.equal((await request(t.app).get(`/calendar/${token}.ics`)).status, 200);
    for (const variant of [
      `/CALENDAR/${token}.ics`,
      `/Calendar/${token}.ics`,
      `//calendar/${token}.ics`,
      `/%63alendar/${token}.ics`,
      `/calendar//${token}.ics`,
    ])
      assert.equal((await request(t.app).get(variant)).status, 404, variant);
  });

  it('when requests with tokens are logged, then no spelling of the path lets the token through', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATA_DIR: t.config.dataDir,
      ATTACHMENT_KEY: 'k'.repeat(8) + 'Z3x9Qp7LmN2vB8cR4tY6wE1uI5oA0sDf',
    });
    const app = createApp(
      { ...t.deps, config, logger: pino({ level: 'info' }, sink) },
      { sessionSecret: 's'.repeat(8) + 'Hq2Wm9Zt4Kp7Xc1Vb6Nj3Lr8Gf5Dy0Sa' },
    );
    const secret = 'SeCrEtToKeN0123456789abcdefXYZ';
    for (const path of [
      `/calendar/${secret}.ics`,
      `/CALENDAR/${secret}.ics`,
      `//calendar/${secret}.ics`,
      `/setup/${secret}`,
      `/SETUP/${secret}?x=1`,
      `/%73etup/${secret}`,
    ])
      await request(app).get(path);
    const log = lines.join('');
    assert.ok(lines.length >= 6, 'the requests were logged');
    assert.doesNotMatch(log, new RegExp(secret), 'a token reached the log');
    assert.match(log, /\[redacted\]/);
  });

  it('when a client rotates X-Forwarded-For, then the sign-in limit still counts it as one client (TRUST_PROXY is off by default)', async () => {
    assert.equal(t.config.trustProxy, 'false');
    const agent = request.agent(t.app);
    const token = await csrfToken(agent, '/login');
    let limited = 0;
    for (let i = 0; i < 55; i++) {
      const res = await agent
        .post('/login')
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .type('form')
        .send({ _csrf: token, email: `nobody${i}@example.test`, password: 'wrong password here' });
      if (res.status === 429) limited++;
    }
    assert.ok(limited >= 5, `rotating X-Forwarded-For dodged the limit (${limited} × 429)`);
    // The limit is kept in the database (shared by all processes), so the local client's failures
    // would outlive this test; later tests sign in from the same address.
    await clearCollections('LoginAttempt');
  });
});
