// The home page: what each role starts from.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { requireRole } from '../middleware/require-role.js';
import { homeCards } from './home-cards.js';
import type { Role } from '../../models/user.model.js';

/** Start pages that replace the home page for a role: the privacy officer starts on the deadlines. */
export const HOME_REDIRECTS: Partial<Record<Role, string>> = { privacy_officer: '/dashboard' };

/** GET / for every signed-in role. */
export function homeRoutes(_deps: AppDeps): Router {
  const r = Router();
  r.get('/', requireRole(), (req, res) => {
    const user = req.user!;
    // A role whose work starts on a feature page goes there (its cards are shown on that page too).
    const start = HOME_REDIRECTS[user.role];
    if (start) return res.redirect(303, start);
    res.render('home/index', {
      pageTitle: 'nav.home',
      introKey: `home.${user.role}`,
      cards: homeCards(user.role),
    });
  });
  return r;
}
