// The deadline dashboard (privacy officer home), the calendar-link management and the calendar
// feed itself (by secret token, no session needed).
import { Router } from 'express';
import { effectiveConfig } from '../settings/settings.service.js';
import type { AppDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { homeCards } from '../home/home-cards.js';
import { loadDashboard } from './dashboard.service.js';
import { dashboardView } from './dashboard.view-model.js';
import { unreadReporterMessages } from '../intake/intake.service.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import {
  calendarFeed,
  calendarStatus,
  regenerateCalendarToken,
  revokeCalendarToken,
} from './calendar.service.js';

/** /dashboard, /dashboard/calendar and /calendar/:token.ics. */
export function deadlinesRoutes(deps: AppDeps): Router {
  const r = Router();

  r.get('/dashboard', requireRole('privacy_officer'), async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    // ?page=N (whole number from 1); anything else shows page 1 with a note, never an error page.
    const raw = req.query.page;
    const requested =
      raw === undefined ? 1 : typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
    const board = await loadDashboard(ctx, await effectiveConfig(deps.config), requested);
    const calendar = await calendarStatus(ctx);
    // Reports from the public page whose reporter wrote since an officer last looked (issue 15).
    const unreadExternal = (await unreadReporterMessages()).map((u) => ({
      href: `/incidents/${encodeURIComponent(u.incidentId)}#external`,
      reference: u.reference,
      count: u.count,
      sinceIso: u.since.toISOString(),
      sinceText: formatAmsterdam(u.since, req.lang),
    }));
    res.render('deadlines/dashboard', {
      ...dashboardView(board, calendar, homeCards(ctx.user.role), req.lang),
      unreadExternal,
    });
  });

  r.post('/dashboard/calendar', requireRole('privacy_officer'), async (req, res) => {
    const token = await regenerateCalendarToken(actionContext(req, deps.clock));
    // Shown once on this response only; never put in the session or a redirect.
    res.set('Cache-Control', 'no-store');
    res.status(201).render('deadlines/calendar-link', {
      pageTitle: 'calendar.createdTitle',
      feedUrl: `${deps.config.baseUrl}/calendar/${token}.ics`,
    });
  });

  r.post('/dashboard/calendar/revoke', requireRole('privacy_officer'), async (req, res) => {
    await revokeCalendarToken(actionContext(req, deps.clock));
    flash(req, { type: 'success', key: 'calendar.revoked' });
    res.redirect(303, '/dashboard');
  });

  r.get('/calendar/:file', async (req, res) => {
    const m = /^([A-Za-z0-9_-]+)\.ics$/.exec(req.params.file);
    if (!m) throw new NotFoundError();
    const ics = await calendarFeed(m[1]!, deps.clock.now(), await effectiveConfig(deps.config), {
      ip: req.ip,
      via: 'web',
    });
    res.set('Cache-Control', 'no-store');
    res.type('text/calendar; charset=utf-8').send(ics);
  });
  return r;
}
