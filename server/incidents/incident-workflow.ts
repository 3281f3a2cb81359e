// Changing an incident's status under the workflow of domain.md §10.1 (incident-status.ts). Every
// change is a timeline event and an audit entry (§8.3). Other features (assessments, filings)
// use `changeIncidentStatus` too, so the rules live in one place.
import type { Types } from 'mongoose';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditActor, type ActionContext } from '../context.js';
import { ConflictError } from '../errors.js';
import { canTransition, type IncidentStatus } from './incident-status.js';

/** The workflow does not allow this change; `from` and `to` say which. */
export class IllegalTransitionError extends ConflictError {
  constructor(
    readonly from: IncidentStatus,
    readonly to: IncidentStatus,
  ) {
    super('ILLEGAL_TRANSITION', 'incidents.error.illegalTransition');
  }
}

/** What else changes together with the status. */
export interface StatusChangeExtra {
  /** Incident fields set in the same update (e.g. closedAt, notABreachReason). */
  set?: Record<string, unknown>;
  /** Text for the timeline event (e.g. the reason). */
  text?: string;
  /** Extra audit/timeline details (never contact data of affected persons). */
  details?: Record<string, unknown>;
}

/** Moves the incident to `to`; throws IllegalTransitionError when the workflow forbids it. */
export async function changeIncidentStatus(
  incident: { _id: Types.ObjectId; reference: string; status: string },
  to: IncidentStatus,
  ctx: ActionContext,
  extra: StatusChangeExtra = {},
): Promise<void> {
  const from = incident.status as IncidentStatus;
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  // The status in the filter makes a concurrent change by someone else visible as "nothing
  // matched" instead of silently overwriting it.
  const res = await Incident.updateOne({ _id: incident._id, status: from }, { $set: { ...extra.set, status: to, updatedAt: ctx.now } });
  if (res.matchedCount === 0) throw new ConflictError('STATUS_CHANGED', 'incidents.error.statusChanged');
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'status-changed',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    text: extra.text,
    data: { from, to, ...extra.details },
  });
  await recordAudit(
    {
      actor: auditActor(ctx.user),
      origin: ctx.origin,
      action: 'incident.status',
      object: { type: 'incident', id: String(incident._id), ref: incident.reference },
      details: { from, to, ...extra.details },
    },
    ctx.now,
  );
}
