// Claims by unique insert (architecture.md §4) under contention: workers with their own SMTP
// connections race over the same messages on the embedded FerretDB, where a status flip by
// findOneAndUpdate would let two of them win.
import assert from 'node:assert/strict';
import { startTestDatabase, clearCollections } from '../../helpers/db.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { createLogger } from '../../../server/logger.js';
import { createSmtpChannel } from '../../../notifications/channels/smtp.channel.js';
import type { MailChannel } from '../../../notifications/channels/channel.js';
import { enqueueMail, messageIdForKey } from '../../../notifications/outbox.js';
import { createMailWorker, type MailWorker } from '../../../notifications/worker.js';
import { OutboxMessage } from '../../../models/outbox-message.model.js';
import { OutboxClaim } from '../../../models/outbox-claim.model.js';

const logger = createLogger('silent');
const COUNT = 50;

describe('outbox: concurrent workers', function () {
  this.timeout(120_000);
  let sink: SmtpSink;
  let channels: MailChannel[];
  let clock: FakeClock;

  before(async () => {
    await startTestDatabase();
    sink = await startSmtpSink();
  });
  beforeEach(async () => {
    await clearCollections('OutboxMessage', 'OutboxClaim', 'OutboxDue');
    sink.reset();
    clock = new FakeClock('2026-01-05T09:00:00Z');
    channels = [];
  });
  afterEach(async () => {
    await Promise.all(channels.map((c) => c.close()));
  });
  after(async () => {
    await sink.close();
  });

  function workers(n: number): MailWorker[] {
    return Array.from({ length: n }, (_, i) => {
      const channel = createSmtpChannel({ url: sink.url });
      channels.push(channel);
      return createMailWorker({
        channel,
        clock,
        logger,
        from: 'meldpunt@example.nl',
        workerId: `w${i}`,
        batchSize: 100,
        concurrency: 5,
      });
    });
  }

  async function enqueueAll(): Promise<string[]> {
    const keys = Array.from(
      { length: COUNT },
      (_, i) => `report-alert:DL-1999-${String(i + 1).padStart(4, '0')}`,
    );
    for (const key of keys) {
      const reference = key.split(':')[1]!;
      await enqueueMail(
        {
          key,
          template: 'report-alert',
          lang: 'en',
          to: ['privacy@example.nl'],
          data: { reference, link: `https://m.example.nl/i/${reference}`, reportedAt: clock.now() },
        },
        clock.now(),
      );
    }
    return keys;
  }

  async function assertEachDeliveredOnce(keys: string[]): Promise<void> {
    await sink.waitFor(COUNT, 20_000);
    // Give any duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    const ids = sink.messages.map((m) => m.messageId);
    assert.equal(ids.length, COUNT, 'no message delivered twice');
    assert.deepEqual(new Set(ids), new Set(keys.map(messageIdForKey)));
    const statuses = await OutboxMessage.find({}).select({ status: 1, attempts: 1 }).lean();
    assert.equal(statuses.length, COUNT);
    assert.ok(statuses.every((s) => s.status === 'sent' && s.attempts === 1));
  }

  it('when two workers run at once over 50 messages, then each message is delivered exactly once', async () => {
    const keys = await enqueueAll();
    const [a, b] = workers(2);
    const [ra, rb] = await Promise.all([a!.runOnce(), b!.runOnce()]);

    assert.equal(ra.sent + rb.sent, COUNT);
    assert.equal(ra.due, COUNT);
    assert.equal(rb.due, COUNT);
    assert.equal(ra.skipped + rb.skipped, COUNT, 'every message was skipped by the worker that lost it');
    await assertEachDeliveredOnce(keys);
    // Both raced for the same rows; a loser either saw a held claim or lost the insert.
    assert.ok((await OutboxClaim.countDocuments({})) >= COUNT);
  });

  it('when four workers run repeatedly over 50 messages, then each message is still delivered exactly once', async () => {
    const keys = await enqueueAll();
    const ws = workers(4);
    for (let round = 0; round < 3; round++) await Promise.all(ws.map((w) => w.runOnce()));
    await assertEachDeliveredOnce(keys);
  });
});
