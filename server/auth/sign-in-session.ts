// Turning a checked sign-in into a session, and ending one (issue 16): shared by the password,
// second-factor and single sign-on routes.
import type { NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../deps.js';
import type { SessionUser } from '../context.js';
import { auditOwnStep } from '../audit/audit-action.js';
import { loadSessionUser } from '../users/users.service.js';
import { flash } from '../middleware/request-context.js';
import './auth-session.js';

/** A new session id, keeping only the chosen language (prevents session fixation). */
export async function freshSession(req: Request): Promise<void> {
  const lang = req.session.lang;
  await new Promise<void>((ok, fail) =>
    req.session.regenerate((err: unknown) =>
      err ? fail(err instanceof Error ? err : new Error('session regeneration failed')) : ok(),
    ),
  );
  if (lang) req.session.lang = lang;
}

/** Signs the user in on a new session. */
export async function startSession(
  req: Request,
  user: SessionUser,
  how: { method: 'password' } | { method: 'oidc'; idToken: string; expiresAt: number },
): Promise<void> {
  await freshSession(req);
  req.session.userId = user.id;
  req.session.authMethod = how.method;
  if (how.method === 'oidc') {
    req.session.idToken = how.idToken;
    req.session.authExpiresAt = how.expiresAt;
  }
}

/**
 * A session signed in through the provider lasts no longer than the provider's ID token: past its
 * expiry the sign-in is dropped and the user sent to sign in again (issue 16 item 2).
 */
export function boundBySignIn(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const until = req.session.authExpiresAt;
    if (!req.session.userId || until === undefined || deps.clock.now().getTime() < until) return next();
    const user = await loadSessionUser(req.session.userId);
    if (user)
      await auditOwnStep(user, { ip: req.ip, via: 'web' }, deps.clock.now(), {
        action: 'auth.session-expired',
        object: { type: 'session' },
        details: { method: req.session.authMethod ?? 'oidc' },
      });
    await freshSession(req);
    flash(req, { type: 'info', key: 'sso.sessionExpired' });
    if (req.method === 'GET' || req.method === 'HEAD') {
      const back =
        req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
      return res.redirect(303, `/login?next=${encodeURIComponent(back)}`);
    }
    next();
  };
}
