// Shared set-up of the reminder scheduler tests: one configuration with a deputy and an escalation
// address, a silent logger, a scheduler on a fake clock, and a loop that steps the clock by hours.
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import {
  createReminderScheduler,
  type ReminderScheduler,
} from '../../server/deadlines/reminder-scheduler.js';
import type { FakeClock } from './fake-clock.js';

export const H = 3_600_000;

export const config = loadConfig({
  NODE_ENV: 'test',
  BASE_URL: 'http://meldpunt.test',
  PRIVACY_OFFICER_DEPUTY_EMAIL: 'plaatsvervanger@example.test',
  ESCALATION_EMAIL: 'directie@example.test',
});

export const logger = createLogger('silent');

export function scheduler(clock: FakeClock, instanceId: string): ReminderScheduler {
  return createReminderScheduler({ clock, logger, config, instanceId });
}

/** Advances the clock hour by hour, running `each` (if given) and then `run` after every step. */
export async function stepHours(
  clock: FakeClock,
  hours: number,
  run: () => Promise<unknown>,
  each?: (h: number) => Promise<void>,
): Promise<void> {
  for (let h = 1; h <= hours; h++) {
    clock.advanceHours(1);
    if (each) await each(h);
    await run();
  }
}
