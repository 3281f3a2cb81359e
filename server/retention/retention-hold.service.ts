// Legal holds (issue 13): a privacy officer or administrator keeps an incident under investigation
// out of the retention sweep, with a reason. Placing and lifting are audited; the audit trail keeps
// the history, the hold document only the hold in force (retention-hold.model.ts).
import { Incident } from '../../models/incident.model.js';
import { RetentionHold } from '../../models/retention-hold.model.js';

import { assertRole, type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from '../incidents/incident-access.js';

/** A hold in force, for the retention page. */
export interface HoldView {
  id: string;
  reference: string;
  reason: string;
  byLabel: string;
  at: Date;
}

/** Every hold in force, newest first. */
export async function listHolds(ctx: ActionContext): Promise<HoldView[]> {
  assertRole(ctx.user, 'admin', 'privacy_officer');
  const holds = await RetentionHold.find().lean();
  return holds
    .map((h) => ({
      id: String(h._id),
      reference: h.reference,
      reason: h.reason,
      byLabel: h.byLabel,
      at: h.at,
    }))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Places a hold on the incident with this reference; a second hold on it is refused. */
export async function placeHold(reference: string, reason: string, ctx: ActionContext): Promise<HoldView> {
  assertRole(ctx.user, 'admin', 'privacy_officer');
  const incident = await Incident.findOne({ reference }).select({ _id: 1, reference: 1 }).lean();
  if (!incident) throw new NotFoundError('retention.hold.unknown');
  try {
    // The incident's `_id` is the hold's: of two holds placed at once one insert wins (architecture.md §4).
    await RetentionHold.create({
      _id: incident._id,
      reference: incident.reference,
      reason,
      byId: ctx.user.id,
      byLabel: ctx.user.email,
      at: ctx.now,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ConflictError('hold_exists', 'retention.hold.exists');
    throw err;
  }
  // A sweep may have deleted the incident between the lookup and the insert: no hold on nothing.
  if (!(await Incident.exists({ _id: incident._id }))) {
    await RetentionHold.deleteOne({ _id: incident._id });
    throw new NotFoundError('retention.hold.unknown');
  }
  await auditAction(ctx, {
    action: 'register.retention.hold',
    object: incidentObject(incident),
    details: { reason },
  });
  return {
    id: String(incident._id),
    reference: incident.reference,
    reason,
    byLabel: ctx.user.email,
    at: ctx.now,
  };
}

/** Lifts the hold on the incident (its `_id`); the incident is then subject to retention again. */
export async function liftHold(incidentId: string, reason: string, ctx: ActionContext): Promise<void> {
  assertRole(ctx.user, 'admin', 'privacy_officer');
  const hold = await RetentionHold.findById(incidentId).lean();
  if (!hold) throw new NotFoundError('retention.hold.none');
  const { deletedCount } = await RetentionHold.deleteOne({ _id: hold._id });
  // Lifted by someone else in the meantime: their lift is the one in the trail.
  if (deletedCount === 0) throw new NotFoundError('retention.hold.none');
  await auditAction(ctx, {
    action: 'register.retention.release',
    object: { type: 'incident', id: String(hold._id), ref: hold.reference },
    details: { reason, heldSince: hold.at.toISOString(), heldBy: hold.byLabel },
  });
}
