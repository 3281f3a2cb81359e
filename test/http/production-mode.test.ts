// Issue 11: production mode as it runs behind its TLS proxy — Secure, HttpOnly and host-only
// cookies, HSTS — and a start with missing or weak secrets refused with every problem listed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom } from '../helpers/http.js';
import { run } from '../helpers/cli.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeMailChannel } from '../helpers/fake-mail-channel.js';

const secret = () => randomBytes(32).toString('base64url');

describe('http: production mode', function () {
  this.timeout(60_000);

  it('when served behind the TLS proxy, then cookies are Secure, HttpOnly and host-only, HSTS is sent, and signing in works', async () => {
    await startTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      TRUST_PROXY: 'loopback',
      BASE_URL: 'https://meldpunt.example.org',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'meldpunt-prod-')),
      SESSION_SECRET: secret(),
      ATTACHMENT_KEY: secret(),
      AUDIT_KEY: process.env.AUDIT_KEY ?? secret(),
    });
    assert.equal(config.session.secureCookies, true);
    const deps = {
      config,
      logger: createLogger('silent'),
      clock: new FakeClock(new Date().toISOString()),
      mail: new FakeMailChannel(),
    };
    const app = createApp(deps, { sessionSecret: config.session.secret! });
    const page = await request(app).get('/login').set('X-Forwarded-Proto', 'https');
    assert.equal(page.status, 200);
    assert.match(page.headers['strict-transport-security'] ?? '', /max-age=\d{7,}/);
    const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
    assert.ok(cookies.length >= 1, 'cookies are set');
    for (const c of cookies) {
      assert.match(c, /;\s*Secure/i, c);
      assert.match(c, /;\s*HttpOnly/i, c);
      assert.doesNotMatch(c, /;\s*Domain=/i, c);
    }
    assert.ok(
      cookies.some((c) => c.startsWith('__Host-')),
      'the CSRF cookie is a __Host- cookie',
    );
    const user = await makeUser('privacy_officer');
    // A cookie jar keeps Secure cookies away from http:// test requests, so they are sent by hand,
    // as the browser does over the proxy's HTTPS.
    const jar = cookies.map((c) => c.split(';')[0]!).join('; ');
    const res = await request(app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', jar)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password });
    assert.equal(res.status, 303, res.text?.slice(0, 300));
    // Plain HTTP straight to the app gets no Secure session: a cookie sent over HTTP would leak.
    const plain = await request(app).get('/login');
    for (const c of ([] as string[]).concat(plain.headers['set-cookie'] ?? []))
      assert.doesNotMatch(c, /^mp\.sid=/);
  });

  it('when the app is started in production with missing, weak or shared secrets, then it refuses to start and lists every problem', async () => {
    const shared = secret();
    const env = {
      NODE_ENV: 'production',
      PORT: '0',
      MONGODB_URI: 'mongodb://127.0.0.1:1/none',
      SESSION_SECRET: shared,
      ATTACHMENT_KEY: shared,
      AUDIT_KEY: 'changeme-changeme-changeme-changeme',
    };
    const started = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], env);
    assert.equal(started.code, 2, started.stderr);
    assert.match(started.stderr, /ATTACHMENT_KEY: must differ from SESSION_SECRET/);
    assert.match(started.stderr, /AUDIT_KEY: looks like a placeholder/);
    const none = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      ...env,
      SESSION_SECRET: '',
      ATTACHMENT_KEY: '',
      AUDIT_KEY: '',
    });
    assert.equal(none.code, 2);
    for (const name of ['SESSION_SECRET', 'ATTACHMENT_KEY', 'AUDIT_KEY'])
      assert.match(none.stderr, new RegExp(`${name}: required in production`));
  });
});
