// The reminder schedule comes from configuration, with domain.md §10.5 as defaults.
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from '../../../server/config.js';
import {
  DEFAULT_REMINDER_CONFIG,
  reminderConfigFrom,
  reminderSlots,
} from '../../../server/deadlines/reminder-schedule.js';

describe('reminders: configured schedule', () => {
  it('when nothing is configured, then the defaults of domain.md §10.5 apply', () => {
    const c = reminderConfigFrom(loadConfig({ NODE_ENV: 'test' }).reminders);
    assert.deepEqual(c.authorityHours, [24, 48, 60, 68]);
    assert.deepEqual(c.ministryFractions, [0.5, 0.9]);
    assert.deepEqual(c.overdueEveryHours, { subjects: 24, public: 24 });
    assert.equal(c.followupEveryHours, 7 * 24);
    assert.deepEqual(c.atExpiry, DEFAULT_REMINDER_CONFIG.atExpiry);
  });

  it('when other AP hours are configured, then the AP reminders fall at those hours', () => {
    const c = reminderConfigFrom(
      loadConfig({ NODE_ENV: 'test', REMINDER_AP_HOURS: '36, 12', REMINDER_FOLLOWUP_EVERY_DAYS: '2' })
        .reminders,
    );
    assert.deepEqual(c.authorityHours, [12, 36]);
    assert.equal(c.followupEveryHours, 48);
    const start = new Date('2026-03-02T08:00:00Z');
    const slots = reminderSlots(
      { duty: 'authority', windowStart: start, deadline: new Date(start.getTime() + 72 * 3600_000) },
      new Date('2026-03-10T00:00:00Z'),
      c,
    );
    const hours = slots.map((s) => (s.at.getTime() - start.getTime()) / 3600_000);
    assert.ok(hours.includes(12) && hours.includes(36) && hours.includes(72), `slots at ${hours.join(', ')}`);
    assert.ok(!hours.includes(24), 'the default 24 h reminder is gone');
  });

  it('when a schedule value is invalid, then start-up fails naming it', () => {
    assert.throws(
      () => loadConfig({ REMINDER_AP_HOURS: '24,x' }),
      (e: unknown) => e instanceof ConfigError && /REMINDER_AP_HOURS/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ REMINDER_MINISTRY_FRACTIONS: '0.5,1.5' }),
      (e: unknown) => e instanceof ConfigError && /REMINDER_MINISTRY_FRACTIONS/.test(e.message),
    );
  });
});
