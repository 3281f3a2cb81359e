// Reading duties: the latest assessment and the fulfilments of incidents, turned into duty states
// by the pure deriveDuties(). These functions check no role: callers (incident page, register,
// dashboard, reminder scheduler, calendar feed) are services that have checked the actor already.
import { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment, type DutyKind } from '../../models/duty-fulfilment.model.js';
import { Incident } from '../../models/incident.model.js';
import { OPEN_STATUSES, type IncidentStatus } from '../incidents/incident-status.js';
import { DEFAULT_ASSESSMENT_CONFIG, type AssessmentConfig } from '../assessments/assessment-config.js';
import {
  compareByUrgency,
  deriveDuties,
  isPending,
  type AssessmentFacts,
  type DutyState,
  type FulfilmentFacts,
} from './duty-status.js';

/** A duty with the incident it belongs to. */
export interface IncidentDuty extends DutyState {
  incidentId: string;
  reference: string;
  incidentStatus: IncidentStatus;
}

interface StoredAssessment {
  incidentId: Types.ObjectId;
  version: number;
  decidedAt: Date;
  awarenessAt?: Date | null;
  input?: { decidedAt?: unknown } | null;
  duties: AssessmentFacts['duties'];
  deadlines?: AssessmentFacts['deadlines'] | null;
}

interface StoredFulfilment extends FulfilmentFacts {
  incidentId: Types.ObjectId;
}

function toFacts(a: StoredAssessment): AssessmentFacts {
  const anchor = a.input?.decidedAt;
  return {
    version: a.version,
    decidedAt: a.decidedAt,
    awarenessAt: a.awarenessAt ?? null,
    subjectsAnchor: typeof anchor === 'string' ? anchor : null,
    duties: a.duties,
    deadlines: a.deadlines ?? {},
  };
}

/** The latest assessment of each incident (versions are read newest first, the first one kept). */
async function latestAssessments(ids: Types.ObjectId[]): Promise<Map<string, AssessmentFacts>> {
  const rows = await Assessment.find({ incidentId: { $in: ids } })
    .select({ incidentId: 1, version: 1, decidedAt: 1, awarenessAt: 1, input: 1, duties: 1, deadlines: 1 })
    .sort({ incidentId: 1, version: -1 })
    .lean<StoredAssessment[]>();
  const out = new Map<string, AssessmentFacts>();
  for (const a of rows) {
    const key = String(a.incidentId);
    const seen = out.get(key);
    if (!seen || seen.version < a.version) out.set(key, toFacts(a));
  }
  return out;
}

async function fulfilmentsOf(ids: Types.ObjectId[]): Promise<Map<string, StoredFulfilment[]>> {
  const rows = await DutyFulfilment.find({ incidentId: { $in: ids } })
    .select({ incidentId: 1, duty: 1, outcome: 1, at: 1, recordedAt: 1, late: 1, ref: 1, complete: 1 })
    .lean<StoredFulfilment[]>();
  const out = new Map<string, StoredFulfilment[]>();
  for (const f of rows) {
    const key = String(f.incidentId);
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return out;
}

interface IncidentHead {
  _id: Types.ObjectId;
  reference: string;
  status: IncidentStatus;
}

async function dutiesOf(incidents: IncidentHead[], now: Date, config: AssessmentConfig): Promise<Map<string, IncidentDuty[]>> {
  const ids = incidents.map((i) => i._id);
  const [assessments, fulfilments] = await Promise.all([latestAssessments(ids), fulfilmentsOf(ids)]);
  const out = new Map<string, IncidentDuty[]>();
  for (const i of incidents) {
    const key = String(i._id);
    const openness = OPEN_STATUSES.includes(i.status) ? 'open' : 'closed';
    const states = deriveDuties(assessments.get(key) ?? null, fulfilments.get(key) ?? [], now, config, openness);
    out.set(
      key,
      states.map((s) => ({ ...s, incidentId: key, reference: i.reference, incidentStatus: i.status })),
    );
  }
  return out;
}

/** Every duty of one incident (open, overdue, fulfilled, cancelled); empty for an unknown id. */
export async function incidentDuties(
  incidentId: string,
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<IncidentDuty[]> {
  if (!Types.ObjectId.isValid(incidentId)) return [];
  const incident = await Incident.findById(incidentId).select({ reference: 1, status: 1 }).lean<IncidentHead>();
  if (!incident) return [];
  return (await dutiesOf([incident], now, config)).get(String(incident._id)) ?? [];
}

/** The duties of many incidents at once (e.g. a register page), keyed by incident id. */
export async function dutiesByIncident(
  incidentIds: readonly string[],
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<Map<string, IncidentDuty[]>> {
  const ids = incidentIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return new Map();
  const incidents = await Incident.find({ _id: { $in: ids } }).select({ reference: 1, status: 1 }).lean<IncidentHead[]>();
  return dutiesOf(incidents, now, config);
}

/** Every duty still to be done across incidents being handled, overdue first, then by deadline. */
export async function openDuties(
  now: Date,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): Promise<IncidentDuty[]> {
  const incidents = await Incident.find({ status: { $in: OPEN_STATUSES } })
    .select({ reference: 1, status: 1 })
    .lean<IncidentHead[]>();
  if (incidents.length === 0) return [];
  const all = await dutiesOf(incidents, now, config);
  return [...all.values()].flat().filter(isPending).sort(compareByUrgency);
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
