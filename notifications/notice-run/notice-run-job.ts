// The notice-run worker wired to the app's dependencies: a background job of `npm start` and of the
// separate worker process (`npm run worker`). Any number may run at once: claims keep each page
// with one worker. Mass sends get their own pooled SMTP transport, so a large run does not queue
// behind (or in front of) the transactional mail.
import type { AppDeps } from '../../server/deps.js';
import { effectiveConfig } from '../../server/settings/settings.service.js';
import { contactCipher } from '../../server/notices/contact-crypto.js';
import { noticeRunHooks } from '../../server/notices/notice-run-hooks.js';
import { createSmtpChannel } from '../channels/smtp.channel.js';
import type { RetryPolicy } from '../retry-policy.js';
import { createMongoNoticeStore } from './mongo-store.js';
import { createNoticeWorker, NOTICE_RETRY_POLICY, type NoticeWorker } from './notice-worker.js';
import type { NoticeMessenger } from './store.js';

/** Tunables beyond configuration (the worker process takes them as flags; tests set them). */
export interface NoticeJobOverrides {
  pollMs?: number;
  leaseMs?: number;
  chunkSize?: number;
  pageSize?: number;
  lanes?: number;
  retryPolicy?: RetryPolicy;
}

/** The messenger for mass sends: a pooled SMTP transport of its own, or the app's channel (dev mailbox, tests). */
export function noticeMessenger(deps: Pick<AppDeps, 'config' | 'mail'>): {
  messenger: NoticeMessenger;
  own: boolean;
} {
  const url = deps.config.mail.smtpUrl;
  if (!url) return { messenger: deps.mail, own: false };
  return {
    messenger: createSmtpChannel({ url, maxConnections: deps.config.notices.concurrency, maxMessages: 1000 }),
    own: true,
  };
}

/** Creates the worker over the app's database, configuration and channel. */
export function createNoticeRunWorker(
  deps: AppDeps,
  messenger: NoticeMessenger,
  o: NoticeJobOverrides = {},
): NoticeWorker {
  const { config } = deps;
  const store = createMongoNoticeStore({
    cipher: contactCipher(config),
    org: async () => (await effectiveConfig(config)).organisation,
    pageSize: o.pageSize,
    hooks: noticeRunHooks(config),
  });
  return createNoticeWorker({
    store,
    messenger,
    clock: deps.clock,
    logger: deps.logger,
    from: config.mail.from,
    leaseMs: o.leaseMs ?? config.notices.leaseMs,
    chunkSize: o.chunkSize,
    lanes: o.lanes,
    retryPolicy: o.retryPolicy ?? NOTICE_RETRY_POLICY,
    defaults: {
      concurrency: config.notices.concurrency,
      ratePerSecond: config.notices.ratePerSecond,
      failureThreshold: config.notices.failureThreshold,
    },
  });
}

/** Starts the notice-run worker loop (unless config.worker.enabled is false). */
export function startNoticeRunJob(
  deps: AppDeps,
  o: NoticeJobOverrides = {},
): { name: string; stop(): Promise<void> } {
  const name = 'notice-run-worker';
  if (!deps.config.worker.enabled) return { name, stop: () => Promise.resolve() };
  const { messenger, own } = noticeMessenger(deps);
  const worker = createNoticeRunWorker(deps, messenger, o);
  worker.start(o.pollMs ?? deps.config.worker.pollMs);
  return {
    name,
    async stop() {
      await worker.stop();
      if (own) await messenger.close();
    },
  };
}
