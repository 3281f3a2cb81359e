// Issue 17: the insights page — officers only, figures from the register, clear error on a bad year.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { fileReport } from '../helpers/incidents.js';
import { AuditEntry } from '../../models/audit-entry.model.js';

describe('http: the insights page', function () {
  this.timeout(60_000);
  let t: TestApp;
  let po: Agent;
  before(async () => {
    t = await buildTestApp({}, '2031-04-01T10:00:00Z');
    po = await signIn(t.app, await makeUser('privacy_officer'));
  });

  it('when an officer opens the insights for a year, then charts, tables and a summary show its incidents', async () => {
    const reporter = await makeUser('reporter');
    const tag = randomUUID().slice(0, 8);
    const a = await fileReport(reporter, t.clock.now(), {
      summary: `Inzicht ${tag}`,
      discoveredAt: '2031-04-01T09:00',
    });
    const res = await po.get('/insights?year=2031');
    assert.equal(res.status, 200);
    assert.match(res.text, /<svg class="chart"/);
    assert.match(res.text, /<caption>Incidenten per maand<\/caption>/);
    assert.match(res.text, /<th scope="row">april<\/th><td>[1-9]/);
    assert.match(res.text, /drukste maand was april/);
    assert.doesNotMatch(res.text, /<script>/);
    assert.ok(a.reference);
    assert.ok(
      await AuditEntry.exists({ action: 'insights.view', 'details.year': 2031 }),
      'the view is audited',
    );
  });

  it('when an officer downloads the figures, then a CSV with the months and the 72 h distribution comes back, audited', async () => {
    const res = await po.get('/insights/figures.csv?year=2031');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(res.text, /^\uFEFF"Incidenten per maand";"2031"/);
    assert.match(res.text, /"april";[1-9]/);
    assert.match(res.text, /"Binnen 24 uur";\d+/);
    assert.ok(await AuditEntry.exists({ action: 'insights.export', 'details.year': 2031 }));
    const bad = await po.get('/insights/figures.csv?year=99999');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Kies een jaar/);
  });

  it('when the year is not a year, then 400 with a clear message and the typed value kept', async () => {
    const res = await po.get('/insights?year=abc');
    assert.equal(res.status, 400);
    assert.match(res.text, /Kies een jaar tussen 2000 en 2100/);
    assert.match(res.text, /value="abc"/);
  });

  it('when a reporter asks for the insights, then access is refused', async () => {
    const rep = await signIn(t.app, await makeUser('reporter'));
    const res = await rep.get('/insights');
    assert.ok(res.status === 403 || res.status === 302, `status ${res.status}`);
  });
});
