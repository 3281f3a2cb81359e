// Records a notification step on the incident: an appended timeline event (never a rewritten
// array, architecture.md §4) and, when the workflow of domain.md §10.1 allows it, the status
// change through the incidents feature's changeIncidentStatus (which audits it). The filing or
// notice itself is already stored: a status that moved meanwhile does not undo it.
import type { Types } from 'mongoose';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { canTransition, type IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { changeIncidentStatus } from '../incidents/incident-workflow.js';
import { ConflictError } from '../errors.js';
import type { ActionContext } from '../context.js';

/** Appends the timeline event and moves the status to `to` if the workflow allows it. */
export async function recordIncidentStep(
  incident: { _id: Types.ObjectId; reference: string; status: string },
  step: { kind: string; to: IncidentStatus; data: Record<string, unknown> },
  ctx: ActionContext,
): Promise<void> {
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: step.kind,
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    data: step.data,
  });
  const from = incident.status as IncidentStatus;
  if (from === step.to || !canTransition(from, step.to)) return;
  try {
    await changeIncidentStatus(incident, step.to, ctx, { details: { step: step.kind } });
  } catch (err) {
    // Someone changed the status concurrently; their change stands.
    if (!(err instanceof ConflictError)) throw err;
  }
}
