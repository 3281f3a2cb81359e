// Background jobs started by main.ts (and the worker process): the mail worker and sweepers.
import type { AppDeps } from './deps.js';
import { sweepLoginFailures } from './auth/auth.service.js';
import { reminderJob } from './deadlines/reminder-job.js';
import { startMailWorkerJob } from '../notifications/mail-worker-job.js';
import { mailAuditHooks } from './audit/mail-audit.js';
import { sendAcknowledgementReminders } from './ministry/ministry-reminders.js';
import { startNoticeRunJob } from '../notifications/notice-run/notice-run-job.js';
import { purgeContactData } from './notices/contact-purge.js';
import { sweepRateSlots } from './db/rate-slots.js';
import { runRetentionSweep } from './retention/retention.service.js';
import { recoverIntakes } from './incidents/incidents.service.js';
import { effectiveConfig } from './settings/settings.service.js';
import { sweepExpiredSessions } from './db/session-store.js';
import { intervalJob, type BackgroundJob } from './interval-job.js';

/** Job factories; features add theirs here. */
export const BACKGROUND_JOBS: ((deps: AppDeps) => BackgroundJob)[] = [
  (deps) => startMailWorkerJob(deps, mailAuditHooks(deps.clock)),
  (deps) =>
    intervalJob('login-failure-sweep', 10 * 60_000, deps, () =>
      sweepLoginFailures(deps.config.login, deps.clock.now()),
    ),
  (deps) =>
    intervalJob('intake-recovery', 2 * 60_000, deps, () =>
      recoverIntakes(deps.clock.now(), deps.config.baseUrl),
    ),
  (deps) => intervalJob('session-sweep', 10 * 60_000, deps, () => sweepExpiredSessions(deps.clock.now())),
  (deps) => intervalJob('rate-slot-sweep', 10 * 60_000, deps, () => sweepRateSlots(deps.clock.now())),
  (deps) => reminderJob(deps),
  (deps) =>
    intervalJob('ministry-ack-reminders', 5 * 60_000, deps, async () =>
      sendAcknowledgementReminders(await effectiveConfig(deps.config), deps.clock.now()),
    ),
  (deps) => startNoticeRunJob(deps),
  (deps) =>
    intervalJob('contact-data-purge', 60 * 60_000, deps, () =>
      purgeContactData(deps.clock.now(), deps.config.retention.contactDataPurgeDays),
    ),
  // Register retention (issue 13): one process at a time through its lease claim.
  (deps) =>
    intervalJob('register-retention', 60 * 60_000, deps, () =>
      runRetentionSweep({
        now: deps.clock.now(),
        years: deps.config.retention.registerYears,
        actor: { kind: 'system', label: 'register-retention' },
        origin: { via: 'scheduler' },
        dataDir: deps.config.dataDir,
      }),
    ),
];

/** Starts every background job; returns one handle that stops them all. */
export function startBackgroundJobs(deps: AppDeps): { stop(): Promise<void> } {
  const jobs = BACKGROUND_JOBS.map((f) => f(deps));
  return { stop: async () => void (await Promise.all(jobs.map((j) => j.stop()))) };
}
