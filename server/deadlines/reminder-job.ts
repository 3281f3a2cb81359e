// The reminder scheduler as a background job (server/background.ts): one instance per process,
// every minute; several processes against one database are safe (reminder-scheduler.ts).
import type { AppDeps } from '../deps.js';
import { intervalJob, type BackgroundJob } from '../interval-job.js';
import { createReminderScheduler, type ReminderScheduler } from './reminder-scheduler.js';
import { reminderConfigFrom } from './reminder-schedule.js';
import { effectiveConfig } from '../settings/settings.service.js';

/** How often the scheduler looks for due reminders. */
export const REMINDER_POLL_MS = 60_000;

/** The process's scheduler: each run reads the settings in force (issue 12), so a changed schedule or address applies without a restart. */
export function reminderSchedulerFor(
  deps: Pick<AppDeps, 'clock' | 'logger' | 'config'>,
  instanceId?: string,
): ReminderScheduler {
  return createReminderScheduler({
    clock: deps.clock,
    logger: deps.logger,
    config: deps.config,
    schedule: reminderConfigFrom(deps.config.reminders),
    current: async () => {
      const config = await effectiveConfig(deps.config);
      return { config, schedule: reminderConfigFrom(config.reminders) };
    },
    instanceId,
  });
}

/** Starts the deadline-reminder loop. */
export function reminderJob(deps: AppDeps): BackgroundJob {
  const scheduler = reminderSchedulerFor(deps);
  return intervalJob('deadline-reminders', REMINDER_POLL_MS, deps, () => scheduler.runOnce());
}
