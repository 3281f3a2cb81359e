// Changing an incident's status under the workflow of domain.md §10.1 (incident-status.ts). Every
// change is a timeline event and an audit entry (§8.3). Other features (assessments, filings)
// use `changeIncidentStatus` too, so the rules live in one place.
import type { Types } from 'mongoose';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { IncidentTransition } from '../../models/incident-transition.model.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';

import { type ActionContext } from '../context.js';
import { ConflictError } from '../errors.js';
import { canTransition, type IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from './incident-access.js';

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
  // FerretDB 1.x has no atomic compare-and-set (architecture.md §4): a filter on the old status
  // would let two concurrent changes both "match". The change claims the incident's next status
  // position by inserting under a unique key instead; only one insert can win.
  const current = await Incident.findById(incident._id, { status: 1, statusSeq: 1 }).lean();
  if (!current || current.status !== from)
    throw new ConflictError('STATUS_CHANGED', 'incidents.error.statusChanged');
  const seq = (current.statusSeq ?? 0) + 1;
  const set = { ...extra.set };
  try {
    await IncidentTransition.create({
      incidentId: incident._id,
      seq,
      from,
      to,
      set,
      at: ctx.now,
      actorId: ctx.user.id,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    transitionStats.lost++;
    await repairStaleTransition(incident._id, seq, ctx.now);
    throw new ConflictError('STATUS_CHANGED', 'incidents.error.statusChanged');
  }
  // Only the claim's owner writes the status.
  await Incident.updateOne(
    { _id: incident._id },
    { $set: { ...set, status: to, statusSeq: seq, updatedAt: ctx.now } },
  );
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'status-changed',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    text: extra.text,
    data: { from, to, ...extra.details },
  });
  await auditAction(ctx, {
    action: 'incident.status',
    object: incidentObject(incident),
    details: { from, to, ...extra.details },
  });
}

/** Changes that lost the race for their position, in this process (tests prove the race with it). */
export const transitionStats = { lost: 0 };

// A claim older than this whose incident never got its status was left by a process that stopped
// in between; it is applied so the incident does not stay stuck at that position.
const STALE_CLAIM_MS = 60_000;

async function repairStaleTransition(incidentId: Types.ObjectId, seq: number, now: Date): Promise<void> {
  const claim = await IncidentTransition.findOne({ incidentId, seq }).lean();
  if (!claim || now.getTime() - claim.at.getTime() < STALE_CLAIM_MS) return;
  const incident = await Incident.findById(incidentId, { statusSeq: 1 }).lean();
  if (!incident || (incident.statusSeq ?? 0) >= seq) return;
  await Incident.updateOne(
    { _id: incidentId },
    {
      $set: {
        ...(claim.set as Record<string, unknown> | undefined),
        status: claim.to,
        statusSeq: seq,
        updatedAt: now,
      },
    },
  );
}
