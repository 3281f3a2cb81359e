// The home page: what each role starts from.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { requireRole } from '../middleware/require-role.js';
import { homeCards } from './home-cards.js';

/** GET / for every signed-in role. */
export function homeRoutes(_deps: AppDeps): Router {
  const r = Router();
  r.get('/', requireRole(), (req, res) => {
    const user = req.user!;
    res.render('home/index', {
      pageTitle: 'nav.home',
      introKey: `home.${user.role}`,
      cards: homeCards(user.role),
    });
  });
  return r;
}
