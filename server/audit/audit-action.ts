// What a person did, in the audit trail (domain.md §8.3), in one shape for all: a signed-in user's
// action takes actor, origin and time from its context; a step on one's own account before a
// session exists (sign-in, second factor) names the account; a refused sign-in names no one.
import { auditActor, type ActionContext } from '../context.js';
import { recordAudit, type AuditInput, type AuditOrigin } from './audit.service.js';

type Entry = Omit<AuditInput, 'actor' | 'origin'>;
type Recorded = Promise<{ seq: number; hash: string }>;

/** Records an action of the context's user, at the context's time. */
export function auditAction(ctx: ActionContext, entry: Entry): Recorded {
  return recordAudit({ actor: auditActor(ctx.user), origin: ctx.origin, ...entry }, ctx.now);
}

/** Records a step a user takes on their own account at the edge of a session (sign-in, second factor, sign-out, expiry). */
export function auditOwnStep(
  user: { id: string; email: string; role: string },
  origin: AuditOrigin,
  now: Date,
  entry: Entry,
): Recorded {
  return recordAudit(
    { actor: { kind: 'user', id: user.id, label: user.email, role: user.role }, origin, ...entry },
    now,
  );
}

/** Records a refused sign-in: whoever tried is not known, so no one is named. */
export function auditRefusedSignIn(
  origin: AuditOrigin,
  details: Record<string, unknown>,
  now: Date,
): Recorded {
  return recordAudit(
    {
      actor: { kind: 'anonymous' },
      origin,
      action: 'auth.login',
      object: { type: 'session' },
      result: 'denied',
      details,
    },
    now,
  );
}
