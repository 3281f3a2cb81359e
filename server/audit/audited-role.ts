// The role check of services whose refusals are themselves audit events (BIO 8.15: access to
// breach data that was refused is logged with result "denied"): one place for it, used by the AP
// dossier, the ministry notice and the ministry portal.
import type { Role } from '../../models/user.model.js';
import { assertRole, type ActionContext } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { type AuditInput } from './audit.service.js';
import { auditAction } from './audit-action.js';

/** Throws ForbiddenError unless the user has one of `roles`; a refusal is recorded under `refusal.action` first. */
export async function requireRoleAudited(
  ctx: ActionContext,
  roles: readonly Role[],
  refusal: Pick<AuditInput, 'action' | 'object'>,
): Promise<void> {
  try {
    assertRole(ctx.user, ...roles);
  } catch (err) {
    if (err instanceof ForbiddenError) {
      await auditAction(ctx, {
        action: refusal.action,
        object: refusal.object,
        result: 'denied',
      });
    }
    throw err;
  }
}
