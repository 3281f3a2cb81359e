// The worker as wired into the app's background jobs: started from AppDeps, stopped cleanly.
import assert from 'node:assert/strict';
import { startTestDatabase, clearCollections } from '../../helpers/db.js';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeMailChannel } from '../../helpers/fake-mail-channel.js';
import { enqueueMail } from '../../../notifications/outbox.js';
import { startMailWorkerJob } from '../../../notifications/mail-worker-job.js';
import type { OutboxMessageDoc } from '../../../models/outbox-message.model.js';

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('mail worker job', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());
  beforeEach(() => clearCollections('OutboxMessage', 'OutboxClaim', 'OutboxDue'));

  const deps = (enabled: boolean) => ({
    config: loadConfig({
      WORKER_POLL_MS: '50',
      WORKER_ENABLED: String(enabled),
      MAIL_FROM: 'Meldpunt <mp@example.nl>',
    }),
    logger: createLogger('silent'),
    clock: new FakeClock(),
    mail: new FakeMailChannel(),
  });

  it('when the job runs, then due mail is sent from the configured address and the audit hook sees it', async () => {
    const d = deps(true);
    const audited: OutboxMessageDoc[] = [];
    const job = startMailWorkerJob(d, { onSent: (m) => void audited.push(m) });
    try {
      await enqueueMail(
        {
          key: 'user-welcome:u1',
          template: 'user-welcome',
          lang: 'en',
          to: ['new@example.nl'],
          data: { name: 'An', signInLink: 'https://m.example.nl/setup/t' },
        },
        d.clock.now(),
      );
      await until(() => audited.length === 1);
    } finally {
      await job.stop();
    }
    assert.equal(d.mail.sent.length, 1);
    assert.equal(d.mail.sent[0]!.from, 'Meldpunt <mp@example.nl>');
    assert.equal(d.mail.sent[0]!.subject, 'Your Meldpunt account');
    assert.equal(audited[0]!.key, 'user-welcome:u1');
  });

  it('when the worker is disabled in config, then nothing is sent', async () => {
    const d = deps(false);
    const job = startMailWorkerJob(d);
    await enqueueMail(
      {
        key: 'user-welcome:u2',
        template: 'user-welcome',
        lang: 'nl',
        to: ['new@example.nl'],
        data: { name: 'An', signInLink: 'https://m.example.nl/setup/t' },
      },
      d.clock.now(),
    );
    await new Promise((r) => setTimeout(r, 200));
    await job.stop();
    assert.equal(d.mail.sent.length, 0);
  });
});
