// Issue 13, retention: the preview of what the retention sweep will delete (with counts) and the
// legal holds — only privacy officers and administrators; placing and lifting a hold are audited;
// Dutch and English.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn } from '../helpers/http.js';
import { contacts, insertPersons, makeIncident } from '../helpers/notices.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { RetentionHold } from '../../models/retention-hold.model.js';

const YEAR = 365 * 86_400_000;

describe('http: the retention page', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ REGISTER_RETENTION_YEARS: '5' }, '2041-06-01T10:00:00Z');
  });

  it('when a reporter or a ministry liaison asks for the page or posts a hold, then it is refused', async () => {
    const reporter = await makeUser('reporter');
    const incident = await makeIncident(reporter, new Date('2030-01-01T00:00:00Z'), {
      status: 'closed',
      closedAt: new Date('2030-01-01T00:00:00Z'),
    });
    for (const role of ['reporter', 'ministry_liaison'] as const) {
      const agent = await signIn(t.app, await makeUser(role));
      const page = await agent.get('/admin/retention');
      assert.equal(page.status, 403, role);
      const home = await agent.get('/');
      const token = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1] ?? '';
      const post = await agent
        .post('/admin/retention/holds')
        .type('form')
        .send({ _csrf: token, reference: incident.reference, reason: 'niet toegestaan' });
      assert.equal(post.status, 403, role);
      // Refused for the role, not for the form token.
      assert.match(post.text, /U heeft geen toegang tot deze pagina/);
    }
    assert.equal(await RetentionHold.countDocuments({ _id: incident._id }), 0);
  });

  it('when a privacy officer opens the page, then incidents past retention are listed with counts, recent ones are not, and viewing is audited', async () => {
    const reporter = await makeUser('reporter');
    const now = t.clock.now();
    const old = await makeIncident(reporter, new Date(now.getTime() - 9 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 6 * YEAR),
    });
    await insertPersons(old._id, contacts(3, `ret-${Date.now()}.test`), reporter.id, now);
    const recent = await makeIncident(reporter, new Date(now.getTime() - 9 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 2 * YEAR),
    });
    const officer = await makeUser('privacy_officer');
    const po = await signIn(t.app, officer);
    const page = await po.get('/admin/retention');
    assert.equal(page.status, 200);
    assert.match(page.text, /Bewaartermijn van het register/);
    assert.match(page.text, /5 jaar na het sluiten/);
    const row =
      new RegExp(`<tr data-reference="${old.reference}">[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
    assert.ok(row, 'the expired incident is listed');
    assert.match(row, /<td>3<\/td>/, 'three affected persons');
    assert.match(row, /Wordt verwijderd/);
    assert.doesNotMatch(page.text, new RegExp(recent.reference), 'within retention: not listed');
    assert.ok(await AuditEntry.exists({ action: 'register.retention.preview', 'actor.id': officer.id }));

    const english = await signIn(t.app, await makeUser('admin', { language: 'en' }));
    const en = await english.get('/admin/retention');
    assert.equal(en.status, 200);
    assert.match(en.text, /Retention of the register/);
    assert.match(en.text, /Will be deleted/);
  });

  it('when an officer places a hold with a reason and an administrator lifts it, then the page shows it, a second hold is refused with a message, and both steps are audited', async () => {
    const reporter = await makeUser('reporter');
    const now = t.clock.now();
    const incident = await makeIncident(reporter, new Date(now.getTime() - 9 * YEAR), {
      status: 'closed',
      closedAt: new Date(now.getTime() - 6 * YEAR),
    });
    const officer = await makeUser('privacy_officer');
    const po = await signIn(t.app, officer);
    const placed = await postForm(po, '/admin/retention', '/admin/retention/holds', {
      reference: incident.reference,
      reason: 'Onderzoek door de toezichthouder',
    });
    assert.equal(placed.status, 303);
    const after = await po.get('/admin/retention');
    assert.match(after.text, /Het incident is vastgezet/);
    assert.match(
      new RegExp(`<tr data-reference="${incident.reference}">[\\s\\S]*?</tr>`).exec(after.text)?.[0] ?? '',
      /Vastgezet: Onderzoek door de toezichthouder/,
    );
    assert.match(after.text, new RegExp(`data-hold="${incident.reference}"`));

    await postForm(po, '/admin/retention', '/admin/retention/holds', {
      reference: incident.reference,
      reason: 'Nog een keer',
    });
    assert.match((await po.get('/admin/retention')).text, /Dit incident is al vastgezet/);
    await postForm(po, '/admin/retention', '/admin/retention/holds', {
      reference: 'DL-1999-0001',
      reason: 'Bestaat niet',
    });
    assert.match((await po.get('/admin/retention')).text, /Er is geen incident met dit kenmerk/);
    await postForm(po, '/admin/retention', '/admin/retention/holds', {
      reference: incident.reference,
      reason: '',
    });
    assert.match((await po.get('/admin/retention')).text, /Vul het kenmerk en een reden in/);

    const admin = await makeUser('admin');
    const ad = await signIn(t.app, admin);
    const lifted = await postForm(
      ad,
      '/admin/retention',
      `/admin/retention/holds/${String(incident._id)}/lift`,
      { reason: 'Onderzoek afgerond' },
    );
    assert.equal(lifted.status, 303);
    assert.equal(await RetentionHold.countDocuments({ _id: incident._id }), 0);
    assert.doesNotMatch(
      (await ad.get('/admin/retention')).text,
      new RegExp(`data-hold="${incident.reference}"`),
    );

    const trail = await AuditEntry.find({
      'object.id': String(incident._id),
      action: /^register\.retention\.(hold|release)$/,
    })
      .sort({ seq: 1 })
      .lean();
    assert.deepEqual(
      trail.map((e) => [e.action, e.actor?.kind === 'user' ? e.actor.id : null]),
      [
        ['register.retention.hold', officer.id],
        ['register.retention.release', admin.id],
      ],
    );
    assert.equal((trail[1]!.details as { reason: string }).reason, 'Onderzoek afgerond');
  });
});
