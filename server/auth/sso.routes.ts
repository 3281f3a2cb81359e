// Single sign-on routes (issue 16): /auth/oidc/start sends the browser to the provider,
// /auth/oidc/callback takes it back, checks the answer and signs the user in (or shows why not).
import { Router, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { auditRefusedSignIn } from '../audit/audit-action.js';
import { NotFoundError } from '../errors.js';
import { safeReturnPath } from '../middleware/request-context.js';
import { finishOidcLogin, signInFromClaims, startOidcLogin, type SsoRefusal } from './oidc.service.js';
import { startSession } from './sign-in-session.js';
import './auth-session.js';

/** The page that says why a sign-in through the provider did not work. */
function refusedPage(res: Response, status: number, reason: SsoRefusal | 'unavailable', next = '/'): void {
  res.status(status).render('auth/sso-refused', {
    pageTitle: 'sso.refused.title',
    messageKey: `sso.refused.${reason}`,
    retry: `/auth/oidc/start?next=${encodeURIComponent(safeReturnPath(next))}`,
  });
}

export function ssoRoutes(deps: AppDeps): Router {
  const { config, clock, logger } = deps;
  const r = Router();
  const oidc = config.sso.oidc;

  r.get('/auth/oidc/start', async (req, res) => {
    if (!oidc) throw new NotFoundError();
    let started;
    try {
      started = await startOidcLogin(oidc, safeReturnPath(req.query.next), clock.now());
    } catch (err) {
      logger.warn({ err }, 'single sign-on: the provider cannot be reached');
      return refusedPage(res, 503, 'unavailable', safeReturnPath(req.query.next));
    }
    req.session.oidcLogin = started.state;
    res.redirect(303, started.url);
  });

  r.get('/auth/oidc/callback', async (req, res) => {
    if (!oidc) throw new NotFoundError();
    const login = req.session.oidcLogin;
    // One answer per started sign-in: whatever happens next, this state is spent.
    delete req.session.oidcLogin;
    const origin = { ip: req.ip, via: 'web' as const };
    const now = clock.now();
    const refuse = async (status: number, reason: SsoRefusal, details: Record<string, unknown> = {}) => {
      await auditRefusedSignIn(origin, { method: 'oidc', reason, ...details }, now);
      refusedPage(res, status, reason, login?.next);
    };
    if (!login) return refuse(400, 'no-login');
    if (typeof req.query.error === 'string')
      return refuse(403, 'provider', { error: req.query.error.slice(0, 100) });
    if (now.getTime() - login.at > oidc.loginMaxMs)
      return refuse(400, 'expired', { startedAt: new Date(login.at) });
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    let result;
    try {
      result = await finishOidcLogin(oidc, query, login);
    } catch (err) {
      logger.warn({ err }, 'single sign-on: the answer was refused');
      const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'error';
      return refuse(400, 'invalid', { error: code });
    }
    if (result.expiresAt <= now.getTime())
      return refuse(400, 'expired', { idTokenExpiredAt: new Date(result.expiresAt) });
    const outcome = await signInFromClaims(oidc, result.claims, origin, now);
    if (!outcome.ok) {
      refusedPage(res, 403, outcome.reason, login.next);
      return;
    }
    await startSession(req, outcome.user, {
      method: 'oidc',
      idToken: result.idToken,
      expiresAt: result.expiresAt,
    });
    res.redirect(303, login.next);
  });
  return r;
}
