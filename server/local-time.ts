// Dutch local time in forms (domain.md §10.5: times are stored as UTC instants and shown, and read
// from offset-less input, in Europe/Amsterdam). The one place that turns the value of an
// <input type="datetime-local"> into an instant and back, so a form that comes back after a
// validation error shows the time exactly as typed and submits the same instant again — in summer
// and winter time, on the days the clocks change, whatever time zone the server process runs in.
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { z } from 'zod';

/** The zone of every wall-clock time in the app. */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

/** `yyyy-MM-ddTHH:mm[:ss]`, or `yyyy-MM-dd` alone. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const HOUR_MS = 3_600_000;

/** The zone's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(ms: number): number {
  return -new TZDate(ms, DUTCH_TIME_ZONE).getTimezoneOffset() * 60_000;
}

/**
 * Reads a Dutch wall-clock time (what a datetime-local field sends) as an instant. Undefined when
 * it is not a real date or time — including the hour skipped when summer time starts (02:00–02:59
 * on the last Sunday of March does not exist). The hour that occurs twice when summer time ends
 * is read as its earlier occurrence (summer time: the earlier deadline, domain.md §10.8 item 7), as
 * the assessment's clock reads it (assessments/deadline-clock.ts), so one typed time is the same
 * instant in every form.
 * A date alone is accepted only with `dateOnly` and means midday, the same calendar day anywhere.
 */
export function parseDutchLocal(value: string, opts: { dateOnly?: boolean } = {}): Date | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  if (m[4] === undefined && !opts.dateOnly) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = m[4] === undefined ? [12, 0, 0] : [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  // The wall-clock time as if it were UTC, minus each offset the zone has around it; keep the
  // candidates that really show this wall-clock time, and take the earliest.
  const candidates = [...new Set([offsetAt(naive - 12 * HOUR_MS), offsetAt(naive + 12 * HOUR_MS)])]
    .map((off) => naive - off)
    .filter((ms) => {
      const z = new TZDate(ms, DUTCH_TIME_ZONE);
      return (
        z.getFullYear() === y &&
        z.getMonth() === mo - 1 &&
        z.getDate() === d &&
        z.getHours() === h &&
        z.getMinutes() === mi
      );
    })
    .sort((a, b) => a - b);
  return candidates.length ? new Date(candidates[0]!) : undefined;
}

/** The datetime-local value of an instant: `yyyy-MM-ddTHH:mm` in Dutch time. */
export function toDutchLocalInput(d: Date): string {
  return format(d, "yyyy-MM-dd'T'HH:mm", { in: tz(DUTCH_TIME_ZONE) });
}

/**
 * The value to put back into a datetime-local field: an instant (a Date, or an ISO string with an
 * offset) in Dutch time; a wall-clock string exactly as it was typed — it is already Dutch time and
 * must never be read again as an instant (that read it in the server's own zone: 07:54 came back as
 * 08:54); anything else as is, so an invalid value comes back for the officer to correct.
 */
export function localInputValue(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : toDutchLocalInput(value);
  if (typeof value !== 'string') return '';
  const v = value.trim();
  if (LOCAL.test(v)) return v;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:\d{2})$/.test(v)) {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return toDutchLocalInput(d);
  }
  return value;
}

/**
 * A form field holding a Dutch wall-clock time (or, with `dateOnly`, a date read as midday), read
 * by parseDutchLocal: empty is `messages.required`, a value that is not a real time `messages.invalid`.
 */
export function dutchLocalField(
  messages: { required: string; invalid: string },
  opts: { dateOnly?: boolean } = {},
) {
  return z
    .string(messages.required)
    .trim()
    .min(1, messages.required)
    .transform((v, ctx) => {
      const d = parseDutchLocal(v, opts);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: messages.invalid });
        return z.NEVER;
      }
      return d;
    });
}

/**
 * An optional form field holding a Dutch wall-clock time, read by parseDutchLocal: empty is "not
 * given" (undefined), a value that is not a real time is `invalidKey`. `notAfter` refuses a time
 * later than it with `futureKey` (a report of something that has not happened yet).
 */
export function optionalDutchLocalField(invalidKey: string, limit?: { notAfter: Date; futureKey: string }) {
  return z
    .string('field.invalid')
    .trim()
    .max(40, 'field.invalid')
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const d = parseDutchLocal(v);
      if (!d) ctx.addIssue({ code: 'custom', message: invalidKey });
      else if (limit && d.getTime() > limit.notAfter.getTime())
        ctx.addIssue({ code: 'custom', message: limit.futureKey });
      return d;
    });
}
