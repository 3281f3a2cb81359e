// The second step of a local sign-in (issue 16 item 3): entering a code, setting up an
// authenticator (forced for the roles that require it), the own account's setting, and an
// administrator's reset.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { attachmentSecret } from '../attachments/attachment-key.js';
import { auditOwnStep } from '../audit/audit-action.js';
import type { SessionUser } from '../context.js';
import { actionContext, flash, safeReturnPath } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { translate } from '../i18n/i18n.js';
import { loadSessionUser } from '../users/users.service.js';
import { MAX_CODE_FAILURES, PENDING_LOGIN_MS, type PendingLogin } from './auth-session.js';
import {
  confirmEnrolment,
  groupedSecret,
  hasSecondFactor,
  newTotpSecret,
  recoveryCodesLeft,
  resetSecondFactor,
  SecretSealer,
  takeCodeAttempt,
  totpUri,
  verifySecondFactor,
} from './second-factor.service.js';
import { startSession } from './sign-in-session.js';
import { codeSchema } from './sso.schema.js';
import { SsoIdentity } from '../../models/sso-identity.model.js';

export function secondFactorRoutes(deps: AppDeps): Router {
  const { config, clock } = deps;
  const r = Router();
  let sealer: SecretSealer | undefined;
  const seal = () => (sealer ??= new SecretSealer(attachmentSecret(config)));
  const origin = (req: Request) => ({ ip: req.ip, via: 'web' as const });
  /** The first code from the app, posted on the enrolment page, checked against the secret it showed. */
  const confirmFromForm = async (req: Request, user: { id: string; email: string; role: string }) => {
    const secret = req.session.enrolSecret;
    const parsed = tryParseInput(codeSchema, req.body);
    return secret && parsed.ok
      ? await confirmEnrolment(user, secret, parsed.data.code, seal(), origin(req), clock.now())
      : { outcome: 'wrong' as const };
  };

  /** The pending sign-in and its user, or null (then the user is sent back to the sign-in page). */
  const pending = async (
    req: Request,
    res: Response,
    stage: PendingLogin['stage'],
  ): Promise<{ p: PendingLogin; user: SessionUser } | null> => {
    const p = req.session.pendingLogin;
    const user =
      p && p.stage === stage && clock.now().getTime() - p.at <= PENDING_LOGIN_MS
        ? await loadSessionUser(p.userId)
        : null;
    if (!p || !user) {
      if (p) {
        delete req.session.pendingLogin;
        delete req.session.enrolSecret;
        flash(req, { type: 'error', key: 'mfa.loginExpired' });
      }
      res.redirect(303, '/login');
      return null;
    }
    return { p, user };
  };

  const enrolPage = (
    req: Request,
    res: Response,
    status: number,
    view: { action: string; required: boolean; user: SessionUser; error?: string },
  ) => {
    req.session.enrolSecret ??= newTotpSecret();
    const secret = req.session.enrolSecret;
    res.status(status).render('auth/enrol', {
      pageTitle: 'mfa.enrol.title',
      action: view.action,
      required: view.required,
      secret: groupedSecret(secret),
      uri: totpUri(secret, view.user.email),
      error: view.error,
    });
  };

  r.get('/login/second-factor', async (req, res) => {
    if (!(await pending(req, res, 'verify'))) return;
    res.render('auth/second-factor', { pageTitle: 'mfa.title' });
  });

  r.post('/login/second-factor', async (req, res) => {
    const found = await pending(req, res, 'verify');
    if (!found) return;
    const { p, user } = found;
    const attempt = await takeCodeAttempt(user.id, config.login, clock.now());
    if (!attempt.allowed) {
      await auditOwnStep(user, origin(req), clock.now(), {
        action: 'auth.second-factor.verify',
        object: { type: 'user', id: user.id, ref: user.email },
        result: 'denied',
        details: { reason: 'locked' },
      });
      delete req.session.pendingLogin;
      flash(req, { type: 'error', key: 'mfa.locked', vars: { minutes: attempt.minutes } });
      return res.redirect(303, '/login');
    }
    const parsed = tryParseInput(codeSchema, req.body);
    const outcome = parsed.ok
      ? await verifySecondFactor(user, parsed.data.code, seal(), origin(req), clock.now())
      : 'wrong';
    await attempt.settle(outcome === 'ok');
    if (outcome === 'ok') {
      await startSession(req, user, { method: 'password' });
      await auditOwnStep(user, origin(req), clock.now(), {
        action: 'auth.login',
        object: { type: 'session' },
        details: { method: 'password', secondFactor: true },
      });
      return res.redirect(303, safeReturnPath(p.next));
    }
    p.failures += 1;
    if (p.failures >= MAX_CODE_FAILURES) {
      delete req.session.pendingLogin;
      flash(req, { type: 'error', key: 'mfa.tooMany' });
      return res.redirect(303, '/login');
    }
    res.status(401).render('auth/second-factor', {
      pageTitle: 'mfa.title',
      error: translate(req.lang, outcome === 'replayed' ? 'mfa.replayed' : 'mfa.wrong'),
    });
  });

  r.get('/login/second-factor/enrol', async (req, res) => {
    const found = await pending(req, res, 'enrol');
    if (!found) return;
    enrolPage(req, res, 200, { action: '/login/second-factor/enrol', required: true, user: found.user });
  });

  r.post('/login/second-factor/enrol', async (req, res) => {
    const found = await pending(req, res, 'enrol');
    if (!found) return;
    const { p, user } = found;
    const result = await confirmFromForm(req, user);
    if (result.outcome !== 'ok') {
      p.failures += 1;
      if (p.failures >= MAX_CODE_FAILURES) {
        delete req.session.pendingLogin;
        delete req.session.enrolSecret;
        flash(req, { type: 'error', key: 'mfa.tooMany' });
        return res.redirect(303, '/login');
      }
      return enrolPage(req, res, 400, {
        action: '/login/second-factor/enrol',
        required: true,
        user,
        error: translate(req.lang, 'mfa.enrol.wrong'),
      });
    }
    await startSession(req, user, { method: 'password' });
    await auditOwnStep(user, origin(req), clock.now(), {
      action: 'auth.login',
      object: { type: 'session' },
      details: { method: 'password', secondFactor: 'enrolled' },
    });
    // The session id changed: the page's forms (language switch, sign-out) need a token for it.
    const generate = (
      req.app.locals as { generateCsrf: (rq: Request, rs: Response, o: { overwrite: boolean }) => string }
    ).generateCsrf;
    res.locals.csrfToken = generate(req, res, { overwrite: true });
    res.locals.user = user;
    // Shown once, on this response only; never stored.
    res.render('auth/recovery-codes', {
      pageTitle: 'mfa.recovery.title',
      codes: result.recoveryCodes,
      next: safeReturnPath(p.next),
    });
  });

  // The own account: set up (or renew) the second factor while signed in.
  r.get('/account/second-factor', requireRole(), async (req, res) => {
    const user = req.user!;
    if (await SsoIdentity.exists({ userId: user.id }))
      return res.render('auth/account-second-factor', { pageTitle: 'mfa.account.title', sso: true });
    const on = await hasSecondFactor(user.id);
    if (req.query.setup === '1')
      return enrolPage(req, res, 200, { action: '/account/second-factor', required: false, user });
    res.render('auth/account-second-factor', {
      pageTitle: 'mfa.account.title',
      on,
      left: on ? await recoveryCodesLeft(user.id) : 0,
    });
  });

  r.post('/account/second-factor', requireRole(), async (req, res) => {
    const user = req.user!;
    const result = await confirmFromForm(req, user);
    if (result.outcome !== 'ok')
      return enrolPage(req, res, 400, {
        action: '/account/second-factor',
        required: false,
        user,
        error: translate(req.lang, 'mfa.enrol.wrong'),
      });
    delete req.session.enrolSecret;
    res.render('auth/recovery-codes', {
      pageTitle: 'mfa.recovery.title',
      codes: result.recoveryCodes,
      next: '/account/second-factor',
    });
  });

  r.post('/admin/users/:id/second-factor/reset', requireRole('admin'), async (req, res) => {
    await resetSecondFactor(String(req.params.id), actionContext(req, clock));
    flash(req, { type: 'success', key: 'mfa.resetDone' });
    res.redirect(303, '/admin/users');
  });
  return r;
}
