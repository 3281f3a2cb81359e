// The home page: what each role starts from.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { requireRole } from '../middleware/require-role.js';
import { homeCards } from './home-cards.js';
import type { Role } from '../../models/user.model.js';
import { effectiveConfig } from '../settings/settings.service.js';
import { defaultsFrom } from '../settings/settings.schema.js';
import { missingSettings, settingsNotice } from '../settings/settings.view-model.js';

/** Start pages that replace the home page for a role: the privacy officer starts on the deadlines. */
export const HOME_REDIRECTS: Partial<Record<Role, string>> = { privacy_officer: '/dashboard' };

/** GET / for every signed-in role. */
export function homeRoutes(deps: AppDeps): Router {
  const r = Router();
  r.get('/', requireRole(), async (req, res) => {
    const user = req.user!;
    // A role whose work starts on a feature page goes there (its cards are shown on that page too).
    const start = HOME_REDIRECTS[user.role];
    if (start) return res.redirect(303, start);
    res.render('home/index', {
      pageTitle: 'nav.home',
      introKey: `home.${user.role}`,
      cards: homeCards(user.role),
      // The administrator learns here which settings the officers' pages still miss (issue 12).
      settingsMissing: user.role === 'admin' ? await missingForAdmin() : null,
    });
  });
  async function missingForAdmin() {
    const values = defaultsFrom(await effectiveConfig(deps.config));
    return settingsNotice(
      [...missingSettings('dossier', values), ...missingSettings('ministry', values)],
      'admin',
      [],
    );
  }
  return r;
}
