// The database side of the insights figures (issue 17): one aggregation per figure set, each
// returning only the few fields its figure needs, never whole incidents.
//
// FerretDB 1.24 (architecture.md §4) runs the stages $match, $project, $group, $sort, $unwind,
// $limit, $skip, $count, $addFields/$set and $unset, with only $sum and $count as accumulators and
// no expression operators beyond $sum and $type: there is no $lookup, $facet, $bucket, no date
// operators ($month, $dateToString) and no arithmetic ($subtract). So:
// - incidents are read once, in one projection that every incident figure shares (counting per
//   cause and the measures of the top causes included, and the earlier incidents the duties over
//   time need): on the embedded database each query on incidents reads the whole collection,
//   however narrow its filter;
// - the month of discovery (Dutch calendar) and the hours from awareness to filing are taken from
//   projected rows in insights.aggregate.ts, as the database cannot compute them;
// - assessments and fulfilments are read as two projections and joined to the year's incidents in
//   memory, as the database cannot join ($lookup).
// The incidents are bounded by the year: those discovered in it, and for the duties over time those
// discovered earlier that were still being handled when it began. Assessments and fulfilments are
// read whole (a few small fields each), as an earlier incident's duties in the year depend on
// versions and filings made before it. Notice runs are found by their first start; their pages and
// letter postings by run.
import { TZDate } from '@date-fns/tz';
import { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident } from '../../models/incident.model.js';
import { NoticeLetterPosting } from '../../models/notice-letter-posting.model.js';
import { NoticePageHead } from '../../models/notice-page-head.model.js';
import { NoticeRunEvent } from '../../models/notice-run-event.model.js';
import { OPEN_STATUSES } from '../../models/vocabulary/incident-status.js';
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

const discoveredIn = (year: number) => {
  const { start, end } = yearBounds(year);
  return { discoveredAt: { $gte: start, $lt: end } };
};

interface StoredIncidentRow extends Omit<DutyIncidentRow, 'id'> {
  _id: unknown;
}

async function readIncidents(match: Record<string, unknown>): Promise<DutyIncidentRow[]> {
  const rows = await Incident.aggregate<StoredIncidentRow>([
    { $match: match },
    {
      $project: {
        reference: 1,
        status: 1,
        discoveredAt: 1,
        awarenessAt: 1,
        personalDataInvolved: 1,
        incidentCause: 1,
        breachTypes: 1,
        measuresTaken: 1,
        closingMeasures: 1,
        closedAt: 1,
      },
    },
  ]);
  return rows.map(({ _id, ...r }) => ({ ...r, id: String(_id), breachTypes: r.breachTypes ?? [] }));
}

/** The year's incidents as the month, type, awareness and notification figures need them. */
export async function incidentRows(year: number): Promise<DutyIncidentRow[]> {
  return readIncidents(discoveredIn(year));
}

/**
 * The year's incidents and the earlier ones still being handled when it began (still open, or
 * closed during or after it), in one read: the incident figures take the year's, the duties over
 * time all of them.
 */
export async function handledIncidentRows(year: number): Promise<DutyIncidentRow[]> {
  const { start, end } = yearBounds(year);
  return readIncidents({
    discoveredAt: { $lt: end },
    $or: [
      { discoveredAt: { $gte: start } },
      { status: { $in: [...OPEN_STATUSES] } },
      { closedAt: { $gte: start } },
    ],
  });
}

interface StoredAssessmentRow extends Omit<DutyAssessmentRow, 'incidentId'> {
  incidentId: unknown;
}

/**
 * Every assessment version: its time, duties, deadlines, exception and awareness (the figures pick
 * those of the incidents they count). `year` is kept for symmetry with the other reads: the
 * duties of an earlier incident in the year follow versions made before the year.
 */
export async function assessmentRows(_year?: number): Promise<DutyAssessmentRow[]> {
  const rows = await Assessment.aggregate<StoredAssessmentRow>([
    {
      $project: {
        _id: 0,
        incidentId: 1,
        version: 1,
        at: 1,
        decidedAt: 1,
        'deadlines.authority': 1,
        'deadlines.ministry': 1,
        'deadlines.subjects': 1,
        riskLevel: 1,
        awarenessAt: 1,
        'duties.notifyAuthority': 1,
        'duties.informSubjects': 1,
        'duties.notifyMinistry': 1,
        art34Exception: 1,
      },
    },
  ]);
  return rows.map((r) => ({ ...r, incidentId: String(r.incidentId) }));
}

interface StoredFulfilmentRow extends Omit<FulfilmentRow, 'incidentId'> {
  incidentId: unknown;
}

/** Every AP, ministry and affected-persons fulfilment (see assessmentRows for why not by year). */
export async function fulfilmentRows(_year?: number): Promise<FulfilmentRow[]> {
  const rows = await DutyFulfilment.aggregate<StoredFulfilmentRow>([
    { $match: { duty: { $in: [...NOTIFY_DUTIES] } } },
    { $project: { _id: 0, incidentId: 1, duty: 1, outcome: 1, at: 1, recordedAt: 1, delayReason: 1 } },
  ]);
  return rows.map((r) => ({ ...r, incidentId: String(r.incidentId) }));
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
