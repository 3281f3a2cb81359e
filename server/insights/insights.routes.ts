// The insights page (issue 17) for privacy officers only: the figures come from the register's
// breach data, which the officer keeps (domain.md: the register of Art. 33(5) GDPR). A read-only
// variant for admins or a management role is not offered yet: admins manage accounts and settings,
// not breach data, so widening their access would need its own decision.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/numbers.js';
import { incidentIndex } from '../incidents/incident-index.js';
import { requireRole } from '../middleware/require-role.js';
import { actionContext } from '../middleware/request-context.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditActor } from '../context.js';
import { csvRecord } from '../csv.js';
import { AWARENESS_BUCKETS, awarenessTiming, dutchMonth, incidentsPerMonth } from './insights.aggregate.js';
import { barChartSpec, renderChart } from './insights.chart.js';

const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

function monthName(lang: Lang, month: number): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2000, month, 1)));
}

/** The month's usual abbreviation ("mrt", "Mar"), without a trailing full stop. */
function shortMonthName(lang: Lang, month: number): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2000, month, 1)))
    .replace(/\.$/, '');
}

export function insightsRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/insights', requireRole('privacy_officer'));
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
    const incidents = (await incidentIndex()).all();
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

    const perMonth = incidentsPerMonth(incidents, year);
    const total = perMonth.reduce((a, b) => a + b, 0);
    const most = Math.max(...perMonth);
    const months = perMonth.map((n, i) => ({
      label: monthName(lang, i),
      short: shortMonthName(lang, i),
      value: n,
      shown: formatNumber(n, lang),
    }));
    const perMonthTitle = translate(lang, 'insights.perMonth.title');
    const perMonthSummary =
      total === 0
        ? translate(lang, 'insights.perMonth.none', { year })
        : translate(lang, 'insights.perMonth.summary', {
            year,
            total: formatNumber(total, lang),
            busiest: months[perMonth.indexOf(most)]?.label ?? '',
            most: formatNumber(most, lang),
          });

    const timing = awarenessTiming(incidents, year);
    const buckets = AWARENESS_BUCKETS.map((b) => ({
      label: translate(lang, `insights.awareness.${b}`),
      value: timing.counts[b],
      shown: formatNumber(timing.counts[b], lang),
    }));
    const awarenessTitle = translate(lang, 'insights.awareness.title');

    res.render('insights/page', {
      pageTitle: 'insights.title',
      yearValue: String(year),
      perMonth: {
        title: perMonthTitle,
        svg: await renderChart(
          barChartSpec(
            months.map((m) => ({ label: m.short, value: m.value })),
            { x: translate(lang, 'insights.col.month'), y: translate(lang, 'insights.col.count') },
            lang,
          ),
          perMonthTitle,
        ),
        rows: months,
        summary: perMonthSummary,
      },
      awareness: {
        title: awarenessTitle,
        svg: await renderChart(
          barChartSpec(
            buckets,
            { x: translate(lang, 'insights.col.span'), y: translate(lang, 'insights.col.count') },
            lang,
          ),
          awarenessTitle,
        ),
        rows: buckets,
        summary: translate(lang, 'insights.awareness.summary', {
          over: formatNumber(timing.counts.over72, lang),
          total: formatNumber(total, lang),
        }),
        late: timing.late,
      },
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
    const incidents = (await incidentIndex()).all();
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
    const d: ',' | ';' = lang === 'nl' ? ';' : ',';
    const lines = [
      csvRecord([translate(lang, 'insights.perMonth.title'), String(year)], d),
      csvRecord([translate(lang, 'insights.col.month'), translate(lang, 'insights.col.count')], d),
    ];
    incidentsPerMonth(incidents, year).forEach((n, i) => lines.push(csvRecord([monthName(lang, i), n], d)));
    const timing = awarenessTiming(incidents, year);
    lines.push(
      csvRecord([], d),
      csvRecord([translate(lang, 'insights.awareness.title'), String(year)], d),
      csvRecord([translate(lang, 'insights.col.span'), translate(lang, 'insights.col.count')], d),
    );
    for (const b of AWARENESS_BUCKETS)
      lines.push(csvRecord([translate(lang, `insights.awareness.${b}`), timing.counts[b]], d));
    for (const ref of timing.late)
      lines.push(csvRecord([translate(lang, 'insights.awareness.late'), ref], d));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${lang === 'nl' ? 'inzicht' : 'insights'}-${year}.csv"`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    res.send('\uFEFF' + lines.join(''));
  });
  return r;
}
