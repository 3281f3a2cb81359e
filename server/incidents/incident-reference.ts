// Human reference numbers of incidents (issue: "DL-2026-0007, sequential per year, never reused").
// The number itself is taken by the incident's own insert (insertUnderNextNumber, architecture.md §4); this file only formats.
import { TZDate } from '@date-fns/tz';

const ZONE = 'Europe/Amsterdam';

/** The reporting year as people in the Netherlands see it (a report at 00:30 on 1 January counts for the new year). */
export function referenceYear(now: Date): number {
  return new TZDate(now.getTime(), ZONE).getFullYear();
}

/** The sequence scope of a year, shared by every process that takes incident numbers. */
export function referenceScope(year: number): string {
  return `incident:${year}`;
}

/** `DL-<year>-<seq, at least 4 digits>`. */
export function formatReference(year: number, seq: number): string {
  return `DL-${year}-${String(seq).padStart(4, '0')}`;
}

/** True for a string shaped like a reference (used to route searches to an exact match). */
export function looksLikeReference(s: string): boolean {
  return /^DL-\d{4}-\d{4,}$/i.test(s.trim());
}

/**
 * Parses the value of an <input type="datetime-local"> as Dutch local time and returns the UTC
 * instant (times are stored in UTC, shown in Europe/Amsterdam). Undefined when it is not a date.
 */
export function parseLocalDateTime(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const local = new TZDate(y, mo - 1, d, h, mi, s, ZONE);
  // Reject rolled-over dates such as 31 February.
  if (local.getMonth() !== mo - 1 || local.getDate() !== d) return undefined;
  return new Date(local.getTime());
}
