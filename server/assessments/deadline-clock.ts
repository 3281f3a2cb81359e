// Deadline clocks of domain.md §10.5: continuous clock hours on UTC instants (nights, weekends and
// DST changes do not stop or stretch the clock, §2 "Late notification"); shown in Europe/Amsterdam.
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
// One module per locale: the index would load every locale date-fns has (about 1 MB of code).
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import type { Language } from './assessment.enums.js';
import type { AssessmentConfig } from './assessment-config.js';
import type { Duties } from './duties.js';

/** The zone in which times are shown and offset-less input is read (domain.md §10.5). */
export const DISPLAY_TIME_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 3_600_000;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** Parses an ISO 8601 timestamp; one without offset is Europe/Amsterdam wall-clock time. */
export function parseInstant(iso: string): Date {
  const local = LOCAL_DATE_TIME.exec(iso);
  if (local) {
    const [, y, mo, d, h, mi, s, frac] = local;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    const zoned = new TZDate(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s ?? 0),
      ms,
      DISPLAY_TIME_ZONE,
    );
    return new Date(zoned.getTime());
  }
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO 8601 timestamp: ${iso}`);
  return new Date(time);
}

/** Adds clock hours: exactly hours × 3600 s, whatever the local calendar does. */
export function addClockHours(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * HOUR_MS);
}

/** The anchor times a deadline can start from (ISO strings as in the assess input). */
export interface DeadlineAnchors {
  discoveredAt?: string | undefined;
  awarenessAt?: string | undefined;
  decidedAt?: string | undefined;
}

/** Deadlines as UTC ISO strings, or null when the duty does not apply or its anchor is missing. */
export interface Deadlines {
  authority: string | null;
  ministry: string | null;
  subjects: string | null;
}

/** Computes the deadlines of §10.5 for the duties that apply. */
export function computeDeadlines(
  anchors: DeadlineAnchors,
  duties: Pick<Duties, 'notifyAuthority' | 'notifyMinistry' | 'informSubjects' | 'publicCommunication'>,
  config: AssessmentConfig,
): Deadlines {
  const after = (anchor: string | undefined, hours: number, applies: boolean): string | null =>
    applies && anchor ? addClockHours(parseInstant(anchor), hours).toISOString() : null;
  const ministryAnchor = config.ministry.anchor === 'discovery' ? anchors.discoveredAt : anchors.awarenessAt;
  return {
    // Art. 33(1): 72 hours after becoming aware.
    authority: after(anchors.awarenessAt, config.authorityHours, duties.notifyAuthority),
    // §8.4: contractual hours from the configured anchor.
    ministry: after(ministryAnchor, config.ministry.hours, duties.notifyMinistry),
    // §10.5: internal "without undue delay" target from the decision (awareness until decided).
    subjects: after(
      anchors.decidedAt ?? anchors.awarenessAt,
      config.subjectsTargetHours,
      duties.informSubjects || duties.publicCommunication,
    ),
  };
}

/** Names of the deadlines that have passed at `now`. */
export function overdueDeadlines(deadlines: Deadlines, now: Date): Array<keyof Deadlines> {
  return (Object.keys(deadlines) as Array<keyof Deadlines>).filter((key) => {
    const at = deadlines[key];
    return at !== null && Date.parse(at) < now.getTime();
  });
}

/** Hours between two ISO timestamps (b − a), for the >24 h awareness note of §3. */
export function hoursBetween(a: string, b: string): number {
  return (parseInstant(b).getTime() - parseInstant(a).getTime()) / HOUR_MS;
}

/** Formats an instant for display in Europe/Amsterdam, e.g. "25 oktober 2026 02:30 (UTC+02:00)". */
export function formatAmsterdam(date: Date, lang: Language): string {
  return format(date, "d MMMM yyyy HH:mm '(UTC'xxx')'", {
    in: tz(DISPLAY_TIME_ZONE),
    locale: lang === 'nl' ? nl : enGB,
  });
}
