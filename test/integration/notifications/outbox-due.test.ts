// The due markers the mail worker polls (models/outbox-due.model.ts) on the embedded database,
// sending to a real SMTP server: a marker for every message still to send, none for a final one,
// moved with every retry; pending messages stored without a marker (by an earlier version, or
// left by a crash) are found and sent; markers whose message is gone or final are removed.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase, clearCollections } from '../../helpers/db.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { createLogger } from '../../../server/logger.js';
import { createSmtpChannel } from '../../../notifications/channels/smtp.channel.js';
import type { MailChannel } from '../../../notifications/channels/channel.js';
import { enqueueMail, messageIdForKey } from '../../../notifications/outbox.js';
import { OUTBOX_FROM, receiptMail } from '../../helpers/outbox-mail.js';
import { createMailWorker } from '../../../notifications/worker.js';
import { restoreDueMarkers } from '../../../notifications/outbox-due.js';
import { OutboxMessage } from '../../../models/outbox-message.model.js';
import { OutboxDue } from '../../../models/outbox-due.model.js';

const logger = createLogger('silent');
const LEASE_MS = 5 * 60_000;

/** An outbox message as an earlier version stored it: no due marker. */
async function storedWithoutMarker(
  reference: string,
  fields: Record<string, unknown>,
  now: Date,
): Promise<Types.ObjectId> {
  const key = `report-receipt:${reference}`;
  const doc = await OutboxMessage.create({
    key,
    kind: 'transactional',
    template: 'report-receipt',
    lang: 'nl',
    to: ['melder@example.nl'],
    data: { reference, link: `https://meldpunt.example.nl/incidents/${reference}`, reportedAt: now },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    claimGeneration: 0,
    messageId: messageIdForKey(key),
    createdAt: now,
    updatedAt: now,
    ...fields,
  });
  return doc._id;
}

const markerOf = async (id: Types.ObjectId) => (await OutboxDue.findById(id).lean())?.dueAt ?? null;

describe('outbox: due markers', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let smtp: MailChannel;
  let clock: FakeClock;

  const worker = () =>
    createMailWorker({ channel: smtp, clock, logger, from: OUTBOX_FROM, workerId: 'w', leaseMs: LEASE_MS });

  before(async () => {
    await startTestDatabase();
    sink = await startSmtpSink();
    smtp = createSmtpChannel({ url: sink.url });
  });
  beforeEach(async () => {
    await clearCollections('OutboxMessage', 'OutboxClaim', 'OutboxDue');
    sink.reset();
    clock = new FakeClock('2026-02-02T09:00:00Z');
  });
  after(async () => {
    await smtp.close();
    await sink.close();
  });

  it('when a mail is enqueued, refused once and then delivered, then its marker follows it: due now, moved to the retry, gone once sent', async () => {
    const later = new Date(clock.now().getTime() + 3_600_000);
    const { message } = await enqueueMail({ ...receiptMail('DL-1999-0101'), notBefore: later }, clock.now());
    assert.deepEqual(await markerOf(message._id), later, 'due when it may be sent');
    const again = await enqueueMail(receiptMail('DL-1999-0101'), clock.now());
    assert.equal(again.created, false);
    assert.equal(await OutboxDue.countDocuments({}), 1, 'enqueuing the same intent again leaves one marker');

    const w = worker();
    assert.equal((await w.runOnce()).due, 0, 'not due yet');
    clock.set(later);
    sink.reject({ recipient: 'melder@example.nl', code: 451, times: 1 });
    assert.equal((await w.runOnce()).retried, 1);
    const retryAt = (await OutboxMessage.findById(message._id).lean())!.nextAttemptAt;
    assert.ok(retryAt.getTime() > later.getTime());
    assert.deepEqual(await markerOf(message._id), retryAt, 'moved to the next attempt');

    clock.set(retryAt);
    assert.equal((await w.runOnce()).sent, 1);
    assert.equal(await markerOf(message._id), null, 'a sent mail has no marker');
    assert.equal((await sink.waitFor(1)).length, 1);
  });

  it('when invalid input is refused, then no marker is left behind', async () => {
    await assert.rejects(
      enqueueMail({ ...receiptMail('DL-1999-0102'), to: ['not-an-address'] }, clock.now()),
    );
    assert.equal(await OutboxDue.countDocuments({}), 0);
    assert.equal(await OutboxMessage.countDocuments({}), 0);
  });

  it('when pending mails were stored without markers (an earlier version, a crash), then the first run finds and sends them, and a send abandoned by a dead worker is taken over once its lease ran out', async () => {
    const now = clock.now();
    const pending = await storedWithoutMarker('DL-1999-0103', {}, now);
    const abandoned = await storedWithoutMarker(
      'DL-1999-0104',
      { status: 'sending', attempts: 1, leaseUntil: new Date(now.getTime() + 60_000) },
      now,
    );
    const sent = await storedWithoutMarker('DL-1999-0105', { status: 'sent', attempts: 1, sentAt: now }, now);

    const w = worker();
    const first = await w.runOnce();
    assert.equal(first.sent, 1, 'the pending one is sent at once');
    assert.equal((await OutboxMessage.findById(pending).lean())!.status, 'sent');
    assert.deepEqual(await markerOf(abandoned), new Date(now.getTime() + 60_000), 'due when its lease ends');
    assert.equal(await markerOf(sent), null, 'a final message gets no marker');

    clock.set(new Date(now.getTime() + 61_000));
    assert.equal((await w.runOnce()).sent, 1, 'the abandoned send is taken over');
    assert.equal((await OutboxMessage.findById(abandoned).lean())!.status, 'sent');
    assert.equal(await OutboxDue.countDocuments({}), 0);
    assert.equal(await restoreDueMarkers(), 0, 'nothing left to restore');
    const received = await sink.waitFor(2);
    assert.deepEqual(received.map((m) => m.subject).sort(), [
      'Ontvangstbevestiging melding datalek DL-1999-0103',
      'Ontvangstbevestiging melding datalek DL-1999-0104',
    ]);
  });

  it('when a marker names a message that is gone or already final, then the worker removes it and sends nothing', async () => {
    const now = clock.now();
    const sent = await storedWithoutMarker('DL-1999-0106', { status: 'sent', attempts: 1, sentAt: now }, now);
    await OutboxDue.create({ _id: sent, dueAt: now });
    await OutboxDue.create({ _id: new Types.ObjectId(), dueAt: now });
    const w = worker();
    const run = await w.runOnce();
    assert.equal(run.due, 2);
    assert.equal(run.skipped, 2);
    assert.equal(run.sent, 0);
    assert.equal(await OutboxDue.countDocuments({}), 0);
    assert.equal(sink.messages.length, 0);
  });
});
