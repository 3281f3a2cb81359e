// What a signed-in user did, in the audit trail: the actor, origin and time come from the action's
// context, so a service names only the action, its object and its details (one shape for all).
import { auditActor, type ActionContext } from '../context.js';
import { recordAudit, type AuditInput } from './audit.service.js';

/** Records an action of the context's user (domain.md §8.3), at the context's time. */
export function auditAction(
  ctx: ActionContext,
  entry: Omit<AuditInput, 'actor' | 'origin'>,
): Promise<{ seq: number; hash: string }> {
  return recordAudit({ actor: auditActor(ctx.user), origin: ctx.origin, ...entry }, ctx.now);
}
