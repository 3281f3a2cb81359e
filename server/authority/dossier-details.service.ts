// The officer's answers to the AP form's questions that the intake and the assessment leave open
// (domain.md §8.1 sections 6, 8, 9) and the FG's advice beside the decision: read for the dossier,
// saved as a new version (privacy officers only, audit: authority.details.save).
import { DossierDetails, type DossierDetailsDoc } from '../../models/dossier-details.model.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditActor, type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../db/unique-insert.js';
import { latestVersion } from '../incidents/incident-children.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { NotFoundError } from '../errors.js';
import { assertOfficer } from './authority.service.js';
import type { DossierDetailsInput } from './authority.schema.js';
import { toObjectId } from './incident-facts.js';
import { latestDossierDetails } from './dossier-sources.js';

/** The fields a details version holds (what the form edits). */
export const DETAIL_FIELDS = [
  'measuresBefore',
  'protectionMethod',
  'crossBorder',
  'otherAuthorities',
  'otherAuthoritiesWhich',
  'notInformingReason',
  'reportedTo',
  'reportedToOther',
  'fgName',
  'fgAdvice',
  'fgAdvisedAt',
  'decision',
  'decidedBy',
  'decidedAt',
  'followsAdvice',
  'deviationReason',
] as const;

function comparable(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return [...(v as string[])].sort().join(',');
  return typeof v === 'string' ? v : '';
}

/** Saves the details as the next version; returns the version and the names of the changed fields. */
export async function saveDossierDetails(
  incidentId: string,
  input: DossierDetailsInput,
  ctx: ActionContext,
): Promise<{ version: number; changed: string[] }> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const incident = await Incident.findById(toObjectId(incidentId)).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  for (let attempt = 0; attempt < 50; attempt++) {
    // The index first; after a collision the database itself (the other writer's feed entry may lag).
    const previous =
      attempt === 0
        ? await latestDossierDetails(incident._id)
        : latestVersion(await DossierDetails.find({ incidentId: incident._id }).lean<DossierDetailsDoc[]>());
    const changed = DETAIL_FIELDS.filter(
      (f) => comparable(input[f]) !== comparable(previous?.[f as keyof DossierDetailsDoc]),
    );
    const version = (previous?.version ?? 0) + 1;
    try {
      await DossierDetails.create({
        incidentId: incident._id,
        version,
        at: ctx.now,
        byId: ctx.user.id,
        byName: ctx.user.name,
        ...input,
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) continue;
      throw err;
    }
    // The audit names the fields, never their texts (they may hold breach details).
    await recordAudit(
      {
        actor: auditActor(ctx.user),
        origin: ctx.origin,
        action: 'authority.details.save',
        object: { type: 'incident', id: String(incident._id), ref: incident.reference },
        details: { version, changed },
      },
      ctx.now,
    );
    return { version, changed };
  }
  throw new Error('could not take the next dossier details version');
}
