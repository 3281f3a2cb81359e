// The acting person, where they act from and when: passed to every service call.
import type { Role } from '../models/user.model.js';
import type { AuditActor, AuditOrigin } from './audit/audit.service.js';
import { ForbiddenError } from './errors.js';

/** The signed-in user as services see it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: 'nl' | 'en';
  /** A reporter from the public page (issue 15), not an account: no address, audited without identity. */
  external?: true;
}

/** Who, from where, and when — everything a service needs besides its input. */
export interface ActionContext {
  user: SessionUser;
  origin: AuditOrigin;
  now: Date;
}

/** The audit actor for a signed-in user. */
export function auditActor(user: SessionUser): AuditActor {
  // The public page's reporters are audited without any identifying data (issue 15 item 4).
  if (user.external) return { kind: 'anonymous' };
  return { kind: 'user', id: user.id, label: user.email, role: user.role };
}

/** Least privilege, checked in services (architecture.md §5): throws unless the role is allowed. */
export function assertRole(user: SessionUser, ...roles: Role[]): void {
  if (!roles.includes(user.role)) throw new ForbiddenError();
}
