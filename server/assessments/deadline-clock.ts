// Deadline clocks of domain.md §10.5: continuous clock hours on UTC instants (nights, weekends and
// DST changes do not stop or stretch the clock, §2 "Late notification"); shown in Europe/Amsterdam.
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
// One module per locale: the index would load every locale date-fns has (about 1 MB of code).
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import type { Language } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentConfig } from './assessment-config.js';
import type { Duties } from './duties.js';

/** The zone in which times are shown and offset-less input is read (domain.md §10.5). */
export const DISPLAY_TIME_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

// ISO 8601 date-time in extended or basic format, with `T`, `t` or a space (RFC 3339) between date
// and time, optional seconds and fraction (`.` or `,`), and an optional offset: Z, ±hh:mm, ±hhmm or
// ±hh (domain.md §10.8 item 7: every ISO form with an offset is accepted).
const ISO_DATE_TIME =
  /^(\d{4})-?(\d{2})-?(\d{2})[Tt ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

interface IsoParts {
  /** The wall-clock fields as if they were UTC (ms). */
  naive: number;
  /** Offset from UTC in minutes, or null for local (Amsterdam) time. */
  offset: number | null;
}

function isoParts(iso: string): IsoParts | null {
  const m = ISO_DATE_TIME.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec ?? 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const naive = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  );
  // Reject days that roll over into the next month (30 February).
  if (new Date(naive).getUTCDate() !== day) return null;
  let offset: number | null = null;
  if (z) offset = 0;
  else if (sign) {
    const hours = Number(oh);
    const minutes = Number(om ?? 0);
    if (hours > 23 || minutes > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return { naive, offset };
}

/** Whether a text is an ISO 8601 date-time this system reads (with or without an offset). */
export function isIsoTimestamp(iso: string): boolean {
  return isoParts(iso) !== null;
}

// Offset of Europe/Amsterdam from UTC at an instant, in minutes (60 in winter, 120 in summer).
function amsterdamOffset(ms: number): number {
  return -new TZDate(ms, DISPLAY_TIME_ZONE).getTimezoneOffset();
}

/** How a timestamp was read: the instant, and whether its local time was ambiguous or skipped. */
export interface ResolvedInstant {
  instant: Date;
  /** A local time in the repeated autumn hour: the earlier instant was taken (§10.8 item 7). */
  ambiguous: boolean;
  /** A local time in the skipped spring hour: read with the winter offset. */
  skipped: boolean;
}

/**
 * Reads an ISO 8601 timestamp. With an offset it is that instant; without one it is Europe/Amsterdam
 * wall-clock time, and a time in the repeated autumn hour resolves to the earlier instant (summer
 * time) and is reported as ambiguous (domain.md §10.8 item 7).
 */
export function resolveInstant(iso: string): ResolvedInstant {
  const parts = isoParts(iso);
  if (!parts) throw new RangeError(`not an ISO 8601 timestamp: ${iso}`);
  if (parts.offset !== null) {
    return { instant: new Date(parts.naive - parts.offset * MINUTE_MS), ambiguous: false, skipped: false };
  }
  const before = amsterdamOffset(parts.naive - 24 * HOUR_MS);
  const after = amsterdamOffset(parts.naive + 24 * HOUR_MS);
  const candidates = [...new Set([before, after])]
    .map((o) => parts.naive - o * MINUTE_MS)
    .filter((ms) => amsterdamOffset(ms) * MINUTE_MS === parts.naive - ms)
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    // The skipped spring hour: read with the offset in force before the change.
    return { instant: new Date(parts.naive - before * MINUTE_MS), ambiguous: false, skipped: true };
  }
  return { instant: new Date(candidates[0]!), ambiguous: candidates.length > 1, skipped: false };
}

/** Parses an ISO 8601 timestamp; one without offset is Europe/Amsterdam wall-clock time. */
export function parseInstant(iso: string): Date {
  return resolveInstant(iso).instant;
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
  /** When the ministry report became due (the decision that made it so, §10.8 item 7). */
  ministryDutyAt?: string | undefined;
}

/** Deadlines as UTC ISO strings, or null when the duty does not apply or its anchor is missing. */
export interface Deadlines {
  authority: string | null;
  ministry: string | null;
  subjects: string | null;
  /** Art. 33(2): as processor, inform the controller (§10.8 item 7). */
  controller: string | null;
}

/** Computes the deadlines of §10.5 for the duties that apply. */
export function computeDeadlines(
  anchors: DeadlineAnchors,
  duties: Pick<Duties, 'notifyAuthority' | 'notifyMinistry' | 'informSubjects' | 'publicCommunication'> &
    Partial<Pick<Duties, 'notifyController'>>,
  config: AssessmentConfig,
): Deadlines {
  const after = (anchor: string | undefined, hours: number, applies: boolean): string | null =>
    applies && anchor ? addClockHours(parseInstant(anchor), hours).toISOString() : null;
  // §10.8 item 7: by default the ministry clock starts with the duty itself (the decision that made
  // the report due; before a decision, awareness), not with discovery.
  const ministryAnchor =
    config.ministry.anchor === 'discovery'
      ? anchors.discoveredAt
      : config.ministry.anchor === 'awareness'
        ? anchors.awarenessAt
        : (anchors.ministryDutyAt ?? anchors.decidedAt ?? anchors.awarenessAt);
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
    // Art. 33(2): a processor informs its controller without undue delay after becoming aware;
    // the contract's hours (controllerHours) set the clock, for every breach (§10.8 item 7).
    controller: after(
      anchors.awarenessAt ?? anchors.discoveredAt,
      config.controllerHours,
      duties.notifyController ?? false,
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
