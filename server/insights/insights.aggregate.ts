// Pure figures for the insights page (issue 17), computed from the small rows the database
// aggregates of insights.queries.ts return. Pure: tested against hand-computed expectations.
import {
  BREACH_TYPES,
  INCIDENT_CAUSES,
  type Art34Exception,
  type BreachType,
  type IncidentCause,
  type RiskLevel,
} from '../../models/vocabulary/assessment.enums.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { TZDate } from '@date-fns/tz';
import { DEFAULT_ASSESSMENT_CONFIG, type AssessmentConfig } from '../assessments/assessment-config.js';
import { BEFORE_ASSESSMENT, provisionalAuthorityDuty } from '../duties/duty-status.js';
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

// ---------------------------------------------------------------------------------------------
// The figure sets of issue 17 computed from rows that the database aggregates return
// (insights.queries.ts): pure, so they are tested against hand-computed expectations.

/** What the figures read of one incident discovered in the year (a projection, not the document). */
export interface IncidentRow {
  id: string;
  reference: string;
  status: IncidentStatus;
  discoveredAt: Date;
  awarenessAt?: Date | null;
  personalDataInvolved?: 'yes' | 'no' | 'unknown' | null;
  incidentCause: IncidentCause;
  breachTypes: readonly BreachType[];
  measuresTaken?: string | null;
  closingMeasures?: string | null;
}

/** What the figures read of one assessment version. */
export interface AssessmentRow {
  incidentId: string;
  version: number;
  riskLevel: RiskLevel;
  awarenessAt?: Date | null;
  duties: { notifyAuthority: boolean; informSubjects: boolean; notifyMinistry: boolean };
  art34Exception?: Art34Exception | null;
}

/** The duties whose notification the figures count (domain.md §10.5). */
export const NOTIFY_DUTIES = ['authority', 'ministry', 'subjects'] as const;
export type NotifyDuty = (typeof NOTIFY_DUTIES)[number];

/** What the figures read of one recorded fulfilment. */
export interface FulfilmentRow {
  incidentId: string;
  duty: NotifyDuty;
  outcome: 'fulfilled' | 'cancelled';
  at: Date;
  recordedAt: Date;
  delayReason?: string | null;
}

/** Months of `year` (index 0 = January) per key; an incident counts once under each of its keys. */
function monthlyBy<K extends string>(
  rows: readonly IncidentRow[],
  year: number,
  keys: readonly K[],
  keysOf: (r: IncidentRow) => readonly K[],
): Record<K, number[]> {
  const out = Object.fromEntries(keys.map((k) => [k, Array.from({ length: 12 }, () => 0)])) as Record<
    K,
    number[]
  >;
  for (const r of rows) {
    const m = dutchMonth(r.discoveredAt);
    if (m.year !== year) continue;
    for (const k of keysOf(r)) {
      const months = out[k];
      months[m.month - 1] = (months[m.month - 1] ?? 0) + 1;
    }
  }
  return out;
}

/** Incidents per month of discovery, by cause (domain.md §10.2 `incidentCause`). */
export function monthlyByCause(rows: readonly IncidentRow[], year: number): Record<IncidentCause, number[]> {
  return monthlyBy(rows, year, INCIDENT_CAUSES, (r) => [r.incidentCause]);
}

/** Breach type keys: C/I/A (domain.md §5), and `unspecified` for an incident that names none yet. */
export const BREACH_TYPE_KEYS = [...BREACH_TYPES, 'unspecified'] as const;
export type BreachTypeKey = (typeof BREACH_TYPE_KEYS)[number];

/**
 * Incidents per month of discovery, by breach type. Types are multi-select, so an incident with
 * two types counts under both: the stacks add up to type mentions, not to incidents.
 */
export function monthlyByBreachType(
  rows: readonly IncidentRow[],
  year: number,
): Record<BreachTypeKey, number[]> {
  return monthlyBy(rows, year, BREACH_TYPE_KEYS, (r) =>
    r.breachTypes.length > 0 ? [...new Set(r.breachTypes)] : ['unspecified'],
  );
}

/**
 * Why a duty was not (yet) done, in the order the register's decision reads (domain.md §10.5,
 * §10.8 item 8): the incident is no breach or was withdrawn; not assessed yet; the assessment found
 * no such duty (for the AP: no risk; affected persons: no high risk or an Art. 34(3) exception; the
 * ministry: not required by the contract); the duty was cancelled; or it is still open.
 */
export const NOTIFICATION_OUTCOMES = [
  'notified',
  'open',
  'cancelled',
  'no_duty',
  'exception_unintelligible',
  'exception_subsequent_measures',
  'exception_disproportionate_effort',
  'not_assessed',
  'not_a_breach',
  'withdrawn',
] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

/** The latest assessment version per incident. */
export function latestAssessments(rows: readonly AssessmentRow[]): Map<string, AssessmentRow> {
  const out = new Map<string, AssessmentRow>();
  for (const a of rows) {
    const seen = out.get(a.incidentId);
    if (!seen || a.version > seen.version) out.set(a.incidentId, a);
  }
  return out;
}

/** The fulfilments per incident and duty, latest recorded last. */
export function fulfilmentsByIncident(rows: readonly FulfilmentRow[]): Map<string, FulfilmentRow[]> {
  const out = new Map<string, FulfilmentRow[]>();
  for (const f of [...rows].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())) {
    const list = out.get(f.incidentId) ?? [];
    list.push(f);
    out.set(f.incidentId, list);
  }
  return out;
}

/** One incident's notification outcome for one duty. */
export function notificationOutcome(
  incident: IncidentRow,
  duty: NotifyDuty,
  latest: AssessmentRow | undefined,
  fulfilments: readonly FulfilmentRow[],
): NotificationOutcome {
  const last = fulfilments.filter((f) => f.duty === duty).at(-1);
  if (last?.outcome === 'fulfilled') return 'notified';
  if (incident.status === 'withdrawn') return 'withdrawn';
  if (incident.status === 'not_a_breach' || incident.personalDataInvolved === 'no') return 'not_a_breach';
  if (!latest) return 'not_assessed';
  const required =
    duty === 'authority'
      ? latest.duties.notifyAuthority
      : duty === 'ministry'
        ? latest.duties.notifyMinistry
        : latest.duties.informSubjects;
  if (!required) {
    const exception = latest.art34Exception;
    if (duty === 'subjects' && exception && exception !== 'none') return `exception_${exception}`;
    return 'no_duty';
  }
  return last?.outcome === 'cancelled' ? 'cancelled' : 'open';
}

export interface NotificationShares {
  /** Incidents discovered in the year. */
  total: number;
  counts: Record<NotifyDuty, Record<NotificationOutcome, number>>;
}

/** Per duty, how many of the year's incidents were notified and why the others were not. */
export function notificationShares(
  incidents: readonly IncidentRow[],
  assessments: readonly AssessmentRow[],
  fulfilments: readonly FulfilmentRow[],
  year: number,
): NotificationShares {
  const latest = latestAssessments(assessments);
  const done = fulfilmentsByIncident(fulfilments);
  const empty = (): Record<NotificationOutcome, number> =>
    Object.fromEntries(NOTIFICATION_OUTCOMES.map((o) => [o, 0])) as Record<NotificationOutcome, number>;
  const counts: Record<NotifyDuty, Record<NotificationOutcome, number>> = {
    authority: empty(),
    ministry: empty(),
    subjects: empty(),
  };
  let total = 0;
  for (const i of incidents) {
    if (dutchMonth(i.discoveredAt).year !== year) continue;
    total += 1;
    for (const duty of NOTIFY_DUTIES)
      counts[duty][notificationOutcome(i, duty, latest.get(i.id), done.get(i.id) ?? [])] += 1;
  }
  return { total, counts };
}

/** The AP's outer limit in hours after awareness (Art. 33(1) GDPR, domain.md §10.5). */
export const AP_LIMIT_HOURS = 72;
/** Width of one bar of the filing-time distribution, and the start of its open-ended last bar. */
export const FILING_BIN_HOURS = 12;
export const FILING_LAST_BIN_FROM = 144;

export interface FilingBin {
  /** Hours after awareness: (from, to]; the last bin is open-ended (`to` null). */
  from: number;
  to: number | null;
  count: number;
}

export interface LateFiling {
  reference: string;
  hours: number;
  delayReason: string | null;
}

export interface FilingTimes {
  /** Incidents discovered in the year that were notified to the AP. */
  filed: number;
  onTime: number;
  bins: FilingBin[];
  /** Filed later than 72 h after awareness, slowest first. */
  late: LateFiling[];
}

/**
 * Awareness → AP filing for the year's incidents notified to the AP: the first recorded AP
 * fulfilment, measured from awareness as the clock runs it (the latest assessment's, else the
 * incident's, else discovery: domain.md §10.8 item 7). Exactly 72 h is still on time.
 */
export function filingTimes(
  incidents: readonly IncidentRow[],
  assessments: readonly AssessmentRow[],
  fulfilments: readonly FulfilmentRow[],
  year: number,
): FilingTimes {
  const latest = latestAssessments(assessments);
  const firstFiling = new Map<string, FulfilmentRow>();
  for (const f of fulfilments) {
    if (f.duty !== 'authority' || f.outcome !== 'fulfilled') continue;
    const seen = firstFiling.get(f.incidentId);
    if (!seen || f.at < seen.at) firstFiling.set(f.incidentId, f);
  }
  const bins: FilingBin[] = [];
  for (let from = 0; from < FILING_LAST_BIN_FROM; from += FILING_BIN_HOURS)
    bins.push({ from, to: from + FILING_BIN_HOURS, count: 0 });
  bins.push({ from: FILING_LAST_BIN_FROM, to: null, count: 0 });
  const late: LateFiling[] = [];
  let filed = 0;
  for (const i of incidents) {
    if (dutchMonth(i.discoveredAt).year !== year) continue;
    const filing = firstFiling.get(i.id);
    if (!filing) continue;
    filed += 1;
    const anchor = latest.get(i.id)?.awarenessAt ?? i.awarenessAt ?? i.discoveredAt;
    const hours = Math.max(0, (filing.at.getTime() - anchor.getTime()) / HOUR);
    const index = Math.min(bins.length - 1, Math.max(0, Math.ceil(hours / FILING_BIN_HOURS) - 1));
    const bin = bins[index];
    if (bin) bin.count += 1;
    if (hours > AP_LIMIT_HOURS)
      late.push({ reference: i.reference, hours, delayReason: filing.delayReason?.trim() || null });
  }
  late.sort((a, b) => b.hours - a.hours || a.reference.localeCompare(b.reference));
  return { filed, onTime: filed - late.length, bins, late };
}

/** How many causes the "top recurring causes" figure shows. */
export const TOP_CAUSES = 5;

export interface CauseCount {
  cause: IncidentCause;
  count: number;
}

/** How many of the incidents each cause had (causes without incidents left out). */
export function countCauses(rows: readonly Pick<IncidentRow, 'incidentCause'>[]): CauseCount[] {
  const counts = new Map<IncidentCause, number>();
  for (const r of rows) counts.set(r.incidentCause, (counts.get(r.incidentCause) ?? 0) + 1);
  return [...counts].map(([cause, count]) => ({ cause, count }));
}

/** The most frequent causes, most first; ties in the order of the cause list (domain.md §10.2). */
export function topCauses(counts: readonly CauseCount[], limit = TOP_CAUSES): CauseCount[] {
  return counts
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || INCIDENT_CAUSES.indexOf(a.cause) - INCIDENT_CAUSES.indexOf(b.cause))
    .slice(0, limit);
}

/** The measures recorded on one incident of a top cause. */
export interface MeasureRow {
  reference: string;
  incidentCause: IncidentCause;
  measuresTaken?: string | null;
  closingMeasures?: string | null;
}

export interface CauseMeasures {
  cause: IncidentCause;
  count: number;
  /** Incidents of this cause with measures written down, by reference. */
  measures: Array<{ reference: string; text: string }>;
}

/** Per top cause, the measures taken: those recorded at intake and at closure, in that order. */
export function measuresPerCause(top: readonly CauseCount[], rows: readonly MeasureRow[]): CauseMeasures[] {
  return top.map(({ cause, count }) => ({
    cause,
    count,
    measures: rows
      .filter((r) => r.incidentCause === cause)
      .map((r) => ({
        reference: r.reference,
        text: [r.measuresTaken?.trim(), r.closingMeasures?.trim()].filter(Boolean).join('\n'),
      }))
      .filter((m) => m.text !== '')
      .sort((a, b) => a.reference.localeCompare(b.reference)),
  }));
}

// ---------------------------------------------------------------------------------------------
// Open and overdue duties at each month's end (issue 17): the AP filing, the ministry notice and
// informing affected persons (domain.md §10.5), by the rules the dashboard derives them with
// (server/duties/duty-status.ts: deriveDuties, provisionalAuthorityDuty, clockState) but as of the
// end of the month instead of now. Written out for these three duties rather than calling
// deriveDuties per incident and month: 12 derivations of 10,000 incidents took about a second.

/** What the duty figure reads of one assessment version beyond the notification figure. */
export interface DutyAssessmentRow extends AssessmentRow {
  /** When the version was made: it is in force from then on. */
  at: Date;
  decidedAt: Date;
  deadlines?: { authority?: Date | null; ministry?: Date | null; subjects?: Date | null } | null;
}

/** What the duty figure reads of one incident beyond the other figures. */
export interface DutyIncidentRow extends IncidentRow {
  closedAt?: Date | null;
}

/** Duties at one month's end: still to be done (`open`, overdue ones included) and past their deadline. */
export interface DutyCount {
  open: number;
  overdue: number;
}

export interface DutyMonth extends DutyCount {
  /** The same, per duty. */
  perDuty: Record<NotifyDuty, DutyCount>;
}

/** The instant each month of `year` ends on the Dutch calendar: the first moment of the next month. */
export function monthEnds(year: number): Date[] {
  return Array.from(
    { length: 12 },
    (_, m) =>
      new Date(new TZDate(m === 11 ? year + 1 : year, m === 11 ? 0 : m + 1, 1, DUTCH_TIME_ZONE).getTime()),
  );
}

/** Statuses whose incident, as the register stands, never had duties: no breach after all (§10.1). */
const NO_DUTY_STATUSES: readonly IncidentStatus[] = ['draft', 'not_a_breach', 'withdrawn'];

/**
 * Per month of `year`, the duties to the AP, the ministry and affected persons still to be done at
 * the month's end and how many of them were past their deadline then; null for a month that has not
 * ended at `now`. At a month's end T an incident discovered before T counts with:
 * - the assessment version in force at T (made before T) and the fulfilments done before T;
 * - before its first assessment, the AP duty that runs from awareness or discovery (issue 12,
 *   domain.md §10.8 item 7), unless the reporter said no personal data were involved;
 * - no pending duties once it was closed (its `closedAt`; a closed incident cancels them);
 * - none at all when the register now says it was no breach or the AP notification was withdrawn,
 *   as the notification figure does.
 * Duties without a deadline (affected persons with no target set) are open, never overdue.
 */
export function dutiesOverTime(
  incidents: readonly DutyIncidentRow[],
  assessments: readonly DutyAssessmentRow[],
  fulfilments: readonly FulfilmentRow[],
  year: number,
  now: Date,
  config: Pick<AssessmentConfig, 'authorityHours'> = DEFAULT_ASSESSMENT_CONFIG,
): Array<DutyMonth | null> {
  const versions = new Map<string, DutyAssessmentRow[]>();
  for (const a of assessments) {
    const list = versions.get(a.incidentId);
    if (list) list.push(a);
    else versions.set(a.incidentId, [a]);
  }
  // A duty ends with its first fulfilment or cancellation (as in deriveDuties: any recorded outcome
  // before T means the duty is no longer pending at T).
  const firstDone = new Map<string, Partial<Record<NotifyDuty, number>>>();
  for (const f of fulfilments) {
    const seen = firstDone.get(f.incidentId) ?? {};
    const t = f.at.getTime();
    if (seen[f.duty] === undefined || t < (seen[f.duty] as number)) seen[f.duty] = t;
    firstDone.set(f.incidentId, seen);
  }
  const counted = incidents.filter((i) => !NO_DUTY_STATUSES.includes(i.status));
  return monthEnds(year).map((endDate) => {
    const end = endDate.getTime();
    if (end > now.getTime()) return null;
    const zero = (): DutyCount => ({ open: 0, overdue: 0 });
    const month: DutyMonth = {
      open: 0,
      overdue: 0,
      perDuty: { authority: zero(), ministry: zero(), subjects: zero() },
    };
    const count = (duty: NotifyDuty, deadline: Date | null | undefined) => {
      const overdue = !!deadline && deadline.getTime() < end;
      month.open += 1;
      month.perDuty[duty].open += 1;
      if (overdue) {
        month.overdue += 1;
        month.perDuty[duty].overdue += 1;
      }
    };
    for (const i of counted) {
      if (i.discoveredAt.getTime() >= end) continue;
      // Closing an incident cancels the duties still pending (deriveDuties, incident 'closed').
      if (i.status === 'closed' && (!i.closedAt || i.closedAt.getTime() < end)) continue;
      const done = firstDone.get(i.id) ?? {};
      const pending = (duty: NotifyDuty) => {
        const t = done[duty];
        return t === undefined || t >= end;
      };
      const all = versions.get(i.id) ?? [];
      let inForce: DutyAssessmentRow | null = null;
      for (const a of all) if (a.at.getTime() < end && (!inForce || a.version > inForce.version)) inForce = a;
      if (!inForce) {
        // Before any assessment only the AP clock runs, for a report that was still in triage at T.
        const assessedLater = all.length > 0 || BEFORE_ASSESSMENT.includes(i.status);
        if (!assessedLater || !pending('authority')) continue;
        const early = provisionalAuthorityDuty(
          { ...i, status: 'triage', personalDataInvolved: i.personalDataInvolved ?? 'unknown' },
          endDate,
          config,
        );
        if (early) count('authority', early.deadline);
        continue;
      }
      const { duties, deadlines } = inForce;
      if (duties.notifyAuthority && pending('authority')) count('authority', deadlines?.authority);
      if (duties.notifyMinistry && pending('ministry')) count('ministry', deadlines?.ministry);
      if (duties.informSubjects && pending('subjects')) count('subjects', deadlines?.subjects);
    }
    return month;
  });
}

// ---------------------------------------------------------------------------------------------
// Notice runs to affected persons (issue 7, issue 17): per month in which a run first started, what
// became of its recipients, counted from the pages' status characters as the register counts a
// run (server/notices/notice-register.ts, notifications/notice-run/page-state.ts).

/** A run's first start. */
export interface RunStartRow {
  runId: string;
  at: Date;
}

/** The status characters of one page of a run. */
export interface PageStatusRow {
  runId: string;
  status: string;
}

/** Letters recorded as posted for a run. */
export interface LetterPostingRow {
  runId: string;
  count: number;
}

/** The recipients of the runs of one month (or the year), by what became of their notice. */
export interface NoticeCounts {
  runs: number;
  recipients: number;
  /** Accepted by the mail server. */
  email: number;
  /** No e-mail address: a letter from the start. */
  letter: number;
  /** E-mail refused for good or failed until the attempts ran out: undeliverable, to the letters list. */
  bounced: number;
  /** Not sent yet: waiting, being sent or waiting for a retry. */
  pending: number;
  /** Letters recorded as posted (to persons without an address or whose e-mail bounced). */
  posted: number;
}

export interface NoticeRuns {
  months: NoticeCounts[];
  year: NoticeCounts;
}

const emptyNoticeCounts = (): NoticeCounts => ({
  runs: 0,
  recipients: 0,
  email: 0,
  letter: 0,
  bounced: 0,
  pending: 0,
  posted: 0,
});

/** Per month of `year` in which a run first started (Dutch calendar), and for the year. */
export function noticeRuns(
  starts: readonly RunStartRow[],
  pages: readonly PageStatusRow[],
  postings: readonly LetterPostingRow[],
  year: number,
): NoticeRuns {
  const firstStart = new Map<string, Date>();
  for (const s of starts) {
    const seen = firstStart.get(s.runId);
    if (!seen || s.at < seen) firstStart.set(s.runId, s.at);
  }
  const monthOf = new Map<string, number>();
  for (const [runId, at] of firstStart) {
    const m = dutchMonth(at);
    if (m.year === year) monthOf.set(runId, m.month - 1);
  }
  const months = Array.from({ length: 12 }, emptyNoticeCounts);
  for (const m of monthOf.values()) (months[m] as NoticeCounts).runs += 1;
  for (const p of pages) {
    const m = monthOf.get(p.runId);
    if (m === undefined) continue;
    const c = months[m] as NoticeCounts;
    for (const ch of p.status) {
      c.recipients += 1;
      if (ch === 'S') c.email += 1;
      else if (ch === 'L') c.letter += 1;
      else if (ch === 'F' || ch === 'D') c.bounced += 1;
      else c.pending += 1;
    }
  }
  for (const p of postings) {
    const m = monthOf.get(p.runId);
    if (m !== undefined) (months[m] as NoticeCounts).posted += p.count;
  }
  const total = emptyNoticeCounts();
  for (const c of months) for (const k of Object.keys(total) as Array<keyof NoticeCounts>) total[k] += c[k];
  return { months, year: total };
}
