// /healthz and behaviour while the database is down (contracts.md §4).
import assert from 'node:assert/strict';
import request from 'supertest';
import mongoose from 'mongoose';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { interruptTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';
import { User } from '../../models/user.model.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

describe('http: health and database outages', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when the database answers, then /healthz is 200 with status ok', async () => {
    const res = await request(t.app).get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok', db: 'ok' });
  });

  it('when the database stops under a running app, then /healthz is 503, pages explain it, and after a restart the app recovers by itself', async () => {
    const user = await makeUser('reporter', { name: 'Olga Outage' });
    const agent = await signIn(t.app, user);
    const restart = await interruptTestDatabase();
    try {
      const ok = await waitFor(async () => (await request(t.app).get('/healthz')).status === 503, 20_000);
      assert.ok(ok, '/healthz did not report the outage');
      const health = await request(t.app).get('/healthz');
      assert.deepEqual(health.body, { status: 'unavailable', db: 'down' });
      const page = await agent.get('/').set('Accept', 'text/html');
      assert.equal(page.status, 503);
      assert.match(page.text, /tijdelijk niet beschikbaar/);
      assert.match(page.text, /Wat u eerder heeft ingediend, is bewaard/);
      assert.equal(page.headers['retry-after'], '30');
    } finally {
      await restart();
    }
    const back = await waitFor(async () => (await request(t.app).get('/healthz')).status === 200, 60_000);
    assert.ok(back, 'the app did not recover after the database came back');
    // The session and the data from before the outage are still there.
    const home = await agent.get('/');
    assert.equal(home.status, 200);
    assert.match(home.text, /Welkom, Olga Outage/);
    assert.ok(await User.exists({ email: user.email }));
    assert.equal(mongoose.connection.readyState, mongoose.ConnectionStates.connected);
  });
});
