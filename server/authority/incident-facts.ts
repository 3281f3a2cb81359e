// Loads what the AP dossier and the ministry notice are built from: the incident, its latest
// assessment version, the filings so far and whether affected persons were informed. Only staff
// services call this; the ministry liaison never reaches it (architecture.md §5).
import { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { Assessment, type AssessmentDoc } from '../../models/assessment.model.js';
import { AuthorityFiling, type AuthorityFilingDoc } from '../../models/authority-filing.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { NotFoundError } from '../errors.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../assessments/assessment-config.js';
import { filingDeadline } from './filing-deadline.js';

/** An incident with what the dossier needs. */
export interface IncidentFacts {
  incident: IncidentDoc;
  /** The latest assessment version (the decision in force), if assessed. */
  assessment: AssessmentDoc | null;
  /** Every filing, oldest first. */
  filings: AuthorityFilingDoc[];
  subjectsInformedAt: Date | null;
}

/** Parses a path id; anything that is not a 24-hex ObjectId is "not found" (never a query operator). */
export function toObjectId(id: unknown): Types.ObjectId {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError();
  return new Types.ObjectId(id);
}

/** Loads the facts of one incident; NotFoundError when it does not exist. */
export async function loadIncidentFacts(incidentId: Types.ObjectId): Promise<IncidentFacts> {
  const incident = await Incident.findById(incidentId).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  const [assessment, filings, informed] = await Promise.all([
    Assessment.findOne({ incidentId }).sort({ version: -1 }).lean<AssessmentDoc>(),
    AuthorityFiling.find({ incidentId }).sort({ version: 1 }).lean<AuthorityFilingDoc[]>(),
    DutyFulfilment.findOne({ incidentId, duty: 'subjects', outcome: 'fulfilled' }).sort({ at: 1 }).lean(),
  ]);
  return { incident, assessment, filings, subjectsInformedAt: informed?.at ?? null };
}

/** The fields the deadline is computed from. */
export interface DeadlineSource {
  incident: { awarenessAt?: Date | null; reportedInternallyAt: Date };
  assessment: {
    awarenessAt?: Date | null;
    deadlines?: { authority?: Date | null; ministry?: Date | null } | null;
  } | null;
}

/** When the organisation became aware: the assessment's, else the intake's, else the internal report (§3). */
export function awarenessOf(facts: DeadlineSource): Date {
  return facts.assessment?.awarenessAt ?? facts.incident.awarenessAt ?? facts.incident.reportedInternallyAt;
}

/** The deadline of the first filing for this incident under the organisation's role. */
export function deadlineOf(facts: DeadlineSource, role: 'controller' | 'processor'): Date | null {
  return filingDeadline({
    role,
    awarenessAt: awarenessOf(facts),
    authorityHours: DEFAULT_ASSESSMENT_CONFIG.authorityHours,
    assessedAuthorityDeadline: facts.assessment?.deadlines?.authority ?? null,
    assessedMinistryDeadline: facts.assessment?.deadlines?.ministry ?? null,
  });
}
