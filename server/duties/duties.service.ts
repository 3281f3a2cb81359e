// Reading duties: the latest assessment and the fulfilments of incidents, turned into duty states
// by the pure deriveDuties(). These functions check no role: callers (incident page, register,
// dashboard, reminder scheduler, calendar feed) are services that have checked the actor already.
import { Types } from 'mongoose';
import { OPEN_STATUSES, type IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { incidentIndex, type IncidentIndex, type IndexedIncident } from '../incidents/incident-index.js';
import { DEFAULT_ASSESSMENT_CONFIG, type AssessmentConfig } from '../assessments/assessment-config.js';
import {
  BEFORE_ASSESSMENT,
  clockState,
  compareByUrgency,
  deriveDuties,
  isPending,
  provisionalAuthorityDuty,
  type DutyState,
} from './duty-status.js';

/** A duty with the incident it belongs to. */
export interface IncidentDuty extends DutyState {
  incidentId: string;
  reference: string;
  incidentStatus: IncidentStatus;
}

/**
 * The duties of one incident from the incident index (its latest assessment and fulfilments,
 * kept current by the change feed; server/incidents/incident-index.ts). Before any assessment, a
 * new or triaged report has its AP duty from its own facts (provisionalAuthorityDuty). The derivation is kept
 * until the incident's entries change; only the clock-dependent part of a pending duty with a
 * deadline (open or overdue, time left, urgency) is worked out again for `now`.
 */
export function dutiesFromIndex(
  ix: IncidentIndex,
  i: IndexedIncident,
  now: Date,
  config: AssessmentConfig,
): IncidentDuty[] {
  const derived = ix.memo(i.id, `duties:${config.ministry.hours}:${config.authorityHours}`, () => {
    const openness = OPEN_STATUSES.includes(i.status) ? 'open' : 'closed';
    const assessment = ix.latestAssessment(i.id)?.facts ?? null;
    const states = deriveDuties(assessment, ix.fulfilmentsOf(i.id), now, config, openness);
    // A recorded AP filing (or withdrawal) speaks for itself; otherwise the clock runs before the assessment.
    const early =
      assessment || states.some((s) => s.duty === 'authority')
        ? null
        : provisionalAuthorityDuty(i, now, config);
    if (early) states.unshift(early);
    return states.map((s): IncidentDuty => ({
      ...s,
      incidentId: i.id,
      reference: i.reference,
      incidentStatus: i.status,
    }));
  });
  return derived.map((d) => (isPending(d) && d.deadline ? { ...d, ...clockState(d.deadline, now) } : d));
}

/** Every duty of one incident (open, overdue, fulfilled, cancelled); empty for an unknown id. */
export async function incidentDuties(
  incidentId: string,
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<IncidentDuty[]> {
  if (!Types.ObjectId.isValid(incidentId)) return [];
  const ix = await incidentIndex();
  const incident = ix.get(String(new Types.ObjectId(incidentId)));
  return incident ? dutiesFromIndex(ix, incident, now, config) : [];
}

/** The duties of many incidents at once (e.g. a register page), keyed by incident id. */
export async function dutiesByIncident(
  incidentIds: readonly string[],
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<Map<string, IncidentDuty[]>> {
  const ix = await incidentIndex();
  const out = new Map<string, IncidentDuty[]>();
  for (const id of incidentIds) {
    const incident = Types.ObjectId.isValid(id) ? ix.get(String(new Types.ObjectId(id))) : undefined;
    if (incident) out.set(incident.id, dutiesFromIndex(ix, incident, now, config));
  }
  return out;
}

/**
 * Every duty still to be done across incidents being handled, overdue first, then by deadline;
 * including the AP duty of reports not yet assessed (reminders and escalation chase it too).
 */
export async function openDuties(
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<IncidentDuty[]> {
  const ix = await incidentIndex();
  const out: IncidentDuty[] = [];
  for (const i of ix.all()) {
    if (!OPEN_STATUSES.includes(i.status)) continue;
    for (const d of dutiesFromIndex(ix, i, now, config)) if (isPending(d)) out.push(d);
  }
  return out.sort(compareByUrgency);
}

/** A report nobody has assessed yet (new or in triage), with its AP duty when one applies. */
export interface UnassessedReport {
  incident: IndexedIncident;
  /** The pending AP duty from the incident's own facts; null when the reporter said no personal data. */
  authority: IncidentDuty | null;
}

/** Urgencies of pending work, counted on the dashboard. */
export type WorkUrgency = 'overdue' | 'soon' | 'later' | 'no_deadline';

/** One page of what the privacy officer has to do: the reports still to assess, then every other pending duty. */
export interface OpenWork {
  /** The inbox rows among the requested positions, clock as of `now`. */
  inbox: UnassessedReport[];
  /** The duty rows among the requested positions (they follow the whole inbox), clock as of `now`. */
  duties: IncidentDuty[];
  inboxTotal: number;
  dutiesTotal: number;
  /** Over the whole list: each inbox row by its AP clock ("no_deadline" without one), each duty by its own. */
  counts: Record<WorkUrgency, number>;
}

const NO_CLOCK = { status: 'open', deadline: null } as const;

/** The work list in order, without the clock: it only changes when the data do (see orderedWork). */
interface OrderedWork {
  inbox: UnassessedReport[];
  duties: IncidentDuty[];
}

/**
 * The inbox and the pending duties in dashboard order. Among pending duties that order is the
 * deadline's (an overdue one has the earlier deadline; compareByUrgency), so it does not change
 * as time passes: it is derived once per change of the index and only the shown rows and the
 * counts are put on the clock per request (issue 10: at 10,000 incidents, deriving and sorting
 * ~10,000 rows per request cut the dashboard from 52 to 17 requests per second).
 */
function orderedWork(ix: IncidentIndex, now: Date, config: AssessmentConfig): OrderedWork {
  return ix.whole(`work:${config.ministry.hours}:${config.authorityHours}`, () => {
    const inbox: UnassessedReport[] = [];
    const duties: IncidentDuty[] = [];
    for (const i of ix.all()) {
      if (!OPEN_STATUSES.includes(i.status)) continue;
      const pending = dutiesFromIndex(ix, i, now, config).filter(isPending);
      if (BEFORE_ASSESSMENT.includes(i.status) && !ix.latestAssessment(i.id)) {
        const authority = pending.find((d) => d.duty === 'authority') ?? null;
        inbox.push({ incident: i, authority });
        for (const d of pending) if (d !== authority) duties.push(d);
      } else duties.push(...pending);
    }
    inbox.sort(
      (a, b) =>
        compareByUrgency(a.authority ?? NO_CLOCK, b.authority ?? NO_CLOCK) ||
        a.incident.reportedInternallyAt.getTime() - b.incident.reportedInternallyAt.getTime(),
    );
    return { inbox, duties: duties.sort(compareByUrgency) };
  });
}

/** A pending duty on the clock of `now`. */
function onClock(d: IncidentDuty, now: Date): IncidentDuty {
  return d.deadline ? { ...d, ...clockState(d.deadline, now) } : d;
}

/**
 * Adds to `counts` the urgencies of rows in deadline order (rows without a deadline last), found
 * by binary search: urgency only grows from overdue to soon to later along the deadlines.
 */
function countUrgencies(
  deadlines: (i: number) => Date | null | undefined,
  length: number,
  now: Date,
  counts: Record<WorkUrgency, number>,
): void {
  const RANK: Record<string, number> = { overdue: 0, soon: 1, later: 2 };
  const rankAt = (i: number): number => {
    const deadline = deadlines(i);
    return deadline ? RANK[clockState(deadline, now).urgency]! : 3;
  };
  // firstFrom(r): the first position whose rank is at least r.
  const firstFrom = (r: number): number => {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rankAt(mid) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const soon = firstFrom(1);
  const later = firstFrom(2);
  const none = firstFrom(3);
  counts.overdue += soon;
  counts.soon += later - soon;
  counts.later += none - later;
  counts.no_deadline += length - none;
}

/**
 * The inbox and the open duties (issue 12: new and untriaged reports first) as one list, positions
 * [from, to) of it with the clock of `now`, and the counts over all of it. No query per incident:
 * everything comes from the index in memory.
 */
export async function openWork(
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
  window: { from: number; to: number } = { from: 0, to: Number.POSITIVE_INFINITY },
): Promise<OpenWork> {
  const ix = await incidentIndex();
  const work = orderedWork(ix, now, config);
  const counts: Record<WorkUrgency, number> = { overdue: 0, soon: 0, later: 0, no_deadline: 0 };
  countUrgencies((i) => work.inbox[i]!.authority?.deadline, work.inbox.length, now, counts);
  countUrgencies((i) => work.duties[i]!.deadline, work.duties.length, now, counts);
  const n = work.inbox.length;
  return {
    inbox: work.inbox
      .slice(window.from, window.to)
      .map((r) => (r.authority ? { ...r, authority: onClock(r.authority, now) } : r)),
    duties: work.duties
      .slice(Math.max(0, window.from - n), Math.max(0, window.to - n))
      .map((d) => onClock(d, now)),
    inboxTotal: n,
    dutiesTotal: work.duties.length,
    counts,
  };
}
