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
import { AWARENESS_BUCKETS, awarenessTiming, dutchMonth, incidentsPerMonth } from './insights.aggregate.js';
import { barChartSvg } from './insights.svg.js';

const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

function monthName(lang: Lang, month: number): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2000, month, 1)));
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
    const year = parsed.data.year ?? dutchMonth(deps.clock.now()).year;
    const incidents = (await incidentIndex()).all();

    const perMonth = incidentsPerMonth(incidents, year);
    const total = perMonth.reduce((a, b) => a + b, 0);
    const most = Math.max(...perMonth);
    const months = perMonth.map((n, i) => ({
      label: monthName(lang, i),
      short: monthName(lang, i).slice(0, 3),
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
        svg: barChartSvg(
          months.map((m) => ({ label: m.short, value: m.value, shown: m.shown })),
          perMonthTitle,
        ),
        rows: months,
        summary: perMonthSummary,
      },
      awareness: {
        title: awarenessTitle,
        svg: barChartSvg(buckets, awarenessTitle),
        rows: buckets,
        summary: translate(lang, 'insights.awareness.summary', {
          over: formatNumber(timing.counts.over72, lang),
          total: formatNumber(total, lang),
        }),
        late: timing.late,
      },
    });
  });
  return r;
}
