// The signed-in user's own account page (preferred language).
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { parseInput } from '../middleware/validate.js';
import { languageSchema } from './users.schema.js';
import { setOwnLanguage } from './users.service.js';

/** /account routes for every role. */
export function accountRoutes(deps: AppDeps): Router {
  const r = Router();
  r.get('/account', requireRole(), (_req, res) => {
    res.render('users/account', { pageTitle: 'account.title' });
  });
  r.post('/account', requireRole(), async (req, res) => {
    const { language } = parseInput(languageSchema, req.body);
    await setOwnLanguage(req.user!, language, deps.clock.now());
    req.session.lang = language;
    flash(req, { type: 'success', key: 'account.saved' });
    res.redirect(303, '/account');
  });
  return r;
}
