// Builds the ActionContext of a request (who, from where, when) for service calls.
import type { Request } from 'express';
import type { Clock } from '../clock.js';
import type { ActionContext } from '../context.js';
import { UnauthenticatedError } from '../errors.js';
import type { Flash } from '../http-types.js';

/** The acting user, their origin and the time; throws when nobody is signed in. */
export function actionContext(req: Request, clock: Clock): ActionContext {
  if (!req.user) throw new UnauthenticatedError();
  return { user: req.user, origin: { ip: req.ip, via: 'web' }, now: clock.now() };
}

/** Queues a message for the next page. */
export function flash(req: Request, message: Flash): void {
  req.session.flash = [...(req.session.flash ?? []), message];
}

/** A same-site path to return to, or the fallback (prevents open redirects). */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
