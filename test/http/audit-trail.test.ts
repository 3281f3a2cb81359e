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

  it('when an administrator filters by incident reference or id, then only that incident\'s entries show (views, changes, attachments)', async () => {
    const reporter = await makeUser('reporter', { email: `rep-${Date.now()}@example.test` });
    const mine = await fileReport(reporter, t.clock.now());
    const other = await fileReport(reporter, t.clock.now());
    const officer = await makeUser('privacy_officer');
    const po = await signIn(t.app, officer);
    await po.get(`/incidents/${mine.id}`);
    await recordAudit({ actor: { kind: 'system', label: 'test' }, origin: { via: 'worker' }, action: 'attachment.download', object: { type: 'attachment', id: 'a1', ref: mine.reference }, details: { incidentId: mine.id } }, t.clock.now());
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

  it('when filtering by user, then only that user\'s actions show, by e-mail or id; browsing is itself audited', async () => {
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
    for (let i = 0; i < 55; i++) await recordAudit({ actor: { kind: 'system', label }, origin: { via: 'worker' }, action: 'test.page', object: { type: 'test', ref: `${label}-${i}` } }, t.clock.now());
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
    assert.equal(res.status, 200, /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? res.text.slice(0, 500));
    assert.match(res.text, /Het auditlogboek is intact/);
    assert.ok(await AuditEntry.exists({ action: 'audit.verify', 'actor.id': admin.id, result: 'success' }));
  });
});
