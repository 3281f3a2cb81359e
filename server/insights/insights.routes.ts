// The insights page (issue 17) for privacy officers, and read-only for the `management` role: the
// figures come from the register's breach data, which the officer keeps (domain.md: the register of
// Art. 33(5) GDPR). Management reports to the board and answers for the organisation, so it sees
// the figures — but not incident references or free text (forAudience in insights.view-model.ts).
// Admins manage accounts and settings, not breach data, and do not see the figures.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { translate } from '../i18n/i18n.js';
import { requireRole } from '../middleware/require-role.js';
import { actionContext } from '../middleware/request-context.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditActor } from '../context.js';
import { dutchMonth } from './insights.aggregate.js';
import { insightsCsv } from './insights.csv.js';
import { forAudience, type InsightsAudience } from './insights.view-model.js';
import { loadFigures, loadInsightsView } from './insights.cache.js';
import type { Role } from '../../models/user.model.js';

/** Management reads the figures only; privacy officers see the incidents behind them too. */
function audienceOf(role: Role): InsightsAudience {
  return { readOnly: role !== 'privacy_officer' };
}

const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function insightsRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/insights', requireRole('privacy_officer', 'management'));
  r.get('/insights', async (req, res) => {
    const lang = req.lang;
    const parsed = yearSchema.safeParse(req.query);
    const rawYear = typeof req.query.year === 'string' ? req.query.year : '';
    if (!parsed.success) {
      return res
        .status(400)
        .render('insights/page', { pageTitle: 'insights.title', yearInvalid: true, yearValue: rawYear });
    }
    const ctx = actionContext(req, deps.clock);
    const year = parsed.data.year ?? dutchMonth(ctx.now).year;
    const view = await loadInsightsView(year, ctx.now, lang, audienceOf(ctx.user.role));
    // Figures of breach data are read: audited like the register listing (domain.md §8.3).
    await recordAudit(
      {
        actor: auditActor(ctx.user),
        origin: ctx.origin,
        action: 'insights.view',
        object: { type: 'register' },
        details: { year },
      },
      ctx.now,
    );
    res.render('insights/page', {
      pageTitle: 'insights.title',
      yearValue: String(year),
      ...view,
    });
  });
  // The same figures as CSV (semicolon-separated for Dutch spreadsheets, as the register spreadsheet).
  r.get('/insights/figures.csv', async (req, res) => {
    const lang = req.lang;
    const parsed = yearSchema.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).type('text/plain; charset=utf-8').send(translate(lang, 'insights.yearInvalid'));
      return;
    }
    const ctx = actionContext(req, deps.clock);
    const year = parsed.data.year ?? dutchMonth(ctx.now).year;
    const audience = audienceOf(ctx.user.role);
    const figures = forAudience(await loadFigures(year, ctx.now), audience);
    await recordAudit(
      {
        actor: auditActor(ctx.user),
        origin: ctx.origin,
        action: 'insights.export',
        object: { type: 'register' },
        details: { year, format: 'csv' },
      },
      ctx.now,
    );
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${lang === 'nl' ? 'inzicht' : 'insights'}-${year}.csv"`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    res.send('\uFEFF' + insightsCsv(figures, lang, audience));
  });
  return r;
}
