// Triage by the privacy officer (issue 3 item 4): take a report into triage, set the moment of
// awareness (domain.md §3), mark it "not a personal data breach" (it stays in the register as a
// security incident, §10.5), assign a handler and close it with measures and lessons learned.
// Status changes go through the workflow of §10.1; every step is a timeline event and audited.
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { User } from '../../models/user.model.js';

import { assertRole, type ActionContext } from '../context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { findReadableIncident, incidentObject, isObjectIdString } from '../incidents/incident-access.js';
import { changeIncidentStatus } from '../incidents/incident-workflow.js';
import { awarenessProblems } from './awareness-rule.js';
import { auditAction } from '../audit/audit-action.js';

async function loadForTriage(id: string, ctx: ActionContext): Promise<IncidentDoc> {
  assertRole(ctx.user, 'privacy_officer');
  return findReadableIncident(id, ctx, 'incident.triage');
}

/** submitted → triage; the officer who takes it becomes its handler unless one is assigned. */
export async function takeIntoTriage(id: string, ctx: ActionContext): Promise<void> {
  const incident = await loadForTriage(id, ctx);
  const set = incident.handlerId ? {} : { handlerId: ctx.user.id, handlerName: ctx.user.name };
  await changeIncidentStatus(incident, 'triage', ctx, { set });
}

/** Records the moment of awareness; refused before discovery, in the future, or late without a note. */
export async function setAwareness(
  id: string,
  input: { awarenessAt: Date; awarenessNote?: string },
  ctx: ActionContext,
): Promise<void> {
  const incident = await loadForTriage(id, ctx);
  if (incident.status === 'closed') throw new ConflictError('INCIDENT_CLOSED', 'register.error.closed');
  const problems = awarenessProblems({
    discoveredAt: incident.discoveredAt,
    awarenessAt: input.awarenessAt,
    note: input.awarenessNote,
    now: ctx.now,
  });
  if (Object.keys(problems).length) throw new ValidationError(problems);
  await Incident.updateOne(
    { _id: incident._id },
    input.awarenessNote
      ? { $set: { awarenessAt: input.awarenessAt, awarenessNote: input.awarenessNote, updatedAt: ctx.now } }
      : { $set: { awarenessAt: input.awarenessAt, updatedAt: ctx.now }, $unset: { awarenessNote: 1 } },
  );
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'awareness-set',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    text: input.awarenessNote,
    data: { awarenessAt: input.awarenessAt, previous: incident.awarenessAt ?? null },
  });
  await auditAction(ctx, {
    action: 'incident.awareness',
    object: incidentObject(incident),
    details: {
      awarenessAt: input.awarenessAt.toISOString(),
      previous: incident.awarenessAt?.toISOString() ?? null,
      note: Boolean(input.awarenessNote),
    },
  });
}

/** Not a personal data breach: kept in the register as a security incident, with the reason. */
export async function markNotABreach(id: string, reason: string, ctx: ActionContext): Promise<void> {
  const incident = await loadForTriage(id, ctx);
  await changeIncidentStatus(incident, 'not_a_breach', ctx, {
    set: { notABreachReason: reason },
    text: reason,
  });
}

/** Assigns a handler: an active privacy officer. */
export async function assignHandler(id: string, handlerId: string, ctx: ActionContext): Promise<void> {
  const incident = await loadForTriage(id, ctx);
  if (incident.status === 'closed') throw new ConflictError('INCIDENT_CLOSED', 'register.error.closed');
  const handler = isObjectIdString(handlerId)
    ? await User.findOne({ _id: handlerId, role: 'privacy_officer', active: true }).lean()
    : null;
  if (!handler) throw new ValidationError({ handlerId: 'field.register.handlerInvalid' });
  await Incident.updateOne(
    { _id: incident._id },
    { $set: { handlerId: String(handler._id), handlerName: handler.name, updatedAt: ctx.now } },
  );
  await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'handler-assigned',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    data: { handlerId: String(handler._id), handlerName: handler.name },
  });
  await auditAction(ctx, {
    action: 'incident.assign',
    object: incidentObject(incident),
    details: { handlerId: String(handler._id), previous: incident.handlerId ?? null },
  });
}

/** Closes the incident with the measures taken and the lessons learned (domain.md §10.7). */
export async function closeIncident(
  id: string,
  input: { closingMeasures: string; lessonsLearned: string },
  ctx: ActionContext,
): Promise<void> {
  const incident = await loadForTriage(id, ctx);
  await changeIncidentStatus(incident, 'closed', ctx, {
    set: { closedAt: ctx.now, closingMeasures: input.closingMeasures, lessonsLearned: input.lessonsLearned },
  });
}

/** Active privacy officers, for the handler choice. */
export async function handlerChoices(): Promise<{ id: string; name: string }[]> {
  const rows = await User.find({ role: 'privacy_officer', active: true })
    .select({ name: 1 })
    .sort({ name: 1 })
    .lean();
  return rows.map((u) => ({ id: String(u._id), name: u.name }));
}
