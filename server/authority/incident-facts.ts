// Loads what the AP dossier and the ministry notice are built from: the incident with the facts in
// force (issue 12: the reporter's facts as corrected by the privacy officer, server/facts/), its
// latest assessment version, the filings so far and whether affected persons were informed. Only
// staff services call this; the ministry liaison never reaches it (architecture.md §5).
import { Types } from 'mongoose';
import { assessmentsOfIncident, filingsOfIncident, latestVersion } from '../incidents/incident-children.js';
import { incidentIndex } from '../incidents/incident-index.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import type { AssessmentDoc } from '../../models/assessment.model.js';
import type { AuthorityFilingDoc } from '../../models/authority-filing.model.js';
import { NotFoundError } from '../errors.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../assessments/assessment-config.js';
import { filingDeadline } from './filing-deadline.js';
import { awarenessOrDiscovery } from '../register/awareness-rule.js';
import {
  effectiveFacts,
  engineFacts,
  withEffectiveFacts,
  type EffectiveFacts,
} from '../facts/effective-facts.js';
import type { AssessmentInput } from '../assessments/assessment-input.schema.js';
import { factCorrectionsOfIncident } from '../incidents/incident-children.js';
import type { FactCorrectionDoc } from '../../models/fact-correction.model.js';

/** An incident with what the dossier needs. */
export interface IncidentFacts {
  /** The incident with the facts in force in place of the reporter's (one set of facts, issue 12). */
  incident: IncidentDoc;
  /** The facts in force with their origins and history. */
  facts: EffectiveFacts;
  /** The latest assessment version (the decision in force), if assessed; its input carries the facts in force. */
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
  // By foreign-key indexes and the incident index, not by queries that read whole collections (issue 10).
  const [versions, filings, ix, corrections] = await Promise.all([
    assessmentsOfIncident.find<AssessmentDoc>(incidentId),
    filingsOfIncident.find<AuthorityFilingDoc>(incidentId),
    incidentIndex(),
    factCorrectionsOfIncident.find<FactCorrectionDoc>(incidentId),
  ]);
  const latest = latestVersion(versions);
  const facts = effectiveFacts(incident, versions, corrections);
  // The decision in force, read with the facts in force: a fact the officer corrected after the
  // assessment (protection per category, counts, …) is not answered from the older input.
  const assessment = latest
    ? { ...latest, input: engineFacts(latest.input as AssessmentInput, facts) }
    : null;
  const informed = ix
    .fulfilmentsOf(String(incidentId))
    .filter((f) => f.duty === 'subjects' && f.outcome === 'fulfilled')
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return {
    incident: withEffectiveFacts(incident, facts),
    facts,
    assessment,
    filings: filings.sort((a, b) => a.version - b.version),
    subjectsInformedAt: informed?.at ?? null,
  };
}

/** The fields the deadline is computed from. */
export interface DeadlineSource {
  incident: { awarenessAt?: Date | null; discoveredAt: Date };
  assessment: {
    awarenessAt?: Date | null;
    deadlines?: { authority?: Date | null; ministry?: Date | null } | null;
  } | null;
}

/** When the organisation became aware: the assessment's, else the intake's, else discovery (domain.md §10.8 item 7). */
export function awarenessOf(facts: DeadlineSource): Date {
  return facts.assessment?.awarenessAt ?? awarenessOrDiscovery(facts.incident);
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
