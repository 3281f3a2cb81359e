// Sign in, sign out, first-run setup, and the language switch.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { AppError, ValidationError } from '../errors.js';
import { flash, safeReturnPath } from '../middleware/request-context.js';
import { tryParseInput } from '../middleware/validate.js';
import { languageSchema, loginSchema, setupSchema } from '../users/users.schema.js';
import { translate } from '../i18n/i18n.js';
import { authenticate, completeSetup, setupTokenUsable, LockedOutError } from './auth.service.js';
import { auditOwnStep } from '../audit/audit-action.js';
import type { Config } from '../config.js';
import { endSessionUrl } from './oidc.service.js';
import { freshSession, startSession } from './sign-in-session.js';
import { hasSecondFactor, secondFactorRequired } from './second-factor.service.js';
import type { SessionUser } from '../context.js';
import './auth-session.js';

/** What a local sign-in needs after the password (issue 16): nothing, a code, or setting one up. */
async function secondStepFor(
  user: SessionUser,
  requiredRoles: Config['sso']['mfaRequiredRoles'],
): Promise<'none' | 'verify' | 'enrol'> {
  if (await hasSecondFactor(user.id)) return 'verify';
  return secondFactorRequired(user.role, requiredRoles) ? 'enrol' : 'none';
}

/** What the sign-in page offers: single sign-on, local accounts, or both. */
function loginOptions(config: Config, next: string) {
  const oidc = config.sso.oidc;
  return {
    localLogin: config.sso.localLogin,
    sso: oidc ? { href: `/auth/oidc/start?next=${encodeURIComponent(next)}`, label: oidc.buttonLabel } : null,
  };
}

function regenerate(req: Request): Promise<void> {
  return new Promise((ok, fail) =>
    req.session.regenerate((err: unknown) =>
      err ? fail(err instanceof Error ? err : new Error('session regeneration failed')) : ok(),
    ),
  );
}

/** Routes that work without a session (plus sign-out and the language switch). */
export function authRoutes(deps: AppDeps): Router {
  const { config, clock } = deps;
  const r = Router();
  const renderLogin = (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    res.status(status).render('auth/login', {
      pageTitle: 'login.title',
      next: safeReturnPath(req.query.next ?? (req.body as { next?: unknown })?.next, '/'),
      ...loginOptions(config, safeReturnPath(req.query.next ?? (req.body as { next?: unknown })?.next, '/')),
      ...extra,
    });
  };

  r.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeReturnPath(req.query.next));
    renderLogin(req, res, 200);
  });

  // Guesses are limited in authenticate(): one limiter per address, per address and client, and
  // per client, kept in the database so it holds across processes (issue 11 item 5).
  r.post('/login', async (req, res) => {
    // Local accounts can be switched off (issue 16): then only single sign-on signs in.
    if (!config.sso.localLogin)
      return renderLogin(req, res, 403, { error: translate(req.lang, 'sso.localDisabled') });
    const parsed = tryParseInput(loginSchema, req.body);
    const email = parsed.ok ? parsed.data.email : '';
    try {
      if (!parsed.ok) throw new ValidationError(parsed.fields);
      let step: 'none' | 'verify' | 'enrol' = 'none';
      const user = await authenticate(
        parsed.data.email,
        parsed.data.password,
        config.login,
        { ip: req.ip, via: 'web' },
        clock.now(),
        async (u) => (step = await secondStepFor(u, config.sso.mfaRequiredRoles)),
      );
      const next = safeReturnPath((req.body as { next?: unknown }).next);
      if (step !== 'none') {
        // The password was right; the session is not signed in until the second step is done.
        await freshSession(req);
        req.session.pendingLogin = {
          userId: user.id,
          at: clock.now().getTime(),
          stage: step,
          next,
          failures: 0,
        };
        return res.redirect(303, step === 'verify' ? '/login/second-factor' : '/login/second-factor/enrol');
      }
      await startSession(req, user, { method: 'password' }); // a new session id prevents session fixation
      res.redirect(303, next);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const vars = err instanceof LockedOutError ? { minutes: err.minutes } : undefined;
      const key = err instanceof ValidationError ? 'login.failed' : err.messageKey;
      renderLogin(req, res, err instanceof ValidationError ? 401 : err.status, {
        error: translate(req.lang, key, vars),
        email,
      });
    }
  });

  r.post('/logout', async (req, res) => {
    const lang = req.session.lang;
    const viaProvider = req.session.authMethod === 'oidc' && req.user ? req.session.idToken : undefined;
    if (req.user)
      await auditOwnStep(req.user, { ip: req.ip, via: 'web' }, clock.now(), {
        action: 'auth.logout',
        object: { type: 'session' },
        details: { method: req.session.authMethod ?? 'password' },
      });
    await regenerate(req);
    if (lang) req.session.lang = lang;
    flash(req, { type: 'info', key: 'login.signedOut' });
    // Single sign-out (issue 16 item 2): also at the provider, which sends the browser back here.
    if (viaProvider !== undefined && config.sso.oidc) {
      const url = await endSessionUrl(config.sso.oidc, viaProvider).catch(() => null);
      if (url) return res.redirect(303, url);
    }
    res.redirect(303, '/login');
  });

  r.post('/language', (req, res) => {
    const parsed = tryParseInput(languageSchema, req.body);
    if (parsed.ok) req.session.lang = parsed.data.language;
    res.redirect(303, safeReturnPath((req.body as { returnTo?: unknown }).returnTo));
  });

  r.get('/setup/:token', async (req, res) => {
    const usable = await setupTokenUsable(req.params.token, clock.now());
    res.status(usable ? 200 : 404).render('auth/setup', {
      pageTitle: 'setup.title',
      token: req.params.token,
      invalid: !usable,
      values: {},
    });
  });

  r.post('/setup/:token', async (req, res) => {
    const token = req.params.token;
    const parsed = tryParseInput(setupSchema, req.body);
    const body = req.body as Record<string, unknown>;
    const values = { name: body.name, email: body.email };
    if (!parsed.ok) {
      return res
        .status(400)
        .render('auth/setup', { pageTitle: 'setup.title', token, errors: parsed.fields, values });
    }
    try {
      const user = await completeSetup(token, parsed.data, { ip: req.ip, via: 'web' }, clock.now());
      if (!user)
        return res
          .status(404)
          .render('auth/setup', { pageTitle: 'setup.title', token, invalid: true, values });
      await regenerate(req);
      req.session.userId = user.id;
      flash(req, { type: 'success', key: 'setup.done' });
      res.redirect(303, '/');
    } catch (err) {
      if (err instanceof ValidationError) {
        return res
          .status(400)
          .render('auth/setup', { pageTitle: 'setup.title', token, errors: err.fields, values });
      }
      throw err;
    }
  });
  return r;
}
