// The officer's inbox and the AP clock from the first minute (issue 12, problem 1): new and
// untriaged reports come first on the dashboard, each with its AP deadline — provisional from
// discovery until awareness is set (domain.md §10.8 item 7) — and the incident page shows it too;
// the first assessment or "not a breach" replaces it.
import assert from 'node:assert/strict';
import request from 'supertest';
import { clearCollections } from '../helpers/db.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { makeApDuty, makeIncident } from '../helpers/duty-fixtures.js';
import { Incident } from '../../models/incident.model.js';
import { Assessment } from '../../models/assessment.model.js';
import { workedExampleForm } from '../helpers/assessment-form.js';

/** The dashboard rows as "incident id|duty|status|inbox status|provisional", in page order. */
function rows(
  html: string,
): { id: string; duty: string; status: string; inbox: string | null; provisional: boolean }[] {
  return [
    ...html.matchAll(
      /<tr class="duty-row duty-\w+" data-incident="([0-9a-f]{24})" data-duty="(\w+)" data-status="(\w+)"( data-inbox="(\w+)")?( data-provisional="true")?>/g,
    ),
  ].map((m) => ({ id: m[1]!, duty: m[2]!, status: m[3]!, inbox: m[5] ?? null, provisional: Boolean(m[6]) }));
}

/** The HTML of one incident's dashboard row. */
function rowOf(html: string, id: string): string {
  const m = new RegExp(`<tr class="duty-row[^>]*data-incident="${id}"[\\s\\S]*?</tr>`).exec(html);
  assert.ok(m, `a row for ${id}`);
  return m[0];
}

describe('http: the officer inbox and the AP clock before the assessment', function () {
  this.timeout(120_000);
  let t: TestApp;
  let agent: Agent;
  before(async () => {
    // Monday 2 March 2026, 13:00 Amsterdam (UTC+1).
    t = await buildTestApp({}, '2026-03-02T12:00:00Z');
    // The dashboard lists every open report in the database: start from an empty register, so the
    // rows on it are this file's (other files leave unassessed reports behind).
    await clearCollections('Incident', 'Assessment', 'DutyFulfilment');
    agent = await signIn(t.app, await makeUser('privacy_officer', { name: 'Ingrid Inbox' }));
  });

  it('when a new report arrives, then the dashboard lists it first with a provisional AP deadline from discovery, also on the incident page', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    // An assessed duty that is already overdue: the new report still comes first.
    const assessed = await makeApDuty(new Date('2026-02-26T08:00:00Z'));
    // Discovered 08:00 UTC, reported internally 09:00 UTC (the fixture), no awareness yet.
    const report = await makeIncident();
    const id = String(report._id);

    const page = await agent.get('/dashboard');
    assert.equal(page.status, 200);
    const all = rows(page.text);
    const mine = all.find((r) => r.id === id);
    assert.deepEqual(mine, { id, duty: 'authority', status: 'open', inbox: 'submitted', provisional: true });
    const firstDuty = all.findIndex((r) => r.inbox === null);
    assert.ok(
      all.indexOf(mine) < all.findIndex((r) => r.id === String(assessed._id)),
      'the new report is listed before the overdue duty',
    );
    assert.ok(
      all.slice(0, firstDuty === -1 ? all.length : firstDuty).every((r) => r.inbox !== null),
      'every inbox row precedes every duty row',
    );
    assert.ok(
      page.text.indexOf('Nieuwe meldingen, nog niet beoordeeld') <
        page.text.indexOf('Plichten van beoordeelde incidenten'),
    );
    const row = rowOf(page.text, id);
    // 72 clock hours from discovery: 5 March 08:00 UTC = 09:00 Amsterdam.
    assert.match(
      row,
      /<time datetime="2026-03-05T08:00:00.000Z">5 maart 2026 09:00 \(UTC\+01:00\)<\/time> <span class="badge provisional">Voorlopig<\/span>/,
    );
    assert.match(row, /Voorlopige termijn: 72 uur vanaf de ontdekking\./);
    assert.match(row, /nog 68 uur/);
    assert.match(row, /<span class="badge status-submitted">Ingediend<\/span>/);
    assert.match(row, new RegExp(`href="/incidents/${id}/assessment">Beoordelen</a>`));

    const incidentPage = await agent.get(`/incidents/${id}`);
    assert.equal(incidentPage.status, 200);
    assert.doesNotMatch(incidentPage.text, /Nog geen plichten/);
    assert.match(
      incidentPage.text,
      /<tr data-duty="authority" data-status="open">\s*<td>Melding aan de AP<br><span class="hint duty-basis">Voorlopige termijn: 72 uur vanaf de ontdekking\./,
    );
    assert.match(incidentPage.text, /<span class="badge provisional">Voorlopig<\/span>/);

    // In English the mark reads "Provisional".
    const token = await csrfToken(agent, '/dashboard');
    await agent.post('/language').type('form').send({ _csrf: token, language: 'en', returnTo: '/dashboard' });
    const en = rowOf((await agent.get('/dashboard')).text, id);
    assert.match(en, /<span class="badge provisional">Provisional<\/span>/);
    assert.match(en, /Provisional deadline: 72 hours from discovery\./);
    const back = await csrfToken(agent, '/dashboard');
    await agent.post('/language').type('form').send({ _csrf: back, language: 'nl', returnTo: '/dashboard' });
  });

  it('when the internal report comes days after discovery, then the deadline still runs from discovery and is overdue', async () => {
    t.clock.set('2026-03-06T09:00:00Z');
    const late = await makeIncident({
      reportedInternallyAt: new Date('2026-03-05T09:00:00Z'),
      status: 'triage',
    });
    const row = rowOf((await agent.get('/dashboard')).text, String(late._id));
    assert.match(
      row,
      /^<tr class="duty-row duty-overdue" data-incident="[0-9a-f]+" data-duty="authority" data-status="overdue" data-inbox="triage" data-provisional="true">/,
    );
    assert.match(row, /datetime="2026-03-05T08:00:00.000Z"/);
    assert.match(row, /25 uur te laat/);
  });

  it('when the officer sets awareness, then the deadline runs from it and is no longer provisional', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const report = await makeIncident();
    const id = String(report._id);
    const set = await postForm(agent, `/incidents/${id}`, `/incidents/${id}/awareness`, {
      awarenessAt: '2026-03-02T11:30',
    });
    assert.equal(set.status, 303, set.text.slice(0, 300));
    const page = await agent.get('/dashboard');
    const mine = rows(page.text).find((r) => r.id === id);
    assert.equal(mine?.provisional, false);
    const row = rowOf(page.text, id);
    // 11:30 Amsterdam = 10:30 UTC; + 72 h.
    assert.match(
      row,
      /<time datetime="2026-03-05T10:30:00.000Z">5 maart 2026 11:30 \(UTC\+01:00\)<\/time><br>/,
    );
    assert.doesNotMatch(row, /Voorlopig/);
    assert.match(
      row,
      /Nog niet beoordeeld: de termijn loopt 72 uur vanaf het vastgestelde moment van kennisname\./,
    );
  });

  it('when the reporter says no personal data are involved, then the report is in the inbox without a clock', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const report = await makeIncident({ personalDataInvolved: 'no', dataCategories: [] });
    const page = await agent.get('/dashboard');
    const mine = rows(page.text).find((r) => r.id === String(report._id));
    assert.deepEqual(mine, {
      id: String(report._id),
      duty: 'intake',
      status: 'open',
      inbox: 'submitted',
      provisional: false,
    });
    assert.match(
      rowOf(page.text, String(report._id)),
      /Volgens de melder geen persoonsgegevens: geen termijn tot de beoordeling\./,
    );
    const incidentPage = await agent.get(`/incidents/${String(report._id)}`);
    assert.match(incidentPage.text, /Nog geen plichten/);
  });

  it('when the assessment decides no notification is needed, or the report is not a breach, then the provisional duty is gone', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const assessed = await makeIncident();
    const notBreach = await makeIncident();
    const before = rows((await agent.get('/dashboard')).text).map((r) => r.id);
    assert.ok(before.includes(String(assessed._id)) && before.includes(String(notBreach._id)));

    const path = `/incidents/${String(assessed._id)}/assessment`;
    const token = await csrfToken(agent, path);
    const saved = await agent
      .post(path)
      .type('form')
      .send({
        _csrf: token,
        ...workedExampleForm(),
        discoveredAt: '2026-03-02T09:00',
        awarenessAt: '2026-03-02T09:00',
        riskLevel: 'none',
        riskJustification:
          'Ontvanger is een zorgverlener met geheimhoudingsplicht en heeft verwijdering bevestigd.',
        action: 'save',
      });
    assert.equal(saved.status, 303, saved.text.slice(0, 500));
    assert.equal(
      (await Assessment.findOne({ incidentId: assessed._id }).lean())?.duties?.notifyAuthority,
      false,
    );

    const notice = await postForm(
      agent,
      `/incidents/${String(notBreach._id)}`,
      `/incidents/${String(notBreach._id)}/not-a-breach`,
      {
        reason: 'Alleen testgegevens, geen persoonsgegevens.',
      },
    );
    assert.equal(notice.status, 303);

    const after = rows((await agent.get('/dashboard')).text).map((r) => r.id);
    assert.ok(!after.includes(String(assessed._id)), 'assessed: no AP duty, not in the inbox');
    assert.ok(!after.includes(String(notBreach._id)), 'not a breach: gone');
    for (const i of [assessed, notBreach]) {
      const page = await agent.get(`/incidents/${String(i._id)}`);
      assert.doesNotMatch(page.text, /data-duty="authority" data-status="(open|overdue)"/);
      assert.doesNotMatch(page.text, /badge provisional/);
    }
  });

  it('when the officer subscribes to the calendar, then the AP deadline of a new report is in it, marked provisional, until awareness is set', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const report = await makeIncident({ summary: 'Gegevens van mevrouw Jansen kwijt' });
    const id = String(report._id);
    const created = await postForm(agent, '/dashboard', '/dashboard/calendar', {});
    const m = /value="http:\/\/meldpunt\.test(\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(created.text);
    assert.ok(m, 'the page shows the feed URL');
    const feed = async () => (await request(t.app).get(m[1]!)).text.replace(/\r\n /g, '');
    const before = await feed();
    assert.match(
      before,
      new RegExp(`UID:${id}-authority-${Date.parse('2026-03-05T08:00:00Z')}@meldpunt\r\n`),
    );
    assert.match(
      before,
      new RegExp(`SUMMARY:Voorlopige termijn: Melding aan de AP – ${report.reference}\r\n`),
    );
    assert.match(before, new RegExp(`URL:http://meldpunt.test/incidents/${id}\r\n`));
    assert.ok(!before.includes('Jansen'), 'no client data in the feed');
    await Incident.updateOne(
      { _id: report._id },
      { $set: { awarenessAt: new Date('2026-03-02T10:00:00Z') } },
    );
    const after = await feed();
    assert.ok(
      !after.includes(`UID:${id}-authority-${Date.parse('2026-03-05T08:00:00Z')}@`),
      'the provisional event is gone',
    );
    assert.match(after, new RegExp(`UID:${id}-authority-${Date.parse('2026-03-05T10:00:00Z')}@meldpunt\r\n`));
    assert.match(after, new RegExp(`SUMMARY:Termijn: Melding aan de AP – ${report.reference}\r\n`));
  });

  it('when more than a page of reports waits, then the inbox fills the first pages, most pressing first, 100 rows per page', async () => {
    t.clock.set('2026-03-02T12:00:00Z');
    const made = [];
    // Discovered one minute apart on 1 March: deadlines on 4 March, before the other reports here.
    for (let n = 0; n < 105; n++)
      made.push(await makeIncident({ discoveredAt: new Date(Date.UTC(2026, 2, 1, 0, n)) }));
    const mine = made.map((i) => String(i._id));
    try {
      const first = await agent.get('/dashboard');
      const total = [
        ...first.text.matchAll(
          /<li class="duty-count" data-urgency="\w+"><span class="badge[^"]*">(\d+)<\/span>/g,
        ),
      ].reduce((n, m) => n + Number(m[1]), 0);
      const pages = Math.ceil(total / 100);
      assert.ok(pages >= 2);
      const seen: ReturnType<typeof rows> = [];
      for (let p = 1; p <= pages; p++) {
        const page = p === 1 ? first : await agent.get(`/dashboard?page=${p}`);
        const here = rows(page.text);
        assert.equal(here.length, p < pages ? 100 : total - 100 * (pages - 1), `page ${p}`);
        seen.push(...here);
      }
      assert.equal(
        new Set(seen.map((r) => `${r.id}:${r.duty}`)).size,
        total,
        'every row on exactly one page, counted once',
      );
      const lastInbox = seen.findLastIndex((r) => r.inbox !== null);
      assert.ok(
        seen.slice(0, lastInbox + 1).every((r) => r.inbox !== null),
        'the inbox comes before every duty, across pages',
      );
      // Mine in deadline order (one minute apart), and every report with an earlier deadline before them.
      assert.deepEqual(
        seen.filter((r) => mine.includes(r.id)).map((r) => r.id),
        mine,
      );
      assert.ok(seen.length - lastInbox - 1 >= 1, 'duties follow the inbox');
    } finally {
      await Incident.deleteMany({ _id: { $in: made.map((i) => i._id) } });
    }
  });
});
