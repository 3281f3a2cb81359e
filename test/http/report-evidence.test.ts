// Issue 14 item 8: evidence can be attached on the report form itself, not only after sending.
// The fields come first and are checked first; nothing is stored from a refused form, and a
// refused file never costs the reporter the report.
import assert from 'node:assert/strict';
import type request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { reportForm } from '../helpers/incidents.js';
import { Attachment } from '../../models/attachment.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { Incident } from '../../models/incident.model.js';

/** The report form as a browser sends it with a file: every field first, the file last. */
function multipart(
  agent: Agent,
  token: string | undefined,
  fields: Record<string, string | string[]>,
  file?: { name: string; content: Buffer },
): request.Test {
  let req = agent.post('/reports');
  if (token !== undefined) req = req.field('_csrf', token);
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) req = req.field(k, one);
  return file ? req.attach('evidence', file.content, file.name) : req.field('evidence', '');
}

describe('http: evidence on the report form (issue 14 item 8)', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({}, '2026-01-06T10:00:00Z');
  });

  it('when a reporter sends the form with a file, then the report and its encrypted attachment are stored, audited, and the confirmation lists the file', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, '/reports/new');
    const summary = `Bewijs bij de melding ${Date.now()}`;
    const res = await multipart(agent, token, reportForm({ summary }), {
      name: 'doorgestuurde-mail.pdf',
      content: Buffer.from('%PDF-1.4\nbewijs bij de melding\n'),
    });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    const id = /\/reports\/([0-9a-f]{24})\/submitted$/.exec(res.headers.location ?? '')?.[1];
    assert.ok(id, res.headers.location);
    const incident = await Incident.findById(id).lean();
    assert.equal(incident?.summary, summary);
    assert.deepEqual(incident?.dataCategories, ['name_address', 'national_id'], 'every ticked box arrives');
    const stored = await Attachment.find({ incidentId: incident._id }).lean();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.filename, 'doorgestuurde-mail.pdf');
    assert.equal(stored[0]?.status, 'complete');
    assert.ok(
      await AuditEntry.exists({ action: 'attachment.upload', result: 'success', 'actor.id': reporter.id }),
    );
    const page = await agent.get(res.headers.location!);
    assert.match(page.text, /doorgestuurde-mail\.pdf is toegevoegd/);
    assert.match(page.text, /class="attachment-list"[\s\S]*doorgestuurde-mail\.pdf/);
  });

  it('when the form has errors, then it comes back with the typed values and a note to choose the file again; nothing is stored', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, '/reports/new');
    const before = await Incident.countDocuments({ reporterId: reporter.id });
    const summary = `Onvolledig ${Date.now()}`;
    const res = await multipart(agent, token, reportForm({ summary, measuresTaken: '' }), {
      name: 'foto.png',
      content: Buffer.from('\x89PNG\r\n\x1a\n0000'),
    });
    assert.equal(res.status, 400);
    assert.match(res.text, new RegExp(summary));
    assert.match(res.text, /id="evidence-error">Kies het bestand opnieuw/);
    assert.match(res.text, /id="measuresTaken-error"/);
    assert.equal(await Incident.countDocuments({ reporterId: reporter.id }), before);
  });

  it('when the file is refused (wrong type), then the report is still stored and the confirmation says why the file was not kept', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, '/reports/new');
    const res = await multipart(agent, token, reportForm(), {
      name: 'script.exe',
      content: Buffer.from('MZ not allowed'),
    });
    assert.equal(res.status, 303);
    const id = /\/reports\/([0-9a-f]{24})\/submitted$/.exec(res.headers.location ?? '')?.[1];
    assert.ok(await Incident.exists({ _id: id }), 'the report is kept');
    assert.equal(await Attachment.countDocuments({ incidentId: id, status: 'complete' }), 0);
    const page = await agent.get(res.headers.location!);
    assert.match(
      page.text,
      /Uw melding is ontvangen, maar de bijlage is niet bewaard: Dit bestandstype is niet toegestaan/,
    );
  });

  it('when the multipart form has no file or no valid CSRF token, then it works without the file, or is refused with 403 and nothing stored', async () => {
    const reporter = await makeUser('reporter');
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, '/reports/new');
    const without = await multipart(agent, token, reportForm());
    assert.equal(without.status, 303);
    const count = await Incident.countDocuments({ reporterId: reporter.id });
    assert.equal(
      (
        await multipart(agent, 'not-the-token', reportForm(), {
          name: 'a.pdf',
          content: Buffer.from('%PDF-1.4\nx\n'),
        })
      ).status,
      403,
    );
    assert.equal((await multipart(agent, undefined, reportForm())).status, 403);
    assert.equal(await Incident.countDocuments({ reporterId: reporter.id }), count);
  });
});
