// Where the insights figures (issue 17) read their rows.
//
// Incidents, every assessment version and the fulfilments come from the incident index
// (server/incidents/incident-index.ts), held in memory and kept current through the change feed:
// on the embedded database (FerretDB 1.24, architecture.md §4) every query other than `{_id: value}`
// reads and decodes its whole collection, so computing a year's figures from the database after a
// change took about 5 s at 10,000 incidents, and from the index it costs work in memory only.
// The incidents are bounded by the year: those discovered in it, and for the duties over time those
// discovered earlier that were still being handled when it began. Every assessment version and
// fulfilment is read, as an earlier incident's duties in the year depend on versions and filings
// made before it.
//
// The notice runs are read from the database with one narrow aggregation each (FerretDB runs
// $match and $project, nothing that joins): their starts, and the pages and letter postings of the
// year's runs, a few small documents per run.
import { TZDate } from '@date-fns/tz';
import { Types } from 'mongoose';
import { NoticeLetterPosting } from '../../models/notice-letter-posting.model.js';
import { NoticePageHead } from '../../models/notice-page-head.model.js';
import { NoticeRunEvent } from '../../models/notice-run-event.model.js';
import { OPEN_STATUSES } from '../../models/vocabulary/incident-status.js';
import { incidentIndex } from '../incidents/incident-index.js';
import { DUTCH_TIME_ZONE } from '../local-time.js';
import {
  NOTIFY_DUTIES,
  type DutyAssessmentRow,
  type DutyIncidentRow,
  type FulfilmentRow,
  type LetterPostingRow,
  type PageStatusRow,
  type RunStartRow,
} from './insights.aggregate.js';

/** The instants the Dutch calendar year begins and ends (end exclusive). */
export function yearBounds(year: number): { start: Date; end: Date } {
  return {
    start: new Date(new TZDate(year, 0, 1, DUTCH_TIME_ZONE).getTime()),
    end: new Date(new TZDate(year + 1, 0, 1, DUTCH_TIME_ZONE).getTime()),
  };
}

/** The year's incidents as the month, type, awareness and notification figures need them. */
export async function incidentRows(year: number): Promise<DutyIncidentRow[]> {
  const { start, end } = yearBounds(year);
  return (await indexedIncidents()).filter((i) => i.discoveredAt >= start && i.discoveredAt < end);
}

/**
 * The year's incidents and the earlier ones still being handled when it began (still open, or
 * closed during or after it): the incident figures take the year's, the duties over time all of them.
 */
export async function handledIncidentRows(year: number): Promise<DutyIncidentRow[]> {
  const { start, end } = yearBounds(year);
  const open: ReadonlySet<string> = new Set(OPEN_STATUSES);
  return (await indexedIncidents()).filter(
    (i) =>
      i.discoveredAt < end &&
      (i.discoveredAt >= start || open.has(i.status) || (i.closedAt != null && i.closedAt >= start)),
  );
}

async function indexedIncidents(): Promise<DutyIncidentRow[]> {
  return (await incidentIndex()).all().map((i) => ({
    id: i.id,
    reference: i.reference,
    status: i.status,
    discoveredAt: i.discoveredAt,
    awarenessAt: i.awarenessAt ?? null,
    personalDataInvolved: i.personalDataInvolved,
    incidentCause: i.incidentCause,
    breachTypes: i.breachTypes,
    measuresTaken: i.measuresTaken ?? null,
    closingMeasures: i.closingMeasures ?? null,
    closedAt: i.closedAt ?? null,
  }));
}

/**
 * Every assessment version: its time, duties, deadlines, exception and awareness (the figures pick
 * those of the incidents they count). `year` is kept for symmetry with the other reads: the
 * duties of an earlier incident in the year follow versions made before the year.
 */
export async function assessmentRows(_year?: number): Promise<DutyAssessmentRow[]> {
  return (await incidentIndex()).allAssessmentVersions();
}

/** Every AP, ministry and affected-persons fulfilment (see assessmentRows for why not by year). */
export async function fulfilmentRows(_year?: number): Promise<FulfilmentRow[]> {
  const duties: ReadonlySet<string> = new Set(NOTIFY_DUTIES);
  return (await incidentIndex())
    .allFulfilments()
    .filter((f): f is typeof f & { duty: FulfilmentRow['duty'] } => duties.has(f.duty))
    .map((f) => ({
      incidentId: f.incidentId,
      duty: f.duty,
      outcome: f.outcome,
      at: f.at,
      recordedAt: f.recordedAt ?? f.at,
      delayReason: f.delayReason ?? null,
    }));
}

/** Every start of a notice run (a run restarted after a voided approval starts more than once). */
export async function runStartRows(): Promise<RunStartRow[]> {
  const rows = await NoticeRunEvent.aggregate<{ runId: unknown; at: Date }>([
    { $match: { type: 'started' } },
    { $project: { _id: 0, runId: 1, at: 1 } },
  ]);
  return rows.map((r) => ({ runId: String(r.runId), at: r.at }));
}

const asObjectIds = (runIds: readonly string[]) => runIds.map((id) => new Types.ObjectId(id));

/** The status characters of every page of the runs given. */
export async function pageStatusRows(runIds: readonly string[]): Promise<PageStatusRow[]> {
  if (runIds.length === 0) return [];
  const rows = await NoticePageHead.aggregate<{ runId: unknown; status: string }>([
    { $match: { runId: { $in: asObjectIds(runIds) } } },
    { $project: { _id: 0, runId: 1, status: 1 } },
  ]);
  return rows.map((r) => ({ runId: String(r.runId), status: r.status }));
}

/** The letters recorded as posted for the runs given. */
export async function letterPostingRows(runIds: readonly string[]): Promise<LetterPostingRow[]> {
  if (runIds.length === 0) return [];
  const rows = await NoticeLetterPosting.aggregate<{ runId: unknown; count: number }>([
    { $match: { runId: { $in: asObjectIds(runIds) } } },
    { $project: { _id: 0, runId: 1, count: 1 } },
  ]);
  return rows.map((r) => ({ runId: String(r.runId), count: r.count }));
}
