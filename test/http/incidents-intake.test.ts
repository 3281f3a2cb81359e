// Issue 3 items 1–2: the report form, the reference, mails, "my reports" and additions.
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn } from '../helpers/http.js';
import { reportForm } from '../helpers/incidents.js';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';

describe('http: reporting a breach', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, '2026-03-10T10:00:00Z');
  });

  it('when a reporter submits a complete form, then the incident is stored as submitted with a DL reference, a timeline event, mails and an audit entry', async () => {
    const reporter = await makeUser('reporter', { name: 'Rik Reporter', language: 'en' });
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, reporter);
    const res = await postForm(agent, '/reports/new', '/reports', reportForm());
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const m = /^\/reports\/([0-9a-f]{24})\/submitted$/.exec(res.headers.location ?? '');
    assert.ok(m, res.headers.location);
    const incident = await Incident.findById(m[1]).lean();
    assert.ok(incident);
    assert.match(incident.reference, /^DL-2026-\d{4}$/);
    assert.equal(incident.status, 'submitted');
    assert.equal(incident.reporterId, reporter.id);
    assert.equal(incident.discoveredAt.toISOString(), '2026-01-05T08:30:00.000Z'); // 09:30 Amsterdam (CET)
    assert.deepEqual(incident.dataCategories, ['name_address', 'national_id']);
    assert.equal(incident.reportedInternallyAt.toISOString(), '2026-03-10T10:00:00.000Z');
    assert.equal(await IncidentEvent.countDocuments({ incidentId: incident._id, kind: 'submitted' }), 1);
    assert.ok(
      await AuditEntry.exists({
        action: 'incident.submit',
        'object.ref': incident.reference,
        'actor.id': reporter.id,
      }),
    );

    const receipt = await OutboxMessage.findOne({ key: `report-receipt:${incident.reference}` }).lean();
    assert.ok(receipt);
    assert.deepEqual(receipt.to, [reporter.email]);
    assert.equal(receipt.lang, 'en');
    assert.deepEqual(Object.keys(receipt.data as object).sort(), ['link', 'reference', 'reportedAt']);
    assert.equal((receipt.data as { link: string }).link, `http://meldpunt.test/reports/${m[1]}`);
    const alerts = await OutboxMessage.find({
      key: new RegExp(`^report-alert:${incident.reference}:`),
    }).lean();
    assert.ok(
      alerts.some((a) => a.to.includes(officer.email)),
      'the privacy officer is alerted',
    );
    for (const a of alerts)
      assert.equal((a.data as { link: string }).link, `http://meldpunt.test/incidents/${m[1]}`);

    const confirm = await agent.get(res.headers.location!);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, new RegExp(`Your reference is ${incident.reference}`));
  });

  it('when required answers are missing or wrong, then the form comes back with 400, a message per field and the input kept', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const before = await Incident.countDocuments({ reporterId: reporter.id });
    const res = await postForm(agent, '/reports/new', '/reports', {
      ...reportForm({
        summary: '  ',
        breachTypes: [],
        subjectsCountMin: '10',
        subjectsCountMax: '2',
        discoveredAt: '2026-01-04T08:00',
      }),
      dataDetail: 'Mijn <b>bewaarde</b> toelichting',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /class="error-summary"/);
    assert.match(res.text, /id="summary-error">Vul dit veld in\./);
    assert.match(res.text, /id="breachTypes-error">Kies minstens één antwoord\./);
    assert.match(res.text, /id="subjectsCountMax-error">Het maximum is kleiner dan het minimum\./);
    assert.match(res.text, /id="discoveredAt-error">De ontdekking ligt voor het begin van het incident\./);
    assert.match(res.text, /Mijn &lt;b&gt;bewaarde&lt;\/b&gt; toelichting/);
    assert.match(res.text, /value="national_id" checked/);
    assert.equal(await Incident.countDocuments({ reporterId: reporter.id }), before);
  });

  it('when the form is sent empty, then every missing answer is listed at once, each linked to its field', async () => {
    const agent = await signIn(t.app, await makeUser('reporter'));
    const res = await postForm(agent, '/reports/new', '/reports', {});
    assert.equal(res.status, 400);
    for (const field of [
      'summary',
      'incidentCause',
      'incidentNature',
      'breachTypes',
      'occurredFrom',
      'discoveredAt',
      'discoveryChannel',
      'personalDataInvolved',
      'dataCategories',
      'subjectCategories',
      'measuresTaken',
    ]) {
      assert.match(res.text, new RegExp(`<a href="#${field}">`), `${field} in the error summary`);
      assert.match(res.text, new RegExp(`id="${field}-error"`), `${field} has its message`);
    }
  });

  it('when "I don\'t know" is chosen where domain.md allows unknown, then the report is accepted', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const res = await postForm(agent, '/reports/new', '/reports', {
      ...reportForm({
        occurrenceUnknown: 'on',
        personalDataInvolved: 'unknown',
        dataCategories: 'unknown',
        subjectCategories: 'unknown',
        incidentNature: 'unknown',
      }),
      occurredFrom: '',
      subjectsCountMin: '',
      subjectsCountMax: '',
    });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const incident = await Incident.findOne({ reporterId: reporter.id }).lean();
    assert.equal(incident?.occurrenceUnknown, true);
    assert.equal(incident?.occurredFrom, undefined);
    assert.equal(incident?.subjectsCountMax, undefined);
    assert.deepEqual(incident?.dataCategories, ['unknown']);
  });

  it('when the form page is opened in English, then it has labelled fields, help texts and the CSRF token', async () => {
    const reporter = await makeUser('reporter', { language: 'en' });
    const agent = await signIn(t.app, reporter);
    const page = await agent.get('/reports/new');
    assert.equal(page.status, 200);
    assert.match(page.text, /Report a \(possible\) data breach/);
    assert.match(page.text, /<label for="summary">Describe what happened/);
    assert.match(page.text, /I don&#x27;t know/);
    assert.match(page.text, /name="_csrf"/);
  });

  it('when anonymous or a ministry liaison opens the form, then sign-in or 403', async () => {
    const anon = await request(t.app).get('/reports/new');
    assert.equal(anon.status, 303);
    const liaison = await makeUser('ministry_liaison');
    const agent = await signIn(t.app, liaison);
    assert.equal((await agent.get('/reports/new')).status, 403);
  });

  it('when a reporter lists and opens their reports, then they see status and can append information; the original stays', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const created = await postForm(
      agent,
      '/reports/new',
      '/reports',
      reportForm({ summary: 'Laptop kwijt in de trein' }),
    );
    const id = /\/reports\/([0-9a-f]{24})\//.exec(created.headers.location!)![1]!;
    const list = await agent.get('/reports');
    assert.equal(list.status, 200);
    assert.match(list.text, /Laptop kwijt in de trein/);
    assert.match(list.text, /Ingediend/);

    const add = await postForm(agent, `/reports/${id}`, `/reports/${id}/additions`, {
      text: 'Het was de trein van 8:12 naar Utrecht.',
    });
    assert.equal(add.status, 303);
    const add2 = await postForm(agent, `/reports/${id}`, `/reports/${id}/additions`, {
      text: 'Laptop was versleuteld.',
    });
    assert.equal(add2.status, 303);
    const events = await IncidentEvent.find({ incidentId: id, kind: 'addition' })
      .sort({ at: 1, _id: 1 })
      .lean();
    assert.deepEqual(
      events.map((e) => e.text),
      ['Het was de trein van 8:12 naar Utrecht.', 'Laptop was versleuteld.'],
    );
    assert.equal((await Incident.findById(id).lean())?.summary, 'Laptop kwijt in de trein');
    const detail = await agent.get(`/reports/${id}`);
    assert.match(detail.text, /Het was de trein van 8:12 naar Utrecht\./);
    assert.ok(await AuditEntry.exists({ action: 'incident.addition', 'object.id': id }));
    assert.ok(await AuditEntry.exists({ action: 'incident.view', 'object.id': id, 'actor.id': reporter.id }));

    const empty = await postForm(agent, `/reports/${id}`, `/reports/${id}/additions`, { text: '   ' });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /id="text-error">Vul dit veld in\./);
  });

  it("when a reporter opens or adds to someone else's report, then 404 and the attempt is audited as denied", async () => {
    const owner = await makeUser('reporter');
    const other = await makeUser('reporter');
    const ownerAgent = await signIn(t.app, owner);
    const created = await postForm(
      ownerAgent,
      '/reports/new',
      '/reports',
      reportForm({ summary: 'Geheim voor anderen' }),
    );
    const id = /\/reports\/([0-9a-f]{24})\//.exec(created.headers.location!)![1]!;
    const agent = await signIn(t.app, other);
    const view = await agent.get(`/reports/${id}`);
    assert.equal(view.status, 404);
    assert.doesNotMatch(view.text, /Geheim voor anderen/);
    assert.equal((await agent.get(`/reports/${id}/submitted`)).status, 404);
    const token = await csrfToken(agent, '/reports');
    const add = await agent
      .post(`/reports/${id}/additions`)
      .type('form')
      .send({ _csrf: token, text: 'ingebroken' });
    assert.equal(add.status, 404);
    assert.equal(await IncidentEvent.countDocuments({ incidentId: id, kind: 'addition' }), 0);
    const list = await agent.get('/reports');
    assert.doesNotMatch(list.text, /Geheim voor anderen/);
    assert.ok(
      await AuditEntry.exists({
        action: 'incident.view',
        'object.id': id,
        'actor.id': other.id,
        result: 'denied',
      }),
    );
    assert.equal((await agent.get('/reports/not-an-id')).status, 404);
  });
});
