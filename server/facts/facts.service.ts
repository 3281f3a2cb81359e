// One set of facts per incident (issue 12): loading the facts in force with their origins, and the
// privacy officer's corrections — each a new version with a required reason, appended under the
// unique (incidentId, version) key (architecture.md §4), never overwriting the reporter's version;
// every view and correction is audit-logged (domain.md §8.3).
import type { Types } from 'mongoose';
import type { AssessmentDoc } from '../../models/assessment.model.js';
import { FactCorrection, type FactCorrectionDoc } from '../../models/fact-correction.model.js';
import type { IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';

import { assertRole, type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.js';
import { assessmentsOfIncident, factCorrectionsOfIncident } from '../incidents/incident-children.js';
import { findReadableIncident, incidentObject } from '../incidents/incident-access.js';
import { effectiveFacts, type EffectiveFacts } from './effective-facts.js';
import { FACT_SPECS, sameFact, type FactValues } from './fact-fields.js';
import { auditAction } from '../audit/audit-action.js';

/** The facts in force for an incident, from its stored versions (reporter, assessments, corrections). */
export async function loadEffectiveFacts(
  incident: Pick<IncidentDoc, '_id' | 'reporterName' | 'reportedInternallyAt'>,
): Promise<EffectiveFacts> {
  const [assessments, corrections] = await Promise.all([
    assessmentsOfIncident.find<AssessmentDoc>(incident._id),
    factCorrectionsOfIncident.find<FactCorrectionDoc>(incident._id),
  ]);
  return effectiveFacts(incident, assessments, corrections);
}

/** A fingerprint of the versions behind the facts: a correction posted from an older page is refused. */
export function factsStamp(facts: EffectiveFacts): string {
  return String(facts.history.length);
}

/** The facts page of an incident (privacy officer; audit: incident.facts.view). */
export async function getFactsPage(
  id: string,
  ctx: ActionContext,
  audit = true,
): Promise<{ incident: IncidentDoc; facts: EffectiveFacts }> {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await findReadableIncident(id, ctx);
  const facts = await loadEffectiveFacts(incident);
  if (audit) {
    await auditAction(ctx, {
      action: 'incident.facts.view',
      object: incidentObject(incident),
    });
  }
  return { incident, facts };
}

/** What the officer posted: every fact as it should be, the reason and the stamp of the page. */
export interface FactsCorrectionInput {
  values: FactValues;
  reason: string | undefined;
  stamp: string | undefined;
}

/** The checks on the facts that would be in force after the correction. */
function factProblems(next: FactValues): FieldErrors {
  const fields: FieldErrors = {};
  const min = next.subjectsCountMin;
  const max = next.subjectsCountMax;
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    fields.subjectsCountMin = 'facts.error.countRange';
  return fields;
}

/**
 * Records a correction of the facts as the next version (privacy officer only). Only the facts
 * that differ from those in force are stored; a reason is required; nothing changed is refused.
 */
export async function correctFacts(
  id: string,
  input: FactsCorrectionInput,
  ctx: ActionContext,
): Promise<{ version: number; fields: string[] }> {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await findReadableIncident(id, ctx, 'incident.facts.correct');
  if (incident.status === 'closed') throw new ConflictError('INCIDENT_CLOSED', 'facts.error.closed');
  for (let attempt = 0; attempt < 50; attempt++) {
    // After a collision, the database itself: the other writer's feed entry may not be read yet.
    const facts =
      attempt === 0
        ? await loadEffectiveFacts(incident)
        : effectiveFacts(
            incident,
            await assessmentsOfIncident.find<AssessmentDoc>(incident._id),
            await FactCorrection.find({ incidentId: incident._id }).lean<FactCorrectionDoc[]>(),
          );
    if (attempt === 0 && input.stamp !== undefined && input.stamp !== factsStamp(facts)) {
      throw new ConflictError('FACTS_CHANGED', 'facts.error.changedMeanwhile');
    }
    const changes: FactValues = {};
    for (const spec of FACT_SPECS) {
      if (!(spec.name in input.values)) continue;
      const value = input.values[spec.name] ?? null;
      if (!sameFact(facts.values[spec.name] ?? null, value)) changes[spec.name] = value;
    }
    const fields: FieldErrors = factProblems({ ...facts.values, ...changes });
    if (!input.reason?.trim()) fields.reason = 'facts.error.reasonRequired';
    if (Object.keys(changes).length === 0) fields._form = 'facts.error.nothingChanged';
    if (Object.keys(fields).length) throw new ValidationError(fields);

    const version = (await latestCorrectionVersion(incident._id, attempt > 0)) + 1;
    try {
      await FactCorrection.create({
        incidentId: incident._id,
        version,
        at: ctx.now,
        byId: ctx.user.id,
        byName: ctx.user.name,
        reason: input.reason!.trim(),
        changes,
      });
    } catch (err) {
      // Another officer corrected the facts at the same moment: read again and take the next number.
      if (isDuplicateKeyError(err)) continue;
      throw err;
    }
    const names = Object.keys(changes);
    await IncidentEvent.create({
      incidentId: incident._id,
      at: ctx.now,
      kind: 'facts-corrected',
      actorId: ctx.user.id,
      actorName: ctx.user.name,
      text: input.reason!.trim(),
      data: { version, fields: names },
    });
    // The audit entry names the corrected facts, not their values (free texts may name people).
    await auditAction(ctx, {
      action: 'incident.facts.correct',
      object: incidentObject(incident),
      details: { version, fields: names },
    });
    return { version, fields: names };
  }
  throw new Error('could not take the next fact correction version');
}

async function latestCorrectionVersion(incidentId: Types.ObjectId, fromDatabase: boolean): Promise<number> {
  const rows = fromDatabase
    ? await FactCorrection.find({ incidentId }).select({ version: 1 }).lean<{ version: number }[]>()
    : await factCorrectionsOfIncident.find<{ version: number }>(incidentId);
  return rows.reduce((m, r) => Math.max(m, r.version), 0);
}
