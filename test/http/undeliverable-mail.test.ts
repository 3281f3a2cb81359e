// Issue 11 item 13: internal mail that the server keeps refusing does not die silently. After its
// attempts it is listed for administrators (a banner on their pages says how many), and once the
// cause is fixed it can be sent again; a message that can never be composed cannot.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { clearCollections } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn } from '../helpers/http.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createSmtpChannel } from '../../notifications/channels/smtp.channel.js';
import { enqueueMail } from '../../notifications/outbox.js';
import { createMailWorker } from '../../notifications/worker.js';
import { createLogger } from '../../server/logger.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';

describe('http: undelivered internal mail', function () {
  this.timeout(60_000);
  let t: TestApp;
  let sink: SmtpSink;
  before(async () => {
    t = await buildTestApp();
    sink = await startSmtpSink();
    await clearCollections('OutboxMessage', 'OutboxClaim', 'OutboxDue');
  });
  after(() => sink.close());

  const alert = (key: string, to: string) =>
    enqueueMail(
      {
        key,
        template: 'report-alert',
        lang: 'nl',
        to: [to],
        data: {
          reference: 'DL-2026-0777',
          link: 'https://meldpunt.example/register/1',
          reportedAt: t.clock.now().toISOString(),
        },
      },
      t.clock.now(),
    );

  it('when an alert to the privacy officer is refused on every attempt, then admins see it, with its subject, and can send it again once the server is fixed', async () => {
    sink.reject({ recipient: 'fg@example.test', code: 550, message: 'mailbox unavailable' });
    await alert('alert:undeliverable-1', 'fg@example.test');
    const worker = createMailWorker({
      channel: createSmtpChannel({ url: sink.url }),
      clock: t.clock,
      logger: createLogger('silent'),
      from: 'Meldpunt <m@example.test>',
      retryPolicy: { baseDelayMs: 1000, factor: 1, maxDelayMs: 1000, maxAttempts: 3 },
    });
    for (let i = 0; i < 3; i++) {
      await worker.runOnce();
      t.clock.advance(1000);
    }
    const stored = await OutboxMessage.findOne({ key: 'alert:undeliverable-1' }).lean();
    assert.equal(stored?.status, 'failed');
    assert.equal(stored?.failureReason, 'permanent');

    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const page = await agent.get('/admin/undeliverable');
    assert.equal(page.status, 200);
    assert.match(page.text, /Onbezorgde e-mail/);
    assert.match(page.text, /fg@example\.test/);
    assert.match(page.text, /DL-2026-0777/, 'the subject of the mail is shown, not its template name');
    assert.doesNotMatch(page.text, /report-alert/);
    assert.match(page.text, /De mailserver weigerde het bericht bij elke poging/);
    assert.match(page.text, /mailbox unavailable/);
    const home = await agent.get('/');
    assert.match(home.text, /Er is 1 e-mailbericht niet bezorgd/);

    const officer = await signIn(t.app, await makeUser('privacy_officer'));
    assert.equal((await officer.get('/admin/undeliverable')).status, 403);

    sink.reset();
    const retried = await postForm(
      agent,
      '/admin/undeliverable',
      `/admin/undeliverable/${String(stored?._id)}/retry`,
      {},
    );
    assert.equal(retried.status, 303);
    assert.equal((await OutboxMessage.findById(stored?._id).lean())?.status, 'pending');
    assert.equal((await worker.runOnce()).sent, 1);
    const [mail] = await sink.waitFor(1);
    assert.deepEqual(mail?.to, ['fg@example.test']);
    assert.ok(
      await AuditEntry.exists({
        action: 'mail.retry',
        'object.id': String(stored?._id),
        'actor.id': admin.id,
      }),
    );
    const after = await agent.get('/admin/undeliverable');
    assert.match(after.text, /Alle e-mail is bezorgd/);
    assert.doesNotMatch((await agent.get('/')).text, /niet bezorgd/);
  });

  it('when a message can never be composed, then it is listed without a retry button and a forged retry is refused', async () => {
    const { message } = await alert('alert:undeliverable-2', 'fg@example.test');
    await OutboxMessage.updateOne({ _id: message._id }, { $set: { data: { reference: 'DL-2026-0778' } } });
    const worker = createMailWorker({
      channel: t.mail,
      clock: t.clock,
      logger: createLogger('silent'),
      from: 'Meldpunt <m@example.test>',
    });
    assert.equal((await worker.runOnce()).failed, 1);
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const page = await agent.get('/admin/undeliverable');
    assert.match(page.text, /kan niet worden opgemaakt/);
    assert.doesNotMatch(page.text, new RegExp(`/admin/undeliverable/${String(message._id)}/retry`));
    const forged = await postForm(
      agent,
      '/admin/undeliverable',
      `/admin/undeliverable/${String(message._id)}/retry`,
      {},
    );
    assert.equal(forged.status, 409);
    assert.equal((await OutboxMessage.findById(message._id).lean())?.status, 'failed');
    const missing = await postForm(agent, '/admin/undeliverable', '/admin/undeliverable/not-an-id/retry', {});
    assert.equal(missing.status, 404);
  });
});
