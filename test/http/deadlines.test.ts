// The privacy officer's dashboard and calendar feed (issue 5): order by deadline, overdue marked
// correctly across a DST change, counts per state, home redirect, and the secret iCalendar link.
import assert from 'node:assert/strict';
import request from 'supertest';
import { createHash } from 'node:crypto';
import { clearCollections } from '../helpers/db.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { fulfil, makeAssessment, makeIncident } from '../helpers/duty-fixtures.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { CalendarToken } from '../../models/calendar-token.model.js';
import { User } from '../../models/user.model.js';
import { Assessment } from '../../models/assessment.model.js';
import { Incident } from '../../models/incident.model.js';

/** The ids of `mine` in the order the page lists them (one entry per row). */
function rowOrder(html: string, mine: string[]): string[] {
  return [
    ...html.matchAll(
      /<tr class="duty-row duty-(\w+)" data-incident="([0-9a-f]{24})" data-duty="(\w+)" data-status="(\w+)"/g,
    ),
  ]
    .filter((m) => mine.includes(m[2]!))
    .map((m) => `${mine.indexOf(m[2]!)}:${m[4]}`);
}

async function apDutyWithDeadline(deadline: Date) {
  const incident = await makeIncident({ status: 'assessed' });
  await makeAssessment(incident._id, {
    awarenessAt: new Date(deadline.getTime() - 72 * 3_600_000),
    duties: { notifyAuthority: true },
    deadlines: { authority: deadline },
  });
  return incident;
}

describe('http: deadline dashboard', function () {
  this.timeout(60_000);
  let t: TestApp;
  let agent: Agent;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  before(async () => {
    // 02:15 Amsterdam summer time on the night the clocks go back (25 October 2026, 03:00 CEST → 02:00 CET).
    t = await buildTestApp({}, '2026-10-25T00:15:00Z');
    // The dashboard lists every open report in the database: start from an empty register, so the
    // rows on it are this file's (other files leave unassessed reports behind).
    await clearCollections('Incident', 'Assessment', 'DutyFulfilment');
    officer = await makeUser('privacy_officer', { name: 'Dora Dashboard' });
    agent = await signIn(t.app, officer);
  });

  it('when a privacy officer opens the home page, then it goes to the dashboard, which is in the navigation', async () => {
    const home = await agent.get('/');
    assert.equal(home.status, 303);
    assert.equal(home.headers.location, '/dashboard');
    const page = await agent.get('/dashboard');
    assert.equal(page.status, 200);
    assert.match(page.text, /<a href="\/dashboard" aria-current="page">Termijnen<\/a>/);
    assert.ok(await AuditEntry.exists({ action: 'dashboard.view', 'actor.id': officer.id }));
  });

  it('when other roles ask for the dashboard, then 403; anonymous visitors are sent to sign in', async () => {
    for (const role of ['reporter', 'ministry_liaison', 'admin'] as const) {
      const other = await signIn(t.app, await makeUser(role));
      assert.equal((await other.get('/dashboard')).status, 403, role);
    }
    assert.equal((await request(t.app).get('/dashboard')).status, 303);
  });

  it('when deadlines straddle the DST change, then rows are ordered by instant, overdue first, and marked overdue correctly as the clock passes', async () => {
    t.clock.set('2026-10-25T00:15:00Z');
    const cest = await apDutyWithDeadline(new Date('2026-10-25T00:30:00Z')); // 02:30 summer time
    const cet = await apDutyWithDeadline(new Date('2026-10-25T01:30:00Z')); // 02:30 winter time, one hour later
    const overdue = await apDutyWithDeadline(new Date('2026-10-24T22:00:00Z'));
    const later = await apDutyWithDeadline(new Date('2026-10-27T10:00:00Z'));
    const done = await apDutyWithDeadline(new Date('2026-10-25T00:45:00Z'));
    await fulfil(done._id, 'authority', new Date('2026-10-24T20:00:00Z'));
    const mine = [cest, cet, overdue, later, done].map((i) => String(i._id));

    const before = await agent.get('/dashboard');
    assert.deepEqual(rowOrder(before.text, mine), ['2:overdue', '0:open', '1:open', '3:open']);
    // Both show "02:30", told apart by their UTC offset.
    assert.match(before.text, /25 oktober 2026 02:30 \(UTC\+02:00\)/);
    assert.match(before.text, /25 oktober 2026 02:30 \(UTC\+01:00\)/);
    assert.match(before.text, new RegExp(`data-incident="${mine[0]}"[\\s\\S]*?nog 15 min`));
    assert.match(before.text, new RegExp(`data-incident="${mine[1]}"[\\s\\S]*?nog 1 uur`));
    assert.match(before.text, new RegExp(`data-incident="${mine[2]}"[\\s\\S]*?2 uur te laat`));
    assert.match(before.text, new RegExp(`data-incident="${mine[3]}"[\\s\\S]*?nog 57 uur`));
    assert.match(before.text, /data-countdown="2026-10-25T00:30:00.000Z"/);

    // 02:00 winter time: by the wall clock both deadlines (02:30) are still ahead, but the summer-time one has passed.
    t.clock.set('2026-10-25T01:00:00Z');
    const after = await agent.get('/dashboard');
    assert.deepEqual(rowOrder(after.text, mine), ['2:overdue', '0:overdue', '1:open', '3:open']);
    assert.match(after.text, new RegExp(`data-incident="${mine[0]}"[\\s\\S]*?30 min te laat`));
    assert.match(after.text, new RegExp(`data-incident="${mine[1]}"[\\s\\S]*?nog 30 min`));
  });

  it('when the dashboard shows counts per state, then each count equals the rows of that urgency', async () => {
    t.clock.set('2026-10-25T00:15:00Z');
    await apDutyWithDeadline(new Date('2026-10-25T10:00:00Z'));
    const page = await agent.get('/dashboard');
    const rows = [...page.text.matchAll(/<tr class="duty-row duty-(\w+)"/g)].map((m) => m[1]);
    for (const urgency of ['overdue', 'soon', 'later', 'no_deadline']) {
      const m = new RegExp(`data-urgency="${urgency}"><span class="badge[^"]*">(\\d+)</span>`).exec(
        page.text,
      );
      assert.ok(m, `count for ${urgency}`);
      assert.equal(Number(m[1]), rows.filter((r) => r === urgency).length, urgency);
    }
    assert.ok(rows.includes('soon'));
  });

  it('when the clock passes a deadline without any change to the data, then the counts move with it and still equal the rows', async () => {
    t.clock.set('2026-10-25T00:15:00Z');
    const soon = await apDutyWithDeadline(new Date('2026-10-25T02:00:00Z'));
    const countsMatchRows = async () => {
      const page = await agent.get('/dashboard');
      const rows = [...page.text.matchAll(/<tr class="duty-row duty-(\w+)" data-incident="([0-9a-f]{24})"/g)];
      for (const urgency of ['overdue', 'soon', 'later', 'no_deadline']) {
        const m = new RegExp(`data-urgency="${urgency}"><span class="badge[^"]*">(\\d+)</span>`).exec(
          page.text,
        );
        assert.equal(Number(m?.[1]), rows.filter((r) => r[1] === urgency).length, urgency);
      }
      return rows.find((r) => r[2] === String(soon._id))?.[1];
    };
    assert.equal(await countsMatchRows(), 'soon');
    t.clock.set('2026-10-25T03:00:00Z');
    assert.equal(await countsMatchRows(), 'overdue');
  });

  it('when the officer reads the page in English, then time left reads "h left" / "h overdue"', async () => {
    t.clock.set('2026-10-25T00:15:00Z');
    const incident = await apDutyWithDeadline(new Date('2026-10-26T17:15:00Z'));
    const token = await csrfToken(agent, '/dashboard');
    await agent.post('/language').type('form').send({ _csrf: token, language: 'en', returnTo: '/dashboard' });
    const page = await agent.get('/dashboard');
    assert.match(page.text, new RegExp(`data-incident="${String(incident._id)}"[\\s\\S]*?41 h left`));
    assert.match(page.text, /Open duties and deadlines/);
    const back = await csrfToken(agent, '/dashboard');
    await agent.post('/language').type('form').send({ _csrf: back, language: 'nl', returnTo: '/dashboard' });
  });
});

describe('http: dashboard pages', function () {
  this.timeout(120_000);
  let t: TestApp;
  let agent: Agent;
  before(async () => {
    t = await buildTestApp({}, '2026-10-25T00:15:00Z');
    // The dashboard lists every open report in the database: start from an empty register, so the
    // rows on it are this file's (other files leave unassessed reports behind).
    await clearCollections('Incident', 'Assessment', 'DutyFulfilment');
    agent = await signIn(t.app, await makeUser('privacy_officer', { name: 'Paula Pagina' }));
  });

  it('when more than 100 duties are open, then the dashboard shows them 100 per page, most urgent first, and a wrong page number shows page 1 with a note', async () => {
    const made = [];
    for (let n = 0; n < 130; n++) made.push(await apDutyWithDeadline(new Date(Date.UTC(2026, 9, 26, 0, n))));
    // One row per duty: "incident:duty".
    const rowsOf = (html: string) =>
      [
        ...html.matchAll(/<tr class="duty-row duty-\w+" data-incident="([0-9a-f]{24})" data-duty="(\w+)"/g),
      ].map((m) => `${m[1]}:${m[2]}`);
    const get = async (path: string) => {
      const res = await agent.get(path);
      return { status: res.status, text: res.text.replaceAll('&#x3D;', '=') };
    };
    const first = await get('/dashboard');
    const total = [
      ...first.text.matchAll(
        /<li class="duty-count" data-urgency="\w+"><span class="badge[^"]*">(\d+)<\/span>/g,
      ),
    ].reduce((n, m) => n + Number(m[1]), 0);
    assert.ok(total >= 130, 'the counts cover every open duty, not just the page');
    assert.equal(rowsOf(first.text).length, 100);
    assert.match(first.text, new RegExp(`Regel 1 tot en met 100 van ${total}`));
    // Other suites may have left open duties in the shared database: walk every page.
    const pages = Math.ceil(total / 100);
    assert.match(first.text, new RegExp(`Pagina 1 van ${pages}`));
    assert.match(first.text, /href="\/dashboard\?page=2" rel="next"/);
    const all = [...rowsOf(first.text)];
    for (let p = 2; p <= pages; p++) {
      const next = await get(`/dashboard?page=${p}`);
      assert.equal(rowsOf(next.text).length, p < pages ? 100 : total - 100 * (pages - 1));
      assert.match(next.text, new RegExp(`href="/dashboard\\?page=${p - 1}" rel="prev"`));
      all.push(...rowsOf(next.text));
    }
    assert.equal(new Set(all).size, total, 'every duty is on exactly one page');
    // Deadlines were made one minute apart: the pages continue in deadline order.
    const mine = made.map((i) => `${String(i._id)}:authority`);
    assert.deepEqual(
      all.filter((id) => mine.includes(id)),
      mine,
    );
    for (const bad of ['0', 'abc', '99', '1.5', '-1']) {
      const page = await get(`/dashboard?page=${bad}`);
      assert.equal(page.status, 200, `${bad}: ${page.status} ${page.text.slice(0, 300)}`);
      assert.match(page.text, /Dit paginanummer bestaat niet; je ziet de eerste pagina\./, bad);
      assert.equal(rowsOf(page.text)[0], rowsOf(first.text)[0], bad);
    }
    // Leave the shared test database as other suites expect it (their duties on page 1).
    await Assessment.deleteMany({ incidentId: { $in: made.map((i) => i._id) } });
    await Incident.deleteMany({ _id: { $in: made.map((i) => i._id) } });
  });
});

describe('http: calendar feed', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, '2026-10-20T08:00:00Z');
  });

  async function createLink(agent: Agent): Promise<string> {
    const token = await csrfToken(agent, '/dashboard');
    const res = await agent.post('/dashboard/calendar').type('form').send({ _csrf: token });
    assert.equal(res.status, 201);
    assert.equal(res.headers['cache-control'], 'no-store');
    const m = /value="http:\/\/meldpunt\.test(\/calendar\/([A-Za-z0-9_-]+)\.ics)"/.exec(res.text);
    assert.ok(m, 'the page shows the feed URL');
    return m[1]!;
  }

  it('when an officer creates a link, then the feed lists open deadlines as valid iCalendar, and only the token hash is stored', async () => {
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, officer);
    const incident = await makeIncident({
      status: 'assessed',
      summary: 'Geheime klantgegevens van mevrouw Jansen',
    });
    await makeAssessment(incident._id, {
      awarenessAt: new Date('2026-10-22T10:00:00Z'),
      duties: { notifyAuthority: true },
      deadlines: { authority: new Date('2026-10-25T10:00:00Z') },
    });
    const path = await createLink(agent);
    const token = path.slice('/calendar/'.length, -'.ics'.length);
    const stored = await CalendarToken.findOne({ userId: officer.id }).lean();
    assert.equal(stored!.tokenHash, createHash('sha256').update(token).digest('hex'));
    assert.equal(await CalendarToken.exists({ tokenHash: token }), null);

    const feed = await request(t.app).get(path);
    assert.equal(feed.status, 200);
    assert.match(feed.headers['content-type'] ?? '', /^text\/calendar; charset=utf-8/);
    const text = feed.text;
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
    const unfolded = text.replace(/\r\n /g, '');
    assert.match(unfolded, new RegExp(`UID:${String(incident._id)}-authority@meldpunt\\r\\n`));
    assert.match(unfolded, /DTSTART:20261025T100000Z\r\n/);
    assert.match(unfolded, new RegExp(`SUMMARY:Termijn: Melding aan de AP – ${incident.reference}\\r\\n`));
    assert.ok(!unfolded.includes('Jansen'), 'no client data in the feed');
    // Two reminders: a day ahead to plan the filing, an hour ahead as the last call.
    const event =
      new RegExp(`UID:${String(incident._id)}-authority@meldpunt[\\s\\S]*?END:VEVENT`).exec(unfolded)?.[0] ??
      '';
    assert.deepEqual(
      [...event.matchAll(/TRIGGER:(\S+)\r\n/g)].map((m) => m[1]),
      ['-P1D', '-PT60M'],
    );
    assert.ok(await AuditEntry.exists({ action: 'calendar.feed', 'actor.id': officer.id }));
    // The UID is stable: fetching again gives the same event.
    const again = await request(t.app).get(path);
    assert.match(
      again.text.replace(/\r\n /g, ''),
      new RegExp(`UID:${String(incident._id)}-authority@meldpunt`),
    );
  });

  it('when the link is regenerated or revoked, then the old URL stops working', async () => {
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, officer);
    const first = await createLink(agent);
    assert.equal((await request(t.app).get(first)).status, 200);
    const page = await agent.get('/dashboard');
    assert.match(page.text, /Je hebt een actieve agenda-link sinds/);
    const second = await createLink(agent);
    assert.notEqual(first, second);
    assert.equal((await request(t.app).get(first)).status, 404);
    assert.equal((await request(t.app).get(second)).status, 200);
    const token = await csrfToken(agent, '/dashboard');
    const revoke = await agent.post('/dashboard/calendar/revoke').type('form').send({ _csrf: token });
    assert.equal(revoke.status, 303);
    assert.equal((await request(t.app).get(second)).status, 404);
    assert.match((await agent.get('/dashboard')).text, /Je hebt nog geen agenda-link/);
  });

  it('when the token is malformed, unknown, or its owner is no longer a privacy officer, then 404', async () => {
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, officer);
    const path = await createLink(agent);
    assert.equal((await request(t.app).get('/calendar/abc.ics')).status, 404);
    assert.equal((await request(t.app).get(`/calendar/${'A'.repeat(43)}.ics`)).status, 404);
    assert.equal((await request(t.app).get(path.replace('.ics', '.txt'))).status, 404);
    await User.updateOne({ _id: officer.id }, { $set: { role: 'reporter' } });
    assert.equal((await request(t.app).get(path)).status, 404);
  });

  it('when a reporter tries to create a link, then 403', async () => {
    const reporter = await signIn(t.app, await makeUser('reporter'));
    const token = await csrfToken(reporter, '/account');
    assert.equal(
      (await reporter.post('/dashboard/calendar').type('form').send({ _csrf: token })).status,
      403,
    );
  });
});
