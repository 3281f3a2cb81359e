// Late filing (domain.md §2 "Late notification", §10.5 "Late AP notification rule"): an AP
// notification or ministry notice recorded after its deadline must state the reason for the delay.
// Features that record a filing call this before storing it.
import { ValidationError } from '../errors.js';

/** Whether a filing at `at` is late for `deadline` (no deadline: never late). */
export function isLate(deadline: Date | null | undefined, at: Date): boolean {
  return deadline instanceof Date && at.getTime() > deadline.getTime();
}

/**
 * Throws a ValidationError on `field` (default `delayReason`) when a filing at `at` comes after
 * `deadline` without a written reason; returns whether it is late and the trimmed reason otherwise.
 */
export function assertDelayReason(
  deadline: Date | null | undefined,
  at: Date,
  reason: string | null | undefined,
  field = 'delayReason',
): { late: boolean; delayReason: string | undefined } {
  const late = isLate(deadline, at);
  const text = reason?.trim() || undefined;
  if (late && !text) throw new ValidationError({ [field]: 'duties.delayReasonRequired' });
  return { late, delayReason: late ? text : undefined };
}
