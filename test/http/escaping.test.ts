// Issue 3 "must hold": script or HTML typed into any free-text field is shown as text everywhere —
// the reporter's pages, the register, the audit page, the mails (which carry no free text at all)
// and the exports (text cells, never markup a browser would run).
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn } from '../helpers/http.js';
import { reportForm } from '../helpers/incidents.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { Incident } from '../../models/incident.model.js';
import { renderMail } from '../../notifications/templates.js';
import type { MailTemplateName } from '../../notifications/mail-types.js';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const RAW = /<script>alert|<img src=x/;
const ESCAPED =
  /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert\(1\)&gt;/;

describe('http: free text is shown as text everywhere', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, '2026-02-10T10:00:00Z');
  });

  it('when every free-text field holds script and HTML, then no page renders it as markup, mails carry none of it, and exports keep it as plain text', async () => {
    const reporter = await makeUser('reporter', { name: `Rep ${XSS}` });
    const officer = await makeUser('privacy_officer', { name: `PO ${XSS}` });
    const ragent = await signIn(t.app, reporter);
    const fields = [
      'summary',
      'dataDetail',
      'recipients',
      'systemsInvolved',
      'processorName',
      'otherEeaCountries',
      'measuresTaken',
    ];
    const body = reportForm({
      processorInvolved: 'yes',
      ...Object.fromEntries(fields.map((f) => [f, `${f}: ${XSS}`])),
    });
    const created = await postForm(ragent, '/reports/new', '/reports', body);
    assert.equal(created.status, 303, created.text.slice(0, 300));
    const id = /\/reports\/([0-9a-f]{24})\//.exec(created.headers.location!)![1]!;
    const incident = await Incident.findById(id).lean();
    for (const f of fields)
      assert.equal((incident as Record<string, unknown>)[f], `${f}: ${XSS}`, `${f} is stored as typed`);

    await postForm(ragent, `/reports/${id}`, `/reports/${id}/additions`, { text: `addition: ${XSS}` });
    const token = await csrfToken(ragent, `/reports/${id}`);
    const up = await ragent
      .post(`/incidents/${id}/attachments`)
      .field('_csrf', token)
      .attach('file', Buffer.from('tekst'), `${XSS}.txt`);
    assert.equal(up.status, 303);

    const po = await signIn(t.app, officer);
    await postForm(po, `/incidents/${id}`, `/incidents/${id}/triage`, {});
    await postForm(po, `/incidents/${id}`, `/incidents/${id}/awareness`, {
      awarenessAt: '2026-01-08T10:00',
      awarenessNote: `note: ${XSS}`,
    });
    await postForm(po, `/incidents/${id}`, `/incidents/${id}/not-a-breach`, { reason: `reason: ${XSS}` });
    const closed = await postForm(po, `/incidents/${id}`, `/incidents/${id}/close`, {
      closingMeasures: `measures: ${XSS}`,
      lessonsLearned: `lessons: ${XSS}`,
    });
    assert.equal(closed.status, 303);

    const pages = {
      'my reports': await ragent.get('/reports'),
      'my report': await ragent.get(`/reports/${id}`),
      confirmation: await ragent.get(`/reports/${id}/submitted`),
      register: await po.get(`/register?q=${encodeURIComponent(incident!.reference)}`),
      'incident page': await po.get(`/incidents/${id}`),
      'audit page': await po.get(`/admin/audit?ref=${incident!.reference}`),
    };
    for (const [name, res] of Object.entries(pages)) {
      assert.equal(res.status, 200, name);
      assert.doesNotMatch(res.text, RAW, `${name} renders markup from user input`);
      assert.match(res.text, ESCAPED, `${name} shows the text escaped`);
    }
    const detail = pages['incident page'].text;
    for (const label of [
      'summary',
      'dataDetail',
      'recipients',
      'systemsInvolved',
      'processorName',
      'otherEeaCountries',
      'measuresTaken',
      'addition',
      'note',
      'reason',
      'measures',
      'lessons',
    ]) {
      assert.match(
        detail,
        new RegExp(`${label}: &lt;script&gt;`),
        `${label} is on the incident page as text`,
      );
    }

    const mails = await OutboxMessage.find({ incidentId: id }).lean();
    assert.ok(mails.length >= 2, 'receipt and alert');
    for (const m of mails) {
      const rendered = renderMail(m.template as MailTemplateName, m.lang, m.data as never);
      for (const part of [rendered.subject, rendered.html, rendered.text]) {
        assert.doesNotMatch(part, /script|onerror|alert/i, `${m.template} carries no free text`);
      }
      assert.match(rendered.text, new RegExp(incident!.reference));
    }

    const csv = await po.get('/register/export.csv?year=2026');
    assert.equal(csv.headers['x-content-type-options'], 'nosniff');
    assert.match(csv.headers['content-disposition'] ?? '', /^attachment/);
    assert.ok(
      csv.text.includes(`"summary: <script>alert(""x"")</script><img src=x onerror=alert(1)>"`),
      'CSV keeps the text, quoted',
    );
    const json = await po.get('/register/export.json?year=2026');
    assert.match(String(json.headers['content-type']), /^application\/json/);
    const rec = (JSON.parse(json.text) as { records: Record<string, unknown>[] }).records.find(
      (r) => r.reference === incident!.reference,
    );
    assert.equal(rec?.lessonsLearned, `lessons: ${XSS}`);
  });
});
