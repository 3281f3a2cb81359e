// Who may see an incident (architecture.md §5): privacy officers see every incident; anyone else
// only the reports they filed themselves. Someone else's report answers "not found", so its
// existence is not revealed; the attempt is audit-logged as denied.
import { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';

import { type ActionContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { auditAction } from '../audit/audit-action.js';

/** True when the user may read this incident (its reporter, or a privacy officer). */
export function canReadIncident(incident: Pick<IncidentDoc, 'reporterId'>, ctx: ActionContext): boolean {
  return ctx.user.role === 'privacy_officer' || incident.reporterId === ctx.user.id;
}

/** True for a 24-hex-digit ObjectId string (Types.ObjectId.isValid also accepts any 12 characters). */
export function isObjectIdString(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id) && Types.ObjectId.isValid(id);
}

/** Loads an incident the actor may read; otherwise NotFoundError (ids are validated, never queried raw). */
export async function findReadableIncident(
  id: unknown,
  ctx: ActionContext,
  action = 'incident.view',
): Promise<IncidentDoc> {
  if (!isObjectIdString(id)) throw new NotFoundError();
  const incident = await Incident.findById(id).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  if (!canReadIncident(incident, ctx)) {
    await auditAction(ctx, {
      action,
      object: { type: 'incident', id },
      result: 'denied',
    });
    throw new NotFoundError();
  }
  return incident;
}

/** The audit object of an incident. */
export function incidentObject(incident: Pick<IncidentDoc, '_id' | 'reference'>): {
  type: string;
  id: string;
  ref: string;
} {
  return { type: 'incident', id: String(incident._id), ref: incident.reference };
}
