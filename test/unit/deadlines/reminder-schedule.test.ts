// Table tests of the reminder schedule (domain.md §10.5 defaults, and configured variants).
import assert from 'node:assert/strict';
import {
  clockKeyOf,
  DEFAULT_REMINDER_CONFIG,
  reminderSlots,
  type DutyClock,
  type ReminderConfig,
} from '../../../server/deadlines/reminder-schedule.js';

const H = 3_600_000;
const T0 = new Date('2026-10-22T10:30:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * H);
const FAR = at(24 * 365);

/** Slots as "name@hours-from-T0 kind[!]" ("!" = also to the escalation address). */
function describeSlots(clock: DutyClock, until: Date = FAR, config?: ReminderConfig): string[] {
  return reminderSlots(clock, until, config).map(
    (s) => `${s.slot}@${(s.at.getTime() - T0.getTime()) / H} ${s.kind}${s.escalate ? '!' : ''}`,
  );
}

describe('reminder schedule (domain.md §10.5)', () => {
  const cases: {
    name: string;
    clock: DutyClock;
    until?: Date;
    config?: ReminderConfig;
    expected: string[];
  }[] = [
    {
      name: 'AP: +24, +48, +60, +68 h after awareness and at expiry (escalated)',
      clock: { duty: 'authority', windowStart: T0, deadline: at(72) },
      expected: [
        'h24@24 reminder',
        'h48@48 reminder',
        'h60@60 reminder',
        'h68@68 reminder',
        'expiry@72 expiry!',
      ],
    },
    {
      name: 'AP with the window across the DST change (25 Oct 2026): still continuous clock hours',
      clock: { duty: 'authority', windowStart: at(0), deadline: at(72) },
      until: at(60),
      expected: ['h24@24 reminder', 'h48@48 reminder', 'h60@60 reminder'],
    },
    {
      name: 'AP with a 96 h deadline (Digital Omnibus watch item): same reminders, expiry at 96 h',
      clock: { duty: 'authority', windowStart: T0, deadline: at(96) },
      expected: [
        'h24@24 reminder',
        'h48@48 reminder',
        'h60@60 reminder',
        'h68@68 reminder',
        'expiry@96 expiry!',
      ],
    },
    {
      name: 'AP without awareness on record: only the expiry',
      clock: { duty: 'authority', windowStart: null, deadline: at(72) },
      expected: ['expiry@72 expiry!'],
    },
    {
      name: 'ministry: 50% and 90% of a 24 h window, then expiry',
      clock: { duty: 'ministry', windowStart: T0, deadline: at(24) },
      expected: ['p50@12 reminder', 'p90@21.6 reminder', 'expiry@24 expiry!'],
    },
    {
      name: 'ministry: 50% and 90% of a 48 h window',
      clock: { duty: 'ministry', windowStart: T0, deadline: at(48) },
      expected: ['p50@24 reminder', 'p90@43.2 reminder', 'expiry@48 expiry!'],
    },
    {
      name: 'affected persons: at the target, then daily after it (until the horizon)',
      clock: { duty: 'subjects', windowStart: T0, deadline: at(72) },
      until: at(72 + 24 * 3),
      expected: [
        'expiry@72 expiry!',
        'overdue-1@96 overdue!',
        'overdue-2@120 overdue!',
        'overdue-3@144 overdue!',
      ],
    },
    {
      name: 'public communication: like affected persons',
      clock: { duty: 'public', windowStart: T0, deadline: at(72) },
      until: at(100),
      expected: ['expiry@72 expiry!', 'overdue-1@96 overdue!'],
    },
    {
      name: 'incomplete phased AP notification: weekly nag, never escalated',
      clock: { duty: 'authority_followup', windowStart: T0, deadline: null },
      until: at(24 * 7 * 3 + 1),
      expected: ['nag-1@168 nag', 'nag-2@336 nag', 'nag-3@504 nag'],
    },
    {
      name: 'inform the controller (no clock): no reminders',
      clock: { duty: 'controller', windowStart: T0, deadline: null },
      expected: [],
    },
    {
      name: 'nothing is due before its time: horizon before the first slot',
      clock: { duty: 'authority', windowStart: T0, deadline: at(72) },
      until: at(23.99),
      expected: [],
    },
    {
      name: 'configured: AP at +12 and +70 h, no escalation at expiry, ministry at 75%',
      clock: { duty: 'authority', windowStart: T0, deadline: at(72) },
      config: { ...DEFAULT_REMINDER_CONFIG, authorityHours: [12, 70], escalateKinds: [] },
      expected: ['h12@12 reminder', 'h70@70 reminder', 'expiry@72 expiry'],
    },
    {
      name: 'configured: a reminder hour at or after the deadline is dropped (the expiry covers it)',
      clock: { duty: 'authority', windowStart: T0, deadline: at(72) },
      config: { ...DEFAULT_REMINDER_CONFIG, authorityHours: [24, 72, 80] },
      expected: ['h24@24 reminder', 'expiry@72 expiry!'],
    },
    {
      name: 'configured: affected persons every 12 h after the target, capped at 2 repeats',
      clock: { duty: 'subjects', windowStart: T0, deadline: at(72) },
      config: { ...DEFAULT_REMINDER_CONFIG, overdueEveryHours: { subjects: 12 }, maxRepeats: 2 },
      expected: ['expiry@72 expiry!', 'overdue-1@84 overdue!', 'overdue-2@96 overdue!'],
    },
  ];
  for (const c of cases) {
    it(`when ${c.name}, then the slots are as listed`, () => {
      assert.deepEqual(describeSlots(c.clock, c.until, c.config), c.expected);
    });
  }

  it('when the slots of a clock are computed twice with a later horizon, then the earlier slots keep their names and times', () => {
    const clock: DutyClock = { duty: 'subjects', windowStart: T0, deadline: at(72) };
    const early = reminderSlots(clock, at(100));
    const later = reminderSlots(clock, at(200));
    assert.deepEqual(later.slice(0, early.length), early);
  });

  it('when the deadline moves, then the clock key changes (old reminders are recognisably stale)', () => {
    const a = clockKeyOf({ duty: 'authority', windowStart: T0, deadline: at(72) });
    const b = clockKeyOf({ duty: 'authority', windowStart: T0, deadline: at(73) });
    assert.notEqual(a, b);
    assert.equal(clockKeyOf({ duty: 'controller', windowStart: T0, deadline: null }), null);
    assert.equal(
      clockKeyOf({ duty: 'authority_followup', windowStart: T0, deadline: null }),
      `nag-${T0.getTime()}`,
    );
  });
});
