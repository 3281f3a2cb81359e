// The reminder schedule of domain.md §10.5 as a pure function: for one duty's clock, the moments at
// which the privacy officers (and the deputy) are reminded, and which of them also go to the
// escalation address. Configurable; the defaults are domain.md's. No I/O, no clock of its own.
import type { DutyKind } from '../../models/duty-fulfilment.model.js';
import type { ReminderKind } from '../../models/reminder.model.js';

/** Settings of the schedule. */
export interface ReminderConfig {
  /** AP: hours after awareness (the start of the 72 h clock) to remind at. */
  readonly authorityHours: readonly number[];
  /** Ministry: fractions of the contract window (anchor → deadline) to remind at. */
  readonly ministryFractions: readonly number[];
  /** Duties reminded at the moment their deadline expires. */
  readonly atExpiry: readonly DutyKind[];
  /** Duties reminded again every N hours after their deadline ("escalate daily"). */
  readonly overdueEveryHours: Readonly<Partial<Record<DutyKind, number>>>;
  /** Incomplete phased AP notification: nag every N hours until complete. */
  readonly followupEveryHours: number;
  /** Reminder kinds that also go to the escalation address (management). */
  readonly escalateKinds: readonly ReminderKind[];
  /** Upper bound on repeated slots per clock (overdue repeats, nags). */
  readonly maxRepeats: number;
}

/** domain.md §10.5: AP +24/+48/+60/+68 h and at expiry; ministry at 50% and 90% of its window and at
 * expiry; affected persons (and the public communication) at the target and daily after it; weekly
 * for an incomplete phased AP notification; expiry and later go to the escalation address too. */
export const DEFAULT_REMINDER_CONFIG: ReminderConfig = Object.freeze({
  authorityHours: Object.freeze([24, 48, 60, 68]),
  ministryFractions: Object.freeze([0.5, 0.9]),
  atExpiry: Object.freeze(['authority', 'ministry', 'subjects', 'public'] as DutyKind[]),
  overdueEveryHours: Object.freeze({ subjects: 24, public: 24 }),
  followupEveryHours: 7 * 24,
  escalateKinds: Object.freeze(['expiry', 'overdue'] as ReminderKind[]),
  maxRepeats: 400,
});

/** The schedule from configuration: the configured hours and repeats over the defaults. */
export function reminderConfigFrom(r: {
  authorityHours: readonly number[];
  ministryFractions: readonly number[];
  overdueEveryHours: number;
  followupEveryHours: number;
}): ReminderConfig {
  return Object.freeze({
    ...DEFAULT_REMINDER_CONFIG,
    authorityHours: Object.freeze([...r.authorityHours].sort((a, b) => a - b)),
    ministryFractions: Object.freeze([...r.ministryFractions].sort((a, b) => a - b)),
    overdueEveryHours: Object.freeze({ subjects: r.overdueEveryHours, public: r.overdueEveryHours }),
    followupEveryHours: r.followupEveryHours,
  });
}

/** The clock of one duty: when its window started and when it ends (null: no clock). */
export interface DutyClock {
  duty: DutyKind;
  windowStart: Date | null;
  deadline: Date | null;
}

/** One reminder moment. `slot` is stable for the same clock, so planning it twice finds it again. */
export interface ReminderSlot {
  slot: string;
  kind: ReminderKind;
  at: Date;
  /** Also to the escalation address. */
  escalate: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * Identifies a duty's clock: the deadline instant, or for the follow-up nag its anchor. When a
 * re-assessment moves the deadline, the key changes and the old clock's reminders are dropped.
 */
export function clockKeyOf(clock: DutyClock): string | null {
  if (clock.duty === 'authority_followup')
    return clock.windowStart ? `nag-${clock.windowStart.getTime()}` : null;
  return clock.deadline ? `dl-${clock.deadline.getTime()}` : null;
}

/** Every reminder slot of one duty's clock due at or before `until`, in time order. */
export function reminderSlots(
  clock: DutyClock,
  until: Date,
  config: ReminderConfig = DEFAULT_REMINDER_CONFIG,
): ReminderSlot[] {
  const slots: ReminderSlot[] = [];
  const push = (slot: string, kind: ReminderKind, at: Date) => {
    if (at.getTime() <= until.getTime())
      slots.push({ slot, kind, at, escalate: config.escalateKinds.includes(kind) });
  };
  const { duty, windowStart, deadline } = clock;

  if (duty === 'authority_followup') {
    // §10.5: follow-ups have no new 72 h clock, but are nagged weekly until marked complete.
    if (!windowStart) return [];
    const every = config.followupEveryHours * HOUR_MS;
    for (let k = 1; k <= config.maxRepeats; k++) {
      const at = new Date(windowStart.getTime() + k * every);
      if (at.getTime() > until.getTime()) break;
      push(`nag-${k}`, 'nag', at);
    }
    return slots;
  }
  if (!deadline) return [];

  const before = (at: Date) => at.getTime() < deadline.getTime();
  if (duty === 'authority' && windowStart) {
    for (const h of config.authorityHours) {
      const at = new Date(windowStart.getTime() + h * HOUR_MS);
      if (before(at)) push(`h${h}`, 'reminder', at);
    }
  }
  if (duty === 'ministry' && windowStart && deadline.getTime() > windowStart.getTime()) {
    const span = deadline.getTime() - windowStart.getTime();
    for (const f of config.ministryFractions) {
      const at = new Date(windowStart.getTime() + Math.round(f * span));
      if (before(at)) push(`p${Math.round(f * 100)}`, 'reminder', at);
    }
  }
  if (config.atExpiry.includes(duty)) push('expiry', 'expiry', deadline);
  const repeat = config.overdueEveryHours[duty];
  if (repeat && repeat > 0) {
    for (let k = 1; k <= config.maxRepeats; k++) {
      const at = new Date(deadline.getTime() + k * repeat * HOUR_MS);
      if (at.getTime() > until.getTime()) break;
      push(`overdue-${k}`, 'overdue', at);
    }
  }
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime());
}
