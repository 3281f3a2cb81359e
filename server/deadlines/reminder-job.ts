// The reminder scheduler as a background job (server/background.ts): one instance per process,
// every minute; several processes against one database are safe (reminder-scheduler.ts).
import type { AppDeps } from '../deps.js';
import { intervalJob, type BackgroundJob } from '../background.js';
import { createReminderScheduler } from './reminder-scheduler.js';
import { reminderConfigFrom } from './reminder-schedule.js';

/** How often the scheduler looks for due reminders. */
export const REMINDER_POLL_MS = 60_000;

/** Starts the deadline-reminder loop. */
export function reminderJob(deps: AppDeps): BackgroundJob {
  const scheduler = createReminderScheduler({
    clock: deps.clock,
    logger: deps.logger,
    config: deps.config,
    schedule: reminderConfigFrom(deps.config.reminders),
  });
  return intervalJob('deadline-reminders', REMINDER_POLL_MS, deps, () => scheduler.runOnce());
}
