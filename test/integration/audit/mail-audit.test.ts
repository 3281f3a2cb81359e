// Mails about incidents are audit-logged by the worker hooks, without recipients' addresses.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { enqueueMail } from '../../../notifications/outbox.js';
import { DEFAULT_RETRY_POLICY } from '../../../notifications/retry-policy.js';
import { createMailWorker } from '../../../notifications/worker.js';
import { FakeMailChannel } from '../../helpers/fake-mail-channel.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { createLogger } from '../../../server/logger.js';
import { mailAuditHooks } from '../../../server/audit/mail-audit.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';

describe('audit: mail sent and failed', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());

  it('when the worker sends or gives up on a mail, then a mail.sent or mail.failed entry names the incident but no address', async () => {
    const clock = new FakeClock();
    const incidentId = new Types.ObjectId();
    const channel = new FakeMailChannel();
    const key = `mail-audit-${incidentId.toHexString()}`;
    await enqueueMail(
      {
        key: `${key}-ok`,
        template: 'report-alert',
        lang: 'nl',
        to: ['fg@example.test'],
        incidentId: String(incidentId),
        data: {
          reference: 'DL-2026-0042',
          link: 'http://x.test/register/1',
          reportedAt: clock.now().toISOString(),
        },
      },
      clock.now(),
    );
    const worker = createMailWorker({
      channel,
      clock,
      logger: createLogger('silent'),
      from: 'Meldpunt <m@x.test>',
      ...mailAuditHooks(clock),
    });
    const lastChanceWorker = createMailWorker({
      channel,
      clock,
      logger: createLogger('silent'),
      from: 'Meldpunt <m@x.test>',
      retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
      ...mailAuditHooks(clock),
    });
    await worker.runOnce();
    const sent = await AuditEntry.findOne({ action: 'mail.sent', 'object.id': String(incidentId) }).lean();
    assert.ok(sent, 'no mail.sent audit entry');
    assert.equal(sent.object?.ref, `${key}-ok`);
    assert.doesNotMatch(JSON.stringify(sent), /fg@example\.test/);

    // Refused on its only attempt (a policy of one attempt): the mail ends failed.
    channel.failNext('permanent');
    await enqueueMail(
      {
        key: `${key}-bad`,
        template: 'report-alert',
        lang: 'nl',
        to: ['gone@example.test'],
        incidentId: String(incidentId),
        data: {
          reference: 'DL-2026-0042',
          link: 'http://x.test/register/1',
          reportedAt: clock.now().toISOString(),
        },
      },
      clock.now(),
    );
    await lastChanceWorker.runOnce();
    const failed = await AuditEntry.findOne({
      action: 'mail.failed',
      'object.id': String(incidentId),
    }).lean();
    assert.ok(failed, 'no mail.failed audit entry');
    assert.equal(failed.result, 'failure');
  });
});
