// Issue 3 item 4: the register for privacy officers — filters, search, detail (audited) and triage
// under the workflow, including the awareness rule of domain.md §3.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { fileReport, storeAssessment } from '../helpers/incidents.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';

describe('http: the breach register and triage', function () {
  this.timeout(60_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let po: Agent;
  before(async () => {
    t = await buildTestApp({}, '2026-04-01T10:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Petra Privacy' });
    po = await signIn(t.app, officer);
  });

  it('when a privacy officer filters by status, year, risk, overdue and text, then only matching incidents are listed', async () => {
    const reporter = await makeUser('reporter');
    const tag = randomUUID().slice(0, 8);
    const a = await fileReport(reporter, t.clock.now(), { summary: `Alpha ${tag} kwijt` });
    const b = await fileReport(reporter, t.clock.now(), { summary: `Beta ${tag} gehackt` });
    // Discovered half an hour before the report: the AP window runs from discovery (domain.md §10.8 item 7).
    const c = await fileReport(reporter, t.clock.now(), {
      summary: `Gamma ${tag} verkeerd verstuurd`,
      discoveredAt: '2026-04-01T11:30',
    });
    await storeAssessment(a.id, 'high', t.clock.now(), {
      authorityDeadline: new Date(t.clock.now().getTime() - 3600_000),
    });
    await storeAssessment(b.id, 'none', t.clock.now());
    await Incident.updateOne({ _id: b.id }, { $set: { status: 'triage' } });

    const all = await po.get(`/register?q=${tag}`);
    assert.equal(all.status, 200);
    for (const x of [a, b, c]) assert.match(all.text, new RegExp(x.reference));
    const triage = await po.get(`/register?q=${tag}&status=triage`);
    assert.match(triage.text, new RegExp(b.reference));
    assert.doesNotMatch(triage.text, new RegExp(a.reference));
    const high = await po.get(`/register?q=${tag}&risk=high`);
    assert.match(high.text, new RegExp(a.reference));
    assert.doesNotMatch(high.text, new RegExp(`${b.reference}|${c.reference}`));
    const unassessed = await po.get(`/register?q=${tag}&risk=unassessed`);
    assert.match(unassessed.text, new RegExp(c.reference));
    assert.doesNotMatch(unassessed.text, new RegExp(`${a.reference}|${b.reference}`));
    const overdue = await po.get(`/register?q=${tag}&overdue=yes`);
    assert.match(overdue.text, new RegExp(a.reference));
    assert.doesNotMatch(overdue.text, new RegExp(`${b.reference}|${c.reference}`));
    const otherYear = await po.get(`/register?q=${tag}&year=2025`);
    assert.doesNotMatch(otherYear.text, new RegExp(a.reference));
    const byRef = await po.get(`/register?q=${a.reference.toLowerCase()}`);
    assert.match(byRef.text, new RegExp(a.reference));
    assert.doesNotMatch(byRef.text, new RegExp(b.reference));
    // An unassessed incident past the AP window counts as overdue too.
    t.clock.advanceHours(73);
    const later = await po.get(`/register?q=${tag}&overdue=yes`);
    assert.match(later.text, new RegExp(c.reference));
    t.clock.advanceHours(-73);
    assert.ok(await AuditEntry.exists({ action: 'register.list', 'actor.id': officer.id }));
  });

  it('when the query carries operators (status[$ne], repeated keys, regex characters), then it is refused or taken literally', async () => {
    const reporter = await makeUser('reporter');
    const r = await fileReport(reporter, t.clock.now(), { summary: 'Operator test (.*) incident' });
    const ne = await po.get('/register?status[$ne]=closed');
    assert.equal(ne.status, 400);
    assert.match(ne.text, /Het filter is ongeldig/);
    assert.doesNotMatch(ne.text, new RegExp(r.reference));
    const repeated = await po.get('/register?status=submitted&status=triage');
    assert.equal(repeated.status, 400);
    const regex = await po.get(`/register?q=${encodeURIComponent('.*')}`);
    assert.equal(regex.status, 200);
    assert.match(regex.text, new RegExp(r.reference), 'the literal text ".*" is found');
    const dotStar = await po.get(`/register?q=${encodeURIComponent('^zzz.*$')}`);
    assert.doesNotMatch(dotStar.text, new RegExp(r.reference));
  });

  it('when a reporter or admin opens the register, then 403; a reporter opening /incidents/:id of their own report is sent to it', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    assert.equal((await agent.get('/register')).status, 403);
    assert.equal((await agent.get('/register/export.csv')).status, 403);
    const mine = await fileReport(reporter, t.clock.now());
    const go = await agent.get(`/incidents/${mine.id}`);
    assert.equal(go.status, 303);
    assert.equal(go.headers.location, `/reports/${mine.id}`);
    const other = await fileReport(await makeUser('reporter'), t.clock.now());
    assert.equal((await agent.get(`/incidents/${other.id}`)).status, 404);
    const admin = await signIn(t.app, await makeUser('admin'));
    assert.equal((await admin.get('/register')).status, 403);
    assert.equal((await admin.get(`/incidents/${other.id}`)).status, 404);
  });

  it("when the officer opens an incident, then facts, the timeline with the reporter's addition and attachments show, and the view is audited", async () => {
    const reporter = await makeUser('reporter', { name: 'Rob Reporter' });
    const r = await fileReport(reporter, t.clock.now(), {
      summary: 'Map met dossiers in de trein laten liggen',
    });
    const ragent = await signIn(t.app, reporter);
    t.clock.advance(60_000);
    await postForm(ragent, `/reports/${r.id}`, `/reports/${r.id}/additions`, {
      text: 'Gevonden door de conducteur.',
    });
    const page = await po.get(`/incidents/${r.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Map met dossiers in de trein laten liggen/);
    assert.match(page.text, /Gevonden door de conducteur\./);
    assert.match(page.text, /Aanvulling van de melder/);
    assert.match(page.text, /Rob Reporter/);
    assert.match(page.text, /Bijlagen \(bewijs\)/);
    // Every next step is one click away: assessment, AP dossier, ministry notice, affected persons.
    for (const href of [
      `/incidents/${r.id}/assessment`,
      `/authority/incidents/${r.id}`,
      `/ministry/incidents/${r.id}/notice`,
      `/incidents/${r.id}/notices`,
    ]) {
      assert.ok(page.text.includes(`href="${href}"`), `no link to ${href}`);
    }
    assert.ok(
      await AuditEntry.exists({
        action: 'incident.view',
        'object.id': r.id,
        'actor.id': officer.id,
        'details.page': 'register',
      }),
    );
  });

  it('when the officer takes a report into triage, then the status, handler, timeline and audit change; an illegal step gives 409 with a clear reason', async () => {
    const r = await fileReport(await makeUser('reporter'), t.clock.now());
    const close = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/close`, {
      closingMeasures: 'x',
      lessonsLearned: 'y',
    });
    assert.equal(close.status, 409);
    assert.match(close.text, /Van status &quot;Ingediend&quot; naar &quot;Gesloten&quot; is niet toegestaan/);
    assert.equal((await Incident.findById(r.id).lean())?.status, 'submitted');

    const take = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/triage`, {});
    assert.equal(take.status, 303);
    const inc = await Incident.findById(r.id).lean();
    assert.equal(inc?.status, 'triage');
    assert.equal(inc?.handlerId, officer.id);
    assert.ok(
      await IncidentEvent.exists({
        incidentId: r.id,
        kind: 'status-changed',
        'data.from': 'submitted',
        'data.to': 'triage',
      }),
    );
    assert.ok(
      await AuditEntry.exists({ action: 'incident.status', 'object.id': r.id, 'details.to': 'triage' }),
    );
    const again = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/triage`, {});
    assert.equal(again.status, 409);
  });

  it('when awareness is set, then it must not precede discovery, not lie ahead, and needs a note when more than 24 h after discovery', async () => {
    // Discovered 2026-01-05 09:30 Amsterdam (the form helper), i.e. 08:30 UTC.
    const r = await fileReport(await makeUser('reporter'), t.clock.now());
    const before = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/awareness`, {
      awarenessAt: '2026-01-05T09:00',
    });
    assert.equal(before.status, 400);
    assert.match(before.text, /kan niet vóór de ontdekking liggen/);
    const future = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/awareness`, {
      awarenessAt: '2026-05-01T09:00',
    });
    assert.equal(future.status, 400);
    assert.match(future.text, /ligt in de toekomst/);
    const late = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/awareness`, {
      awarenessAt: '2026-01-06T10:00',
      awarenessNote: '',
    });
    assert.equal(late.status, 400);
    assert.match(late.text, /Meer dan 24 uur na de ontdekking/);
    assert.match(late.text, /value="2026-01-06T10:00"/, 'the input is kept');
    assert.equal((await Incident.findById(r.id).lean())?.awarenessAt, undefined);

    const within = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/awareness`, {
      awarenessAt: '2026-01-06T09:00',
    });
    assert.equal(within.status, 303);
    assert.equal(
      (await Incident.findById(r.id).lean())?.awarenessAt?.toISOString(),
      '2026-01-06T08:00:00.000Z',
    );
    const noted = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/awareness`, {
      awarenessAt: '2026-01-07T09:00',
      awarenessNote: 'Melding <b>pas</b> na het weekend bevestigd.',
    });
    assert.equal(noted.status, 303);
    const inc = await Incident.findById(r.id).lean();
    assert.equal(inc?.awarenessNote, 'Melding <b>pas</b> na het weekend bevestigd.');
    assert.equal(await IncidentEvent.countDocuments({ incidentId: r.id, kind: 'awareness-set' }), 2);
    assert.ok(
      await AuditEntry.exists({
        action: 'incident.awareness',
        'object.id': r.id,
        'details.awarenessAt': '2026-01-07T08:00:00.000Z',
      }),
    );
    const page = await po.get(`/incidents/${r.id}`);
    assert.match(page.text, /Melding &lt;b&gt;pas&lt;\/b&gt; na het weekend bevestigd\./);
  });

  it('when marked "not a breach" with a reason, then it stays in the register as a security incident and can then be closed with measures and lessons', async () => {
    const r = await fileReport(await makeUser('reporter'), t.clock.now(), { personalDataInvolved: 'no' });
    const noReason = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/not-a-breach`, {
      reason: ' ',
    });
    assert.equal(noReason.status, 400);
    assert.match(noReason.text, /id="reason-error">Vul dit veld in\./);
    const ok = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/not-a-breach`, {
      reason: 'Alleen testdata, geen persoonsgegevens.',
    });
    assert.equal(ok.status, 303);
    const inc = await Incident.findById(r.id).lean();
    assert.equal(inc?.status, 'not_a_breach');
    assert.equal(inc?.notABreachReason, 'Alleen testdata, geen persoonsgegevens.');
    const list = await po.get(`/register?status=not_a_breach&q=${r.reference}`);
    assert.match(list.text, new RegExp(r.reference));

    const missing = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/close`, {
      closingMeasures: 'Wachtwoorden gewijzigd.',
    });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /id="lessonsLearned-error">Vul dit veld in\./);
    const closed = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/close`, {
      closingMeasures: 'Wachtwoorden gewijzigd.',
      lessonsLearned: 'Testdata apart houden.',
    });
    assert.equal(closed.status, 303);
    const done = await Incident.findById(r.id).lean();
    assert.equal(done?.status, 'closed');
    assert.equal(done?.closedAt?.toISOString(), t.clock.now().toISOString());
    assert.equal(done?.lessonsLearned, 'Testdata apart houden.');
    const again = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/awareness`, {
      awarenessAt: '2026-01-06T09:00',
    });
    assert.equal(again.status, 409);
  });

  it('when a handler is assigned, then only an active privacy officer is accepted', async () => {
    const r = await fileReport(await makeUser('reporter'), t.clock.now());
    const other = await makeUser('privacy_officer', { name: 'Olaf Officer' });
    const reporter = await makeUser('reporter');
    const bad = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/handler`, {
      handlerId: reporter.id,
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Kies een actieve privacyfunctionaris/);
    const ok = await postForm(po, `/incidents/${r.id}`, `/incidents/${r.id}/handler`, {
      handlerId: other.id,
    });
    assert.equal(ok.status, 303);
    const inc = await Incident.findById(r.id).lean();
    assert.equal(inc?.handlerName, 'Olaf Officer');
    assert.ok(
      await AuditEntry.exists({
        action: 'incident.assign',
        'object.id': r.id,
        'details.handlerId': other.id,
      }),
    );
  });

  it('when forms or JSON bodies carry query operators, then they are refused with 400 and nothing changes', async () => {
    const r = await fileReport(await makeUser('reporter'), t.clock.now());
    const token = await csrfToken(po, `/incidents/${r.id}`);
    const bracket = await po
      .post(`/incidents/${r.id}/handler`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&handlerId[$gt]=`);
    assert.equal(bracket.status, 400);
    const json = await po
      .post(`/incidents/${r.id}/not-a-breach`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf: token, reason: { $ne: null } }));
    assert.equal(json.status, 400);
    const jsonHandler = await po
      .post(`/incidents/${r.id}/handler`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf: token, handlerId: { $ne: null } }));
    assert.equal(jsonHandler.status, 400);
    const jsonReport = await po
      .post('/reports')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf: token, summary: { $ne: null }, incidentCause: { $gt: '' } }));
    assert.equal(jsonReport.status, 400);
    const inc = await Incident.findById(r.id).lean();
    assert.equal(inc?.status, 'submitted');
    assert.equal(inc?.handlerId, undefined);
    assert.equal(inc?.notABreachReason, undefined);
  });
});
