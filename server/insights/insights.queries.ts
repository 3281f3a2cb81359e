// The database side of the insights figures (issue 17): one aggregation per figure set, each
// returning only the few fields its figure needs, never whole incidents.
//
// FerretDB 1.24 (architecture.md §4) runs the stages $match, $project, $group, $sort, $unwind,
// $limit, $skip, $count, $addFields/$set and $unset, with only $sum and $count as accumulators and
// no expression operators beyond $sum and $type: there is no $lookup, $facet, $bucket, no date
// operators ($month, $dateToString) and no arithmetic ($subtract). So:
// - the year's incidents are read once, in one projection that every incident figure shares
//   (counting per cause and the measures of the top causes included): on the embedded database each
//   query on incidents reads the whole collection, however narrow its filter;
// - the month of discovery (Dutch calendar) and the hours from awareness to filing are taken from
//   projected rows in insights.aggregate.ts, as the database cannot compute them;
// - assessments and fulfilments are read as two projections and joined to the year's incidents in
//   memory, as the database cannot join ($lookup).
// Every query is bounded by the year: incidents by their discovery, assessments and fulfilments by
// their own time, which never precedes the discovery of their incident.
import { TZDate } from '@date-fns/tz';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident } from '../../models/incident.model.js';
import { DUTCH_TIME_ZONE } from '../local-time.js';
import {
  NOTIFY_DUTIES,
  type AssessmentRow,
  type FulfilmentRow,
  type IncidentRow,
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

interface StoredIncidentRow extends Omit<IncidentRow, 'id'> {
  _id: unknown;
}

/** The year's incidents as the month, type, awareness and notification figures need them. */
export async function incidentRows(year: number): Promise<IncidentRow[]> {
  const rows = await Incident.aggregate<StoredIncidentRow>([
    { $match: discoveredIn(year) },
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
      },
    },
  ]);
  return rows.map(({ _id, ...r }) => ({ ...r, id: String(_id), breachTypes: r.breachTypes ?? [] }));
}

interface StoredAssessmentRow extends Omit<AssessmentRow, 'incidentId'> {
  incidentId: unknown;
}

/** Assessment versions made since the year began: their duties, exception and awareness. */
export async function assessmentRows(year: number): Promise<AssessmentRow[]> {
  const rows = await Assessment.aggregate<StoredAssessmentRow>([
    { $match: { at: { $gte: yearBounds(year).start } } },
    {
      $project: {
        _id: 0,
        incidentId: 1,
        version: 1,
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

/** AP, ministry and affected-persons fulfilments recorded since the year began. */
export async function fulfilmentRows(year: number): Promise<FulfilmentRow[]> {
  const rows = await DutyFulfilment.aggregate<StoredFulfilmentRow>([
    { $match: { duty: { $in: [...NOTIFY_DUTIES] }, at: { $gte: yearBounds(year).start } } },
    { $project: { _id: 0, incidentId: 1, duty: 1, outcome: 1, at: 1, recordedAt: 1, delayReason: 1 } },
  ]);
  return rows.map((r) => ({ ...r, incidentId: String(r.incidentId) }));
}
