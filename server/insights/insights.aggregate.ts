// Pure figures for the insights page (issue 17): computed from the in-memory incident index
// (server/incidents/incident-index.ts), so a page at 10,000 incidents costs one pass in memory and
// no collection scan (FerretDB 1.x reads a whole collection for any query but `{_id}`).
import { DUTCH_TIME_ZONE } from '../local-time.js';

/** What the figures need of one incident. */
export interface InsightIncident {
  reference: string;
  discoveredAt: Date;
  awarenessAt?: Date | null;
}

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DUTCH_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
});

/** The year and month (1–12) of an instant on the Dutch calendar. */
export function dutchMonth(d: Date): { year: number; month: number } {
  const parts = monthFormat.formatToParts(d);
  return {
    year: Number(parts.find((p) => p.type === 'year')?.value),
    month: Number(parts.find((p) => p.type === 'month')?.value),
  };
}

/** Incidents per month of `year`, by the month of discovery (index 0 = January). */
export function incidentsPerMonth(incidents: readonly InsightIncident[], year: number): number[] {
  const out = Array.from({ length: 12 }, () => 0);
  for (const i of incidents) {
    const m = dutchMonth(i.discoveredAt);
    if (m.year === year) out[m.month - 1] = (out[m.month - 1] ?? 0) + 1;
  }
  return out;
}

/** Buckets of hours from discovery to awareness; the last one lies beyond the 72 h line (domain.md §3). */
export const AWARENESS_BUCKETS = ['under24', 'under48', 'under72', 'over72', 'unknown'] as const;
export type AwarenessBucket = (typeof AWARENESS_BUCKETS)[number];

export interface AwarenessTiming {
  counts: Record<AwarenessBucket, number>;
  /** References of incidents whose awareness came more than 72 hours after discovery. */
  late: string[];
}

const HOUR = 3_600_000;

/** The distribution of discovery → awareness for incidents discovered in `year`. */
export function awarenessTiming(incidents: readonly InsightIncident[], year: number): AwarenessTiming {
  const counts: Record<AwarenessBucket, number> = {
    under24: 0,
    under48: 0,
    under72: 0,
    over72: 0,
    unknown: 0,
  };
  const late: string[] = [];
  for (const i of incidents) {
    if (dutchMonth(i.discoveredAt).year !== year) continue;
    if (!i.awarenessAt) {
      counts.unknown += 1;
      continue;
    }
    const hours = (i.awarenessAt.getTime() - i.discoveredAt.getTime()) / HOUR;
    if (hours < 24) counts.under24 += 1;
    else if (hours < 48) counts.under48 += 1;
    else if (hours <= 72) counts.under72 += 1;
    else {
      counts.over72 += 1;
      late.push(i.reference);
    }
  }
  late.sort();
  return { counts, late };
}
