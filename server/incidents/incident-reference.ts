// Human reference numbers of incidents (issue: "DL-2026-0007, sequential per year, never reused").
// The number itself is taken by the incident's own insert (insertUnderNextNumber, architecture.md §4); this file only formats.
import { TZDate } from '@date-fns/tz';
import { parseDutchLocal } from '../local-time.js';

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
 * One shared reading for every form: server/local-time.ts.
 */
export function parseLocalDateTime(value: string): Date | undefined {
  return parseDutchLocal(value);
}
