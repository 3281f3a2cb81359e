// The privacy officer's assessment of an incident (issue 4): the facts from the intake (or the
// previous version), the engine's result, and the decision saved as a new version with its duties
// and deadlines (domain.md §10.4–§10.5). The engine is assess() itself — the same function the
// `meldpunt assess` command runs.
import { Types } from 'mongoose';
import {
  assessmentsOfIncident,
  factCorrectionsOfIncident,
  latestVersion,
} from '../incidents/incident-children.js';
import type { FactCorrectionDoc } from '../../models/fact-correction.model.js';
import { effectiveFacts, engineFacts, factChangesOf } from '../facts/effective-facts.js';
import { Assessment, type AssessmentDoc } from '../../models/assessment.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';

import { assertRole, type ActionContext } from '../context.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { canTransition, type IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { changeIncidentStatus } from '../incidents/incident-workflow.js';
import { assess, type AssessmentResult } from './assess.js';
import type { AssessmentConfig } from './assessment-config.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import { hoursBetween } from './deadline-clock.js';
import { awarenessOrDiscovery } from '../register/awareness-rule.js';
import type { AssessmentDecision } from './assessments.schema.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from '../incidents/incident-access.js';

/** What the page shows about the incident itself. */
export interface IncidentHead {
  id: string;
  reference: string;
  status: IncidentStatus;
  summary: string;
}

/** Everything the assessment page needs besides the form values. */
export interface AssessmentContext {
  incident: IncidentHead;
  /** Versions, newest first. */
  history: AssessmentDoc[];
  /** The facts to pre-fill: the facts in force (issue 12) over the latest version's input, or the intake. */
  prefill: AssessmentInput;
  prefillDecision: Partial<AssessmentDecision>;
}

// Statuses in which an assessment may not be saved: not yet submitted, or finished.
const NOT_ASSESSABLE: readonly IncidentStatus[] = ['draft', 'closed'];

async function loadIncident(incidentId: string): Promise<IncidentDoc> {
  if (!Types.ObjectId.isValid(incidentId)) throw new NotFoundError();
  const incident = await Incident.findById(incidentId).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  return incident;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

/** The engine input the intake already answers (domain.md §10.2); awareness defaults to the internal report (§3). */
export function inputFromIntake(i: IncidentDoc): AssessmentInput {
  const raw: Record<string, unknown> = {
    incidentCause: i.incidentCause,
    incidentNature: i.incidentNature,
    breachTypes: i.breachTypes,
    discoveredAt: iso(i.discoveredAt),
    discoveryChannel: i.discoveryChannel ?? undefined,
    personalDataInvolved: i.personalDataInvolved,
    dataCategories: i.dataCategories,
    subjectCategories: i.subjectCategories,
    subjectsCountMin: i.subjectsCountMin ?? undefined,
    subjectsCountMax: i.subjectsCountMax ?? undefined,
    recordsCount: i.recordsCount ?? undefined,
    vulnerableSubjects: i.vulnerableSubjects,
    dataLeftOrganisation: i.dataLeftOrganisation,
    recipientTrusted: i.recipientTrusted,
    deletionConfirmed: i.deletionConfirmed,
    dataRetrieved: i.dataRetrieved,
    confidentialityScope: i.confidentialityScope,
    integrityImpact: i.integrityImpact,
    availabilityImpact: i.availabilityImpact,
    unavailableHours: i.unavailableHours ?? undefined,
    backupAvailable: i.backupAvailable,
    malicious: i.malicious,
    unintelligibility: i.unintelligibility,
    // domain.md §10.8 item 7: awareness defaults to discovery, never to the internal report.
    awarenessAt: iso(awarenessOrDiscovery(i)),
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/** Loads the incident, its versions and the pre-fill for the page (privacy officer only; audit-logged). */
export async function loadAssessmentContext(
  incidentId: string,
  ctx: ActionContext,
  audit = true,
): Promise<AssessmentContext> {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await loadIncident(incidentId);
  const [versions, corrections] = await Promise.all([
    assessmentsOfIncident.find<AssessmentDoc>(incident._id),
    factCorrectionsOfIncident.find<FactCorrectionDoc>(incident._id),
  ]);
  const history = versions.sort((a, b) => b.version - a.version);
  const latest = history[0];
  // One set of facts (issue 12): the officer's corrections made since the latest version count too.
  const facts = effectiveFacts(incident, history, corrections);
  let prefill: AssessmentInput;
  let prefillDecision: Partial<AssessmentDecision>;
  if (latest) {
    // decidedAt and ministryDutyAt anchor clocks; they are set on saving, never edited.
    const { decidedAt: _anchor, ministryDutyAt: _ministry, ...rest } = latest.input as AssessmentInput;
    prefill = engineFacts(rest, facts);
    prefillDecision = {
      riskLevel: latest.riskLevel,
      riskJustification: latest.justification ?? undefined,
      art34Exception: latest.art34Exception ?? 'none',
      art34ExceptionReason: latest.art34ExceptionReason ?? undefined,
      awarenessNote: latest.awarenessNote ?? undefined,
    };
  } else {
    prefill = engineFacts(inputFromIntake(incident), facts);
    prefillDecision = { awarenessNote: incident.awarenessNote ?? undefined };
  }
  if (audit) {
    await auditAction(ctx, {
      action: 'assessment.view',
      object: incidentObject(incident),
    });
  }
  return {
    incident: {
      id: String(incident._id),
      reference: incident.reference,
      status: incident.status,
      summary: incident.summary,
    },
    history,
    prefill,
    prefillDecision,
  };
}

/**
 * The anchor of the affected-persons target (§10.5): kept from the previous version while that
 * duty continues, otherwise this decision — so raising the risk later starts the clock now.
 */
export function subjectsAnchor(
  previous: Pick<AssessmentDoc, 'duties' | 'input'> | undefined,
  now: Date,
): string {
  const had = previous?.duties && (previous.duties.informSubjects || previous.duties.publicCommunication);
  const anchor = (previous?.input as AssessmentInput | undefined)?.decidedAt;
  return had && anchor ? anchor : now.toISOString();
}

/**
 * The anchor of the ministry clock `duty` (domain.md §10.8 item 7): kept from the previous version
 * while the ministry report stays due, otherwise this decision.
 */
export function ministryAnchor(
  previous: Pick<AssessmentDoc, 'duties' | 'input'> | undefined,
  now: Date,
): string {
  const input = previous?.input as AssessmentInput | undefined;
  const anchor = input?.ministryDutyAt ?? input?.decidedAt;
  return previous?.duties?.notifyMinistry && anchor ? anchor : now.toISOString();
}

/** The engine input for a decision: the facts, the decision and the subjects (and ministry) anchors. */
export function decisionInput(
  facts: AssessmentInput,
  decision: AssessmentDecision,
  anchor: string,
  ministryDutyAt: string = anchor,
): AssessmentInput {
  const input: AssessmentInput = {
    ...facts,
    art34Exception: decision.art34Exception,
    decidedAt: anchor,
    ministryDutyAt,
  };
  if (decision.riskLevel) input.riskLevel = decision.riskLevel;
  if (decision.riskJustification) input.riskJustification = decision.riskJustification;
  // The grounds of an Art. 34(3) exception are checked by the engine (domain.md §10.8 item 6).
  if (decision.art34Exception !== 'none' && decision.art34ExceptionReason)
    input.art34ExceptionReason = decision.art34ExceptionReason;
  return input;
}

/** Runs the engine for the page without saving (the "Recompute" button); audit-logged as a view. */
export async function recomputeAssessment(
  context: AssessmentContext,
  facts: AssessmentInput,
  decision: AssessmentDecision,
  ctx: ActionContext,
  config: AssessmentConfig,
): Promise<{ input: AssessmentInput; result: AssessmentResult }> {
  assertRole(ctx.user, 'privacy_officer');
  const input = decisionInput(
    facts,
    decision,
    subjectsAnchor(context.history[0], ctx.now),
    ministryAnchor(context.history[0], ctx.now),
  );
  const result = assess(input, config);
  await auditAction(ctx, {
    action: 'assessment.recompute',
    object: { type: 'incident', id: context.incident.id, ref: context.incident.reference },
  });
  return { input, result };
}

/** The decision rules checked before saving (nothing is saved when one fails). */
export function decisionProblems(
  input: AssessmentInput,
  decision: AssessmentDecision,
  result: AssessmentResult,
): FieldErrors {
  const fields: FieldErrors = {};
  if (!decision.riskLevel) fields.riskLevel = 'assessments.error.riskLevelRequired';
  // domain.md §10.2: a final level that differs from the suggestion needs a written justification.
  else if (decision.riskLevel !== result.suggestedRisk && !decision.riskJustification)
    fields.riskJustification = 'assessments.error.justificationRequired';
  // domain.md §10.8 item 8: not notifying the AP or not informing the persons always needs reasons.
  else if (result.flags.reasonsRequired && !decision.riskJustification)
    fields.riskJustification = 'assessments.error.reasonsRequired';
  if (decision.art34Exception !== 'none' && !decision.art34ExceptionReason)
    fields.art34ExceptionReason = 'assessments.error.exceptionReasonRequired';
  if (!input.awarenessAt) fields.awarenessAt = 'assessments.error.awarenessRequired';
  // domain.md §3: awareness more than 24 h after discovery needs a note.
  else if (
    input.discoveredAt &&
    hoursBetween(input.discoveredAt, input.awarenessAt) > 24 &&
    !decision.awarenessNote
  ) {
    fields.awarenessNote = 'assessments.error.awarenessNoteRequired';
  }
  return fields;
}

/** Saves the decision as the next version (privacy officer only), moves the incident to assessed. */
export async function saveAssessment(
  incidentId: string,
  facts: AssessmentInput,
  decision: AssessmentDecision,
  ctx: ActionContext,
  config: AssessmentConfig,
): Promise<{ version: number; result: AssessmentResult }> {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await loadIncident(incidentId);
  if (NOT_ASSESSABLE.includes(incident.status))
    throw new ConflictError('INCIDENT_NOT_ASSESSABLE', 'assessments.error.closed');
  const corrections = await factCorrectionsOfIncident.find<FactCorrectionDoc>(incident._id);
  for (let attempt = 0; attempt < 50; attempt++) {
    // The index first; after a collision the database itself, since the other writer's feed entry
    // may not be written yet (it follows that writer's insert).
    const versions =
      attempt === 0
        ? await assessmentsOfIncident.find<AssessmentDoc>(incident._id)
        : await Assessment.find({ incidentId: incident._id }).lean<AssessmentDoc[]>();
    const previous = latestVersion(versions);
    const input = decisionInput(
      facts,
      decision,
      subjectsAnchor(previous ?? undefined, ctx.now),
      ministryAnchor(previous ?? undefined, ctx.now),
    );
    const result = assess(input, config);
    const problems = decisionProblems(input, decision, result);
    // One set of facts (issue 12): overriding a correction the officer made with a reason needs one too.
    const factChanges = factChangesOf(input, effectiveFacts(incident, versions, corrections));
    if (factChanges.overridesCorrection.length > 0 && !decision.factsReason)
      problems.factsReason = 'assessments.error.factsReasonRequired';
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    const version = (previous?.version ?? 0) + 1;
    const date = (v: string | null) => (v ? new Date(v) : undefined);
    try {
      await Assessment.create({
        incidentId: incident._id,
        version,
        at: ctx.now,
        assessorId: ctx.user.id,
        assessorName: ctx.user.name,
        input,
        result,
        suggestedRisk: result.suggestedRisk,
        riskLevel: decision.riskLevel,
        justification: decision.riskJustification,
        art34Exception: decision.art34Exception,
        art34ExceptionReason: decision.art34Exception === 'none' ? undefined : decision.art34ExceptionReason,
        awarenessAt: date(input.awarenessAt ?? null),
        awarenessNote: decision.awarenessNote,
        factsReason: decision.factsReason,
        decidedAt: ctx.now,
        duties: result.duties,
        deadlines: {
          authority: date(result.deadlines.authority),
          ministry: date(result.deadlines.ministry),
          subjects: date(result.deadlines.subjects),
          controller: date(result.deadlines.controller),
        },
      });
    } catch (err) {
      // Another officer saved a version at the same moment: take the next number.
      if (isDuplicateKeyError(err)) continue;
      throw err;
    }
    await afterSave(incident, version, result, decision, ctx, factChanges.changed);
    return { version, result };
  }
  throw new Error('could not take the next assessment version');
}

async function afterSave(
  incident: IncidentDoc,
  version: number,
  result: AssessmentResult,
  decision: AssessmentDecision,
  ctx: ActionContext,
  changedFacts: string[],
): Promise<void> {
  const object = incidentObject(incident);
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'assessed',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    data: {
      version,
      suggestedRisk: result.suggestedRisk,
      riskLevel: decision.riskLevel,
      score: result.enisa.score,
    },
  });
  await auditAction(ctx, {
    action: 'assessment.save',
    object,
    details: {
      version,
      suggestedRisk: result.suggestedRisk,
      riskLevel: decision.riskLevel,
      deviates: decision.riskLevel !== result.suggestedRisk,
      art34Exception: decision.art34Exception,
      // The facts this version changed against those in force (names only; issue 12).
      changedFacts,
    },
  });
  await moveToAssessed(incident, ctx);
}

// domain.md §10.1: submitted → triage → assessed, one allowed step at a time, through the incident
// workflow (timeline event and audit entry per step). If someone else moved the incident meanwhile,
// the assessment stays saved and the status is left to them.
async function moveToAssessed(incident: IncidentDoc, ctx: ActionContext): Promise<void> {
  let status = incident.status;
  const steps: IncidentStatus[] =
    status === 'submitted' ? ['triage', 'assessed'] : status === 'triage' ? ['assessed'] : [];
  for (const to of steps) {
    if (!canTransition(status, to)) return;
    try {
      await changeIncidentStatus({ _id: incident._id, reference: incident.reference, status }, to, ctx, {
        details: { via: 'assessment' },
      });
    } catch (err) {
      if (err instanceof ConflictError) return;
      throw err;
    }
    status = to;
  }
}
