// Issue 3 item 6: the audit trail page — browse by incident or by user, paginated; reading it is
// audited; only administrators and privacy officers; administrators can check the chain.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn } from '../helpers/http.js';
import { fileReport } from '../helpers/incidents.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { recordAudit } from '../../server/audit/audit.service.js';

describe('http: the audit trail page', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it("when an administrator filters by incident reference or id, then only that incident's entries show (views, changes, attachments)", async () => {
    const reporter = await makeUser('reporter', { email: `rep-${Date.now()}@example.test` });
    const mine = await fileReport(reporter, t.clock.now());
    const other = await fileReport(reporter, t.clock.now());
    const officer = await makeUser('privacy_officer');
    const po = await signIn(t.app, officer);
    await po.get(`/incidents/${mine.id}`);
    await recordAudit(
      {
        actor: { kind: 'system', label: 'test' },
        origin: { via: 'worker' },
        action: 'attachment.download',
        object: { type: 'attachment', id: 'a1', ref: mine.reference },
        details: { incidentId: mine.id },
      },
      t.clock.now(),
    );
    const admin = await signIn(t.app, await makeUser('admin'));
    const byRef = await admin.get(`/admin/audit?ref=${mine.reference.toLowerCase()}`);
    assert.equal(byRef.status, 200);
    assert.match(byRef.text, /incident\.submit/);
    assert.match(byRef.text, /incident\.view/);
    assert.match(byRef.text, /attachment\.download/);
    assert.doesNotMatch(byRef.text, new RegExp(other.reference));
    const byId = await admin.get(`/admin/audit?ref=${mine.id}`);
    assert.match(byId.text, /incident\.submit/);
    assert.match(byId.text, /attachment\.download/);
    assert.doesNotMatch(byId.text, new RegExp(other.reference));
  });

  it("when filtering by user, then only that user's actions show, by e-mail or id; browsing is itself audited", async () => {
    const officer = await makeUser('privacy_officer');
    const r = await fileReport(await makeUser('reporter'), t.clock.now());
    const po = await signIn(t.app, officer);
    await po.get(`/incidents/${r.id}`);
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const byEmail = await agent.get(`/admin/audit?user=${encodeURIComponent(officer.email.toUpperCase())}`);
    assert.equal(byEmail.status, 200);
    assert.match(byEmail.text, new RegExp(r.reference));
    assert.match(byEmail.text, /auth\.login/);
    assert.doesNotMatch(byEmail.text, /incident\.submit/);
    const byId = await agent.get(`/admin/audit?user=${officer.id}&action=incident.view`);
    assert.match(byId.text, new RegExp(r.reference));
    assert.doesNotMatch(byId.text, /auth\.login/);
    assert.ok(await AuditEntry.exists({ action: 'audit.view', 'actor.id': admin.id }));
  });

  it('when there are more entries than a page, then it pages newest first', async () => {
    const label = `pager-${Date.now()}`;
    for (let i = 0; i < 55; i++)
      await recordAudit(
        {
          actor: { kind: 'system', label },
          origin: { via: 'worker' },
          action: 'test.page',
          object: { type: 'test', ref: `${label}-${i}` },
        },
        t.clock.now(),
      );
    const agent = await signIn(t.app, await makeUser('admin'));
    const first = await agent.get(`/admin/audit?user=${label}`);
    assert.match(first.text, /55 regel\(s\)/);
    assert.match(first.text, new RegExp(`${label}-54`));
    assert.doesNotMatch(first.text, new RegExp(`${label}-4<`));
    assert.match(first.text, /Pagina 1 van 2/);
    const next = /href="(\/admin\/audit\?[^"]*)" rel="next"/.exec(first.text);
    assert.ok(next, 'a link to the next page');
    const second = await agent.get(next[1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
    assert.match(second.text, new RegExp(`${label}-0<`));
    assert.doesNotMatch(second.text, new RegExp(`${label}-54`));
  });

  it('when a reporter opens the audit page, then 403; operator-shaped queries are refused with 400', async () => {
    const reporter = await signIn(t.app, await makeUser('reporter'));
    assert.equal((await reporter.get('/admin/audit')).status, 403);
    const admin = await signIn(t.app, await makeUser('admin'));
    assert.equal((await admin.get('/admin/audit?user[$ne]=x')).status, 400);
    assert.equal((await admin.get('/admin/audit?action=$where')).status, 400);
    const po = await signIn(t.app, await makeUser('privacy_officer'));
    assert.equal((await po.get('/admin/audit')).status, 200);
  });

  it('when an administrator checks the chain, then the result is shown and the check is audited', async () => {
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const res = await postForm(agent, '/admin/audit', '/admin/audit/verify', {});
    assert.equal(
      res.status,
      200,
      /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? res.text.slice(0, 500),
    );
    assert.match(res.text, /Het auditlogboek is intact/);
    assert.ok(await AuditEntry.exists({ action: 'audit.verify', 'actor.id': admin.id, result: 'success' }));
  });
});

describe('http: the audit trail reads as words, filters by kind and days, and exports a selection (issue 14 item 5)', function () {
  this.timeout(60_000);
  let t: TestApp;
  const tag = `sel-${Date.now()}`;
  before(async () => {
    t = await buildTestApp({}, '2026-07-01T08:00:00Z');
    const at = (iso: string) => new Date(iso);
    const entry = (action: string, iso: string, details?: Record<string, unknown>) =>
      recordAudit(
        {
          actor: { kind: 'system', label: tag },
          origin: { via: 'worker' },
          action,
          object: { type: 'test', ref: `${tag}-${action}-${iso}` },
          details,
        },
        at(iso),
      );
    // 22:30 UTC on 30 June is 00:30 on 1 July in Amsterdam (summer time): it belongs to 1 July.
    await entry('incident.view', '2026-06-30T21:30:00Z');
    await entry('incident.submit', '2026-06-30T22:30:00Z', {
      incidentId: 'x1',
      filter: { year: 2026, status: ['new', 'triage'] },
    });
    await entry('auth.login', '2026-07-02T21:59:00Z');
    await entry('incident.status', '2026-07-02T22:00:00Z', { note: '=HYPERLINK("http://example.test")' });
  });

  const rowsOf = (html: string) => [...html.matchAll(/<tr data-action="([a-z.-]+)">/g)].map((m) => m[1]);

  it('when an administrator opens the trail, then each action shows by its name (a link to that action’s lines) and the details as readable lines', async () => {
    const admin = await signIn(t.app, await makeUser('admin'));
    const page = await admin.get(`/admin/audit?user=${tag}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<tr data-action="incident\.submit">(?:(?!<\/tr>)[\s\S])*>Melding gedaan<\/a>/);
    assert.match(page.text, /<dt>incidentId<\/dt><dd>x1<\/dd>/);
    assert.match(page.text, /<dt>filter\.status<\/dt><dd>new, triage<\/dd>/);
    assert.doesNotMatch(page.text, /\{&quot;/, 'no JSON in the details');
    // The scrollable table can be reached with the keyboard (axe: scrollable-region-focusable).
    assert.match(
      page.text,
      /<div class="table-wrap" role="region" aria-label="Regels van het auditlogboek" tabindex="0">/,
    );
    // The kinds of action are offered by name.
    assert.match(page.text, /<option value="auth">Aanmelden<\/option>/);
  });

  it('when the administrator filters by kind of action and by Dutch calendar days, then only those lines show', async () => {
    const admin = await signIn(t.app, await makeUser('admin'));
    assert.deepEqual(rowsOf((await admin.get(`/admin/audit?user=${tag}&group=incident`)).text), [
      'incident.status',
      'incident.submit',
      'incident.view',
    ]);
    assert.deepEqual(rowsOf((await admin.get(`/admin/audit?user=${tag}&group=auth`)).text), ['auth.login']);
    // 1 and 2 July, Dutch time: from 30 June 22:00 UTC up to 2 July 22:00 UTC (exclusive).
    assert.deepEqual(
      rowsOf((await admin.get(`/admin/audit?user=${tag}&from=2026-07-01&to=2026-07-02`)).text),
      ['auth.login', 'incident.submit'],
    );
    assert.deepEqual(rowsOf((await admin.get(`/admin/audit?user=${tag}&to=2026-06-30`)).text), [
      'incident.view',
    ]);
    assert.deepEqual(rowsOf((await admin.get(`/admin/audit?user=${tag}&from=2026-07-03`)).text), [
      'incident.status',
    ]);
    // One action, from a click on its name.
    assert.deepEqual(rowsOf((await admin.get(`/admin/audit?user=${tag}&action=auth.login`)).text), [
      'auth.login',
    ]);
  });

  it('when the filter is wrong, then 400 with the reason at the field and the typed values kept', async () => {
    const admin = await signIn(t.app, await makeUser('admin'));
    const backwards = await admin.get(`/admin/audit?user=${tag}&from=2026-07-05&to=2026-07-01`);
    assert.equal(backwards.status, 400);
    assert.match(backwards.text, /De einddatum ligt vóór de begindatum\./);
    assert.match(backwards.text, /name="from" type="date" value="2026-07-05"/);
    assert.match(backwards.text, new RegExp(`name="user" maxlength="254" value="${tag}"`));
    assert.equal((await admin.get('/admin/audit?from=2026-02-31')).status, 400);
    assert.equal((await admin.get('/admin/audit?from=1-7-2026')).status, 400);
    assert.equal((await admin.get('/admin/audit?group=nonsense')).status, 400);
    assert.equal((await admin.get('/admin/audit/export.csv?group=nonsense')).status, 400);
  });

  it('when a privacy officer downloads the selection, then it is a Dutch spreadsheet CSV (BOM, ";", Dutch headers and names, formulas neutralised) and the download is audited', async () => {
    const officer = await makeUser('privacy_officer');
    const po = await signIn(t.app, officer);
    const res = await po
      .get(`/admin/audit/export.csv?user=${tag}&group=incident`)
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
      });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="auditlog-2026-07-01\.csv"/,
    );
    const body = res.body as string;
    assert.ok(
      body.startsWith('\uFEFF"Nr";"Tijdstip (Nederlandse tijd)";"Wie";"Rol";"Actie";"Actiecode";'),
      body.slice(0, 120),
    );
    const lines = body.slice(1).trim().split('\r\n');
    assert.equal(lines.length, 4, 'the header and the three incident lines, oldest first');
    assert.match(
      lines[1]!,
      new RegExp(`"2026-06-30 23:30:00";"${tag}";"";"Melding bekeken";"incident\\.view"`),
    );
    assert.match(
      lines[2]!,
      new RegExp(`"2026-07-01 00:30:00";"${tag}";"";"Melding gedaan";"incident\\.submit"`),
    );
    assert.match(lines[2]!, /"incidentId: x1; filter\.year: 2026; filter\.status: new, triage"/);
    assert.match(
      lines[3]!,
      /"Status gewijzigd";"incident\.status";.*"note: =HYPERLINK\(""http:\/\/example\.test""\)"/,
    );
    const audited = await AuditEntry.findOne({ action: 'audit.export', 'actor.id': officer.id }).lean();
    assert.ok(audited, 'the download is in the audit trail');
    assert.equal((audited.details as { total: number }).total, 3);
  });

  it('when a cell of the export starts like a formula, then it is prefixed so a spreadsheet shows it as text', async () => {
    await recordAudit(
      {
        actor: { kind: 'system', label: '=cmd|calc' },
        origin: { via: 'worker' },
        action: 'incident.view',
        object: { type: 'test', ref: `${tag}-formula` },
      },
      new Date('2026-07-01T09:00:00Z'),
    );
    const admin = await signIn(t.app, await makeUser('admin'));
    const res = await admin
      .get(`/admin/audit/export.csv?ref=${tag}-formula`)
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
      });
    const lines = (res.body as string).trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(lines[1]!, /;"'=cmd\|calc";/);
  });

  it('when the officer reads the trail in English, then names, headers and the CSV are English', async () => {
    const po = await signIn(t.app, await makeUser('privacy_officer', { language: 'en' }));
    const page = await po.get(`/admin/audit?user=${tag}`);
    assert.match(page.text, /<tr data-action="incident\.submit">(?:(?!<\/tr>)[\s\S])*>Report submitted<\/a>/);
    const csv = await po
      .get(`/admin/audit/export.csv?user=${tag}&group=auth`)
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
      });
    assert.ok(
      (csv.body as string).startsWith('\uFEFF"No";"Time (Dutch time)";"Who";"Role";"Action";"Action code";'),
    );
    assert.match(csv.body as string, /"Signed in";"auth\.login"/);
  });
});
