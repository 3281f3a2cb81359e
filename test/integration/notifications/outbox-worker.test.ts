// The outbox and its worker on the embedded database, sending to a real SMTP server (the sink):
// idempotent enqueue, retries with back-off, final failures, and takeover of an expired claim.
import assert from 'node:assert/strict';
import { startTestDatabase, clearCollections } from '../../helpers/db.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { createLogger } from '../../../server/logger.js';
import { createSmtpChannel } from '../../../notifications/channels/smtp.channel.js';
import { FakeMailChannel } from '../../helpers/fake-mail-channel.js';
import type { MailChannel } from '../../../notifications/channels/channel.js';
import { enqueueMail, messageIdForKey } from '../../../notifications/outbox.js';
import { OUTBOX_FROM, receiptMail } from '../../helpers/outbox-mail.js';
import { createMailWorker, type MailWorkerOptions } from '../../../notifications/worker.js';
import { OutboxMessage, type OutboxMessageDoc } from '../../../models/outbox-message.model.js';
import { OutboxClaim } from '../../../models/outbox-claim.model.js';

const logger = createLogger('silent');
const LEASE_MS = 5 * 60_000;

async function stored(key: string): Promise<OutboxMessageDoc> {
  const doc = await OutboxMessage.findOne({ key }).lean<OutboxMessageDoc>();
  assert.ok(doc, `outbox message ${key} exists`);
  return doc;
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('outbox and mail worker', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let smtp: MailChannel;
  let clock: FakeClock;
  let sentHook: OutboxMessageDoc[];
  let failedHook: OutboxMessageDoc[];

  const worker = (overrides: Partial<MailWorkerOptions> = {}) =>
    createMailWorker({
      channel: smtp,
      clock,
      logger,
      from: OUTBOX_FROM,
      workerId: 'worker-a',
      leaseMs: LEASE_MS,
      onSent: (m) => void sentHook.push(m),
      onFailed: (m) => void failedHook.push(m),
      ...overrides,
    });

  before(async () => {
    await startTestDatabase();
    sink = await startSmtpSink();
    smtp = createSmtpChannel({ url: sink.url });
  });
  beforeEach(async () => {
    await clearCollections('OutboxMessage', 'OutboxClaim', 'OutboxDue');
    sink.reset();
    clock = new FakeClock('2026-01-05T09:00:00Z');
    sentHook = [];
    failedHook = [];
  });
  after(async () => {
    await smtp.close();
    await sink.close();
  });

  it('when the same mail is enqueued twice with one key, then one message is stored and sent once', async () => {
    const first = await enqueueMail(receiptMail('DL-1999-0007'), clock.now());
    const again = await enqueueMail(receiptMail('DL-1999-0007'), clock.now());
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(String(again.message._id), String(first.message._id));
    assert.equal(await OutboxMessage.countDocuments({ key: 'report-receipt:DL-1999-0007' }), 1);

    const w = worker();
    assert.deepEqual(await w.runOnce(), { due: 1, sent: 1, retried: 0, failed: 0, dead: 0, skipped: 0 });
    assert.deepEqual(await w.runOnce(), { due: 0, sent: 0, retried: 0, failed: 0, dead: 0, skipped: 0 });

    const [got] = await sink.waitFor(1);
    assert.equal(sink.messages.length, 1);
    assert.equal(got!.messageId, messageIdForKey('report-receipt:DL-1999-0007'));
    assert.match(got!.messageId, /^<[0-9a-f]{64}@meldpunt>$/);
    assert.equal(got!.subject, 'Ontvangstbevestiging melding datalek DL-1999-0007');
    assert.match(got!.text, /https:\/\/meldpunt\.example\.nl\/incidents\/DL-1999-0007/);
    assert.deepEqual(got!.to, ['melder@example.nl']);

    const doc = await stored('report-receipt:DL-1999-0007');
    assert.equal(doc.status, 'sent');
    assert.equal(doc.attempts, 1);
    assert.deepEqual(doc.sentAt, clock.now());
    assert.equal(sentHook.length, 1);
    assert.equal(sentHook[0]!.key, 'report-receipt:DL-1999-0007');
    assert.equal(sentHook[0]!.status, 'sent');
  });

  it('when twenty requests enqueue the same key at once, then exactly one message is stored', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => enqueueMail(receiptMail('DL-1999-0008'), clock.now())),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => String(r.message._id))).size, 1);
    assert.equal(await OutboxMessage.countDocuments({ key: 'report-receipt:DL-1999-0008' }), 1);
  });

  it('when recipients or template data are invalid, then nothing is enqueued', async () => {
    await assert.rejects(
      enqueueMail({ ...receiptMail('DL-1999-0009'), to: ['not-an-address'] }, clock.now()),
    );
    await assert.rejects(enqueueMail({ ...receiptMail('DL-1999-0009'), to: [] }, clock.now()));
    await assert.rejects(
      enqueueMail(
        {
          ...receiptMail('DL-1999-0009'),
          data: {
            reference: 'DL-1999-0009',
            link: 'https://x.nl',
            reportedAt: new Date(),
            password: 'x',
          } as never,
        },
        clock.now(),
      ),
    );
    assert.equal(await OutboxMessage.countDocuments({}), 0);
  });

  it('when the server answers 4xx once, then the message waits out the back-off and is then delivered', async () => {
    await enqueueMail(receiptMail('DL-1999-0010', 'busy@example.nl'), clock.now());
    sink.reject({ recipient: 'busy@example.nl', code: 451, times: 1 });
    const w = worker();

    assert.equal((await w.runOnce()).retried, 1);
    let doc = await stored('report-receipt:DL-1999-0010');
    assert.equal(doc.status, 'pending');
    assert.equal(doc.attempts, 1);
    assert.match(doc.lastError ?? '', /451/);
    assert.deepEqual(doc.nextAttemptAt, new Date(clock.now().getTime() + 60_000));

    clock.advance(59_000);
    assert.equal((await w.runOnce()).due, 0, 'not due before the back-off has passed');
    assert.equal(sink.messages.length, 0);

    clock.advance(1_000);
    assert.equal((await w.runOnce()).sent, 1);
    await sink.waitFor(1);
    doc = await stored('report-receipt:DL-1999-0010');
    assert.equal(doc.status, 'sent');
    assert.equal(doc.attempts, 2);
    assert.deepEqual(doc.sentAt, clock.now());
    assert.equal(sink.messages.length, 1);
    assert.equal(sentHook.length, 1);
    assert.equal(await OutboxClaim.countDocuments({ messageId: doc._id }), 2, 'one claim per attempt');
  });

  it('when the server refuses with 5xx and is repaired later, then the mail waits out the back-off and is delivered (issue 11 item 13)', async () => {
    await enqueueMail(receiptMail('DL-1999-0011', 'fg@example.nl'), clock.now());
    // A relay or mailbox problem on the server's side: refused twice, then repaired.
    sink.reject({ recipient: 'fg@example.nl', code: 550, times: 2 });
    const w = worker();

    assert.equal((await w.runOnce()).retried, 1);
    let doc = await stored('report-receipt:DL-1999-0011');
    assert.equal(doc.status, 'pending');
    assert.match(doc.lastError ?? '', /550/);
    clock.advance(60_000);
    assert.equal((await w.runOnce()).retried, 1);
    clock.advance(120_000);
    assert.equal((await w.runOnce()).sent, 1);
    await sink.waitFor(1);
    doc = await stored('report-receipt:DL-1999-0011');
    assert.equal(doc.status, 'sent');
    assert.equal(doc.attempts, 3);
    assert.equal(failedHook.length, 0);
  });

  it('when the server refuses with 5xx on every attempt, then the message ends failed after the last attempt, kept', async () => {
    await enqueueMail(receiptMail('DL-1999-0019', 'gone@example.nl'), clock.now());
    sink.reject({ recipient: 'gone@example.nl', code: 550 });
    const w = worker({ retryPolicy: { baseDelayMs: 1000, factor: 2, maxDelayMs: 10_000, maxAttempts: 3 } });

    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      clock.advance(10_000);
    }
    clock.advanceHours(48);
    assert.equal((await w.runOnce()).due, 0);
    const doc = await stored('report-receipt:DL-1999-0019');
    assert.equal(doc.status, 'failed');
    assert.equal(doc.attempts, 3);
    assert.match(doc.lastError ?? '', /550/);
    assert.ok(doc.failedAt);
    assert.equal(sink.messages.length, 0);
    assert.deepEqual(
      failedHook.map((m) => m.status),
      ['failed'],
    );
  });

  it('when temporary failures use up the attempts, then the message is dead and kept', async () => {
    await enqueueMail(receiptMail('DL-1999-0012', 'busy@example.nl'), clock.now());
    sink.reject({ recipient: 'busy@example.nl', code: 421 });
    const w = worker({ retryPolicy: { baseDelayMs: 1000, factor: 2, maxDelayMs: 10_000, maxAttempts: 3 } });

    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      clock.advance(10_000);
    }
    assert.equal((await w.runOnce()).due, 0);
    const doc = await stored('report-receipt:DL-1999-0012');
    assert.equal(doc.status, 'dead');
    assert.equal(doc.attempts, 3);
    assert.equal(sink.messages.length, 0);
    assert.deepEqual(
      failedHook.map((m) => m.status),
      ['dead'],
    );
  });

  it('when a worker claimed a message and died, then another worker takes over after the lease and the dead one cannot overwrite', async () => {
    await enqueueMail(receiptMail('DL-1999-0013'), clock.now());
    const hanging = new FakeMailChannel().hangNext();
    const dying = worker({ channel: hanging, workerId: 'worker-dies' });
    const survivor = worker({ workerId: 'worker-b' });

    const dyingRun = dying.runOnce(); // never settles while its send hangs
    await until(async () => (await stored('report-receipt:DL-1999-0013')).status === 'sending');

    assert.deepEqual(
      await survivor.runOnce(),
      { due: 0, sent: 0, retried: 0, failed: 0, dead: 0, skipped: 0 },
      'lease still held',
    );
    clock.advance(LEASE_MS - 1);
    assert.equal((await survivor.runOnce()).due, 0);
    assert.equal(sink.messages.length, 0);

    clock.advance(1);
    assert.equal((await survivor.runOnce()).sent, 1);
    await sink.waitFor(1);
    let doc = await stored('report-receipt:DL-1999-0013');
    assert.equal(doc.status, 'sent');
    assert.equal(doc.workerId, 'worker-b');
    assert.equal(doc.claimGeneration, 2);
    assert.equal(doc.attempts, 2, 'the lost attempt counts');
    const claims = await OutboxClaim.find({ messageId: doc._id }).sort({ generation: 1 }).lean();
    assert.deepEqual(
      claims.map((c) => [c.generation, c.workerId]),
      [
        [1, 'worker-dies'],
        [2, 'worker-b'],
      ],
    );

    // The "dead" worker comes back: its send fails late, but it no longer owns the message.
    hanging.releaseHung();
    assert.equal((await dyingRun).skipped, 1);
    doc = await stored('report-receipt:DL-1999-0013');
    assert.equal(doc.status, 'sent');
    assert.equal(doc.workerId, 'worker-b');
    assert.equal(sink.messages.length, 1);
  });

  it('when stored data no longer fits its email type, then the message fails permanently', async () => {
    const { message } = await enqueueMail(receiptMail('DL-1999-0014'), clock.now());
    await OutboxMessage.updateOne({ _id: message._id }, { $set: { data: { reference: 'DL-1999-0014' } } });
    assert.equal((await worker().runOnce()).failed, 1);
    const doc = await stored('report-receipt:DL-1999-0014');
    assert.equal(doc.status, 'failed');
    assert.match(doc.lastError ?? '', /invalid template data/);
  });

  it('when the audit hook throws, then the mail is still recorded as sent and not sent again', async () => {
    await enqueueMail(receiptMail('DL-1999-0015'), clock.now());
    const w = worker({
      onSent: () => {
        throw new Error('audit down');
      },
    });
    assert.equal((await w.runOnce()).sent, 1);
    assert.equal((await w.runOnce()).due, 0);
    assert.equal((await stored('report-receipt:DL-1999-0015')).status, 'sent');
    assert.equal((await sink.waitFor(1)).length, 1);
  });

  it('when the worker loop is started, then it sends what is due and stop() waits for the run in progress', async () => {
    const memory = new FakeMailChannel();
    const w = worker({ channel: memory });
    await enqueueMail(receiptMail('DL-1999-0016'), clock.now());
    w.start(20);
    await until(() => Promise.resolve(memory.sent.length === 1));
    await enqueueMail(receiptMail('DL-1999-0017'), clock.now());
    await until(() => Promise.resolve(memory.sent.length === 2));
    await w.stop();
    await enqueueMail(receiptMail('DL-1999-0018'), clock.now());
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(memory.sent.length, 2, 'nothing is sent after stop()');
    assert.deepEqual(
      memory.sent.map((m) => m.messageId),
      [messageIdForKey('report-receipt:DL-1999-0016'), messageIdForKey('report-receipt:DL-1999-0017')],
    );
  });
});
