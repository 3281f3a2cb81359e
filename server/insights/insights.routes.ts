// The insights page (issue 17) for privacy officers, and read-only for the `management` role: the
// figures come from the register's breach data, which the officer keeps (domain.md: the register of
// Art. 33(5) GDPR). Management reports to the board and answers for the organisation, so it sees
// the figures — but not incident references or free text (forAudience in insights.view-model.ts).
// Admins manage accounts and settings, not breach data, and do not see the figures.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { requireRole } from '../middleware/require-role.js';
import { actionContext } from '../middleware/request-context.js';

import { dutchMonth } from './insights.aggregate.js';
import { insightsCsv } from './insights.csv.js';
import { forAudience, type InsightsAudience } from './insights.view-model.js';
import { loadFigures, loadInsightsView } from './insights.cache.js';
import type { Role } from '../../models/user.model.js';
import { formatNumber } from '../i18n/numbers.js';
import { AnnualReport } from '../../models/annual-report.model.js';
import { generatedNarrative, NARRATIVE_MAX, reportFigures, reportPdf, reportXlsx } from './annual-report.js';
import { auditAction } from '../audit/audit-action.js';
import { startDownload } from '../middleware/download.js';

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
    await auditAction(ctx, {
      action: 'insights.view',
      object: { type: 'register' },
      details: { year },
    });
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
    await auditAction(ctx, {
      action: 'insights.export',
      object: { type: 'register' },
      details: { year, format: 'csv' },
    });
    startDownload(res, 'text/csv; charset=utf-8', `${lang === 'nl' ? 'inzicht' : 'insights'}-${year}.csv`);
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    res.send('\uFEFF' + insightsCsv(figures, lang, audience));
  });
  // The annual report (issue 17 item 3): the narrative form, saved per year by a privacy officer;
  // management reads it and downloads the report, but may not change it.
  const reportYear = (req: { query: unknown }, now: Date) => {
    const parsed = yearSchema.safeParse(req.query);
    return parsed.success ? (parsed.data.year ?? dutchMonth(now).year) : null;
  };
  const narrativeOf = async (year: number, now: Date, lang: Lang) => {
    const saved = await AnnualReport.findOne({ year }).lean();
    if (saved) return { narrative: saved.narrative, saved };
    const figures = await loadFigures(year, now);
    return { narrative: generatedNarrative(figures, deps.config.organisation.name, lang), saved: null };
  };
  r.get('/insights/report', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const year = reportYear(req, ctx.now);
    if (year === null) {
      res.status(400).type('text/plain; charset=utf-8').send(translate(req.lang, 'insights.yearInvalid'));
      return;
    }
    const { narrative, saved } = await narrativeOf(year, ctx.now, req.lang);
    await auditAction(ctx, {
      action: 'insights.report.view',
      object: { type: 'register' },
      details: { year },
    });
    res.setHeader('Cache-Control', 'private, no-store');
    res.render('insights/report', {
      pageTitle: 'insights.report.title',
      year,
      narrative,
      paragraphs: narrative.split(/\r?\n\s*\r?\n/),
      saved: saved ? { by: saved.updatedByName, at: saved.updatedAt } : null,
      canEdit: ctx.user.role === 'privacy_officer',
      organisation: deps.config.organisation.name,
      max: formatNumber(NARRATIVE_MAX, req.lang),
    });
  });
  const narrativeSchema = z.object({ narrative: z.string().trim().min(1).max(NARRATIVE_MAX) });
  r.post('/insights/report', requireRole('privacy_officer'), async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const year = reportYear(req, ctx.now);
    const body = req.body as Record<string, unknown>;
    const typed = typeof body.narrative === 'string' ? body.narrative : '';
    if (year === null) {
      res.status(400).type('text/plain; charset=utf-8').send(translate(req.lang, 'insights.yearInvalid'));
      return;
    }
    const parsed = narrativeSchema.safeParse(body);
    if (!parsed.success) {
      res.status(400).render('insights/report', {
        pageTitle: 'insights.report.title',
        year,
        narrative: typed,
        narrativeInvalid: true,
        canEdit: true,
        organisation: deps.config.organisation.name,
        max: formatNumber(NARRATIVE_MAX, req.lang),
      });
      return;
    }
    await AnnualReport.updateOne(
      { year },
      {
        $set: {
          narrative: parsed.data.narrative,
          updatedAt: ctx.now,
          updatedById: ctx.user.id,
          updatedByName: ctx.user.name,
        },
      },
      { upsert: true },
    );
    await auditAction(ctx, {
      action: 'insights.report.save',
      object: { type: 'register' },
      details: { year, length: parsed.data.narrative.length },
    });
    res.redirect(303, `/insights/report?year=${year}`);
  });
  for (const format of ['pdf', 'xlsx'] as const) {
    r.get(`/insights/report.${format}`, async (req, res) => {
      const lang = req.lang;
      const ctx = actionContext(req, deps.clock);
      const year = reportYear(req, ctx.now);
      if (year === null) {
        res.status(400).type('text/plain; charset=utf-8').send(translate(lang, 'insights.yearInvalid'));
        return;
      }
      const audience = audienceOf(ctx.user.role);
      const view = await loadInsightsView(year, ctx.now, lang, audience);
      const content = {
        organisation: deps.config.organisation.name,
        year,
        narrative: (await narrativeOf(year, ctx.now, lang)).narrative,
        figures: reportFigures(view, lang),
      };
      const file = format === 'pdf' ? await reportPdf(content, lang) : await reportXlsx(content);
      await auditAction(ctx, {
        action: 'insights.report.download',
        object: { type: 'register' },
        details: { year, format },
      });
      startDownload(
        res,
        format === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        `${lang === 'nl' ? 'jaarverslag' : 'annual-report'}-${year}.${format}`,
      );
      res.send(file);
    });
  }
  return r;
}
