// The officer's answers to the AP form's questions that the intake and the assessment leave open
// (domain.md §8.1 sections 6, 8, 9) and the FG's advice beside the decision: read for the dossier,
// saved as a new version (privacy officers only, audit: authority.details.save).
import type { Types } from 'mongoose';
import { DossierDetails, type DossierDetailsDoc } from '../../models/dossier-details.model.js';

import { type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { latestVersion } from '../incidents/incident-children.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Config } from '../config.js';
import {
  auditConfirmedFlags,
  checkContextFor,
  checkTexts,
  confirmationError,
  gateOf,
  type OutgoingCheck,
} from '../privacy/outgoing-check.js';
import { assertOfficer } from './authority.service.js';
import type { DossierDetailsInput } from './authority.schema.js';
import { toObjectId } from './incident-facts.js';
import { latestDossierDetails } from './dossier-sources.js';
import { auditAction } from '../audit/audit-action.js';
import { DETAIL_FIELDS } from '../../models/dossier-details.model.js';
import { incidentObject } from '../incidents/incident-access.js';

/** The free texts of the details, which go to the AP with the dossier. */
export const DETAIL_TEXTS = [
  'measuresBefore',
  'protectionMethod',
  'otherAuthoritiesWhich',
  'notInformingReason',
  'reportedToOther',
  'fgAdvice',
  'decision',
  'deviationReason',
] as const;

/** The details' texts (as typed or as stored) checked for affected persons' data (issue 12, problem 5). */
export async function detailsCheck(
  incidentId: Types.ObjectId,
  values: Record<string, unknown> | null,
  config: Config,
  ctx: ActionContext,
): Promise<OutgoingCheck> {
  const texts: Record<string, string | undefined> = {};
  for (const f of DETAIL_TEXTS) {
    const v = values?.[f];
    texts[f] = typeof v === 'string' ? v : undefined;
  }
  return checkTexts(texts, await checkContextFor(incidentId, gateOf(config), ctx.now));
}

function comparable(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return [...(v as string[])].sort().join(',');
  return typeof v === 'string' ? v : '';
}

/** Saves the details as the next version; returns the version and the names of the changed fields. */
export async function saveDossierDetails(
  incidentId: string,
  form: DossierDetailsInput,
  config: Config,
  ctx: ActionContext,
): Promise<{ version: number; changed: string[] }> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const incident = await Incident.findById(toObjectId(incidentId)).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  const { confirmPersonalData, personalDataFingerprint, ...input } = form;
  const check = await detailsCheck(incident._id, input, config, ctx);
  const flagError = confirmationError(check, {
    confirmed: !!confirmPersonalData,
    fingerprint: personalDataFingerprint,
  });
  if (flagError) throw new ValidationError({ confirmPersonalData: flagError });
  for (let attempt = 0; attempt < 50; attempt++) {
    // The index first; after a collision the database itself (the other writer's feed entry may lag).
    const previous =
      attempt === 0
        ? await latestDossierDetails(incident._id)
        : latestVersion(await DossierDetails.find({ incidentId: incident._id }).lean<DossierDetailsDoc[]>());
    const changed = DETAIL_FIELDS.filter(
      (f) => comparable(input[f]) !== comparable(previous?.[f as keyof DossierDetailsDoc]),
    );
    const object = incidentObject(incident);
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
    await auditAction(ctx, {
      action: 'authority.details.save',
      object,
      details: { version, changed, personalDataFlags: check.count },
    });
    await auditConfirmedFlags(check, 'authority.details', object, ctx);
    return { version, changed };
  }
  throw new Error('could not take the next dossier details version');
}
