// Reading duties: the latest assessment and the fulfilments of incidents, turned into duty states
// by the pure deriveDuties(). These functions check no role: callers (incident page, register,
// dashboard, reminder scheduler, calendar feed) are services that have checked the actor already.
import { Types } from 'mongoose';
import type { DutyKind } from '../../models/duty-fulfilment.model.js';
import { OPEN_STATUSES, type IncidentStatus } from '../incidents/incident-status.js';
import { incidentIndex, type IncidentIndex, type IndexedIncident } from '../incidents/incident-index.js';
import { DEFAULT_ASSESSMENT_CONFIG, type AssessmentConfig } from '../assessments/assessment-config.js';
import { BEFORE_ASSESSMENT, clockState, compareByUrgency, deriveDuties, isPending, provisionalAuthorityDuty, type DutyState } from './duty-status.js';

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
export function dutiesFromIndex(ix: IncidentIndex, i: IndexedIncident, now: Date, config: AssessmentConfig): IncidentDuty[] {
  const derived = ix.memo(i.id, `duties:${config.ministry.hours}:${config.authorityHours}`, () => {
    const openness = OPEN_STATUSES.includes(i.status) ? 'open' : 'closed';
    const assessment = ix.latestAssessment(i.id)?.facts ?? null;
    const states = deriveDuties(assessment, ix.fulfilmentsOf(i.id), now, config, openness);
    // A recorded AP filing (or withdrawal) speaks for itself; otherwise the clock runs before the assessment.
    const early = assessment || states.some((s) => s.duty === 'authority') ? null : provisionalAuthorityDuty(i, now, config);
    if (early) states.unshift(early);
    return states.map((s): IncidentDuty => ({ ...s, incidentId: i.id, reference: i.reference, incidentStatus: i.status }));
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

/** What the privacy officer has to do: the reports still to assess, then every other pending duty. */
export interface OpenWork {
  /** Most pressing AP clock first (overdue, then by deadline); reports without a clock last, oldest first. */
  inbox: UnassessedReport[];
  /** Pending duties of the other incidents (and any other pending duty of the inbox's), as openDuties. */
  duties: IncidentDuty[];
}

const NO_CLOCK = { status: 'open', deadline: null } as const;

/**
 * The inbox and the open duties in one pass over the incident index (issue 12: new and untriaged
 * reports first). No query per incident: everything comes from the index in memory.
 */
export async function openWork(now: Date, config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG): Promise<OpenWork> {
  const ix = await incidentIndex();
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
}

/** The pending duty of one kind of one incident, if any (for features that fulfil it). */
export async function pendingDuty(
  incidentId: string,
  duty: DutyKind,
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<IncidentDuty | undefined> {
  return (await incidentDuties(incidentId, now, config)).find((d) => d.duty === duty && isPending(d));
}
