// The insights page and its CSV (issue 17): reads the figure sets through the database aggregates
// (insights.queries.ts), computes them (insights.aggregate.ts) and shapes every figure as a chart,
// a table and a one-line summary in the page's language.
import { BREACH_TYPE_LABELS, INCIDENT_CAUSE_LABELS } from '../assessments/assessment.labels.js';
import { INCIDENT_CAUSES, type IncidentCause } from '../../models/vocabulary/assessment.enums.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/numbers.js';
import {
  AP_LIMIT_HOURS,
  AWARENESS_BUCKETS,
  BREACH_TYPE_KEYS,
  FILING_BIN_HOURS,
  NOTIFICATION_OUTCOMES,
  NOTIFY_DUTIES,
  awarenessTiming,
  dutiesOverTime,
  filingTimes,
  noticeRuns,
  incidentsPerMonth,
  countCauses,
  measuresPerCause,
  monthlyByBreachType,
  monthlyByCause,
  notificationShares,
  topCauses,
  type AwarenessTiming,
  type BreachTypeKey,
  type CauseMeasures,
  type DutyMonth,
  type NoticeCounts,
  type NoticeRuns,
  type FilingBin,
  type FilingTimes,
  type NotificationShares,
} from './insights.aggregate.js';
import {
  barChartSpec,
  hoursHistogramSpec,
  renderChart,
  stackedBarChartSpec,
  type StackedSegment,
} from './insights.chart.js';
import {
  assessmentRows,
  fulfilmentRows,
  handledIncidentRows,
  letterPostingRows,
  pageStatusRows,
  runStartRows,
  yearBounds,
} from './insights.queries.js';

/** Every figure set of one year, before it is put into words. */
export interface InsightFigures {
  year: number;
  perMonth: number[];
  awareness: AwarenessTiming;
  byCause: Record<IncidentCause, number[]>;
  byType: Record<BreachTypeKey, number[]>;
  notification: NotificationShares;
  filing: FilingTimes;
  causes: CauseMeasures[];
  /** Per month, the duties open at its end; null for a month not yet ended when computed. */
  duties: Array<DutyMonth | null>;
  notices: NoticeRuns;
}

/**
 * Reads and computes the figures of `year` as of `now` (months not ended by then have no duty
 * counts): one projection of each collection read — incidents (the year's and those still handled
 * when it began), assessments, fulfilments, notice-run starts, and the pages and letter postings of
 * the year's runs.
 */
export async function computeFigures(year: number, now: Date = new Date()): Promise<InsightFigures> {
  const { start, end } = yearBounds(year);
  const [handled, assessments, fulfilments, starts] = await Promise.all([
    handledIncidentRows(year),
    assessmentRows(year),
    fulfilmentRows(year),
    runStartRows(),
  ]);
  const incidents = handled.filter((i) => i.discoveredAt >= start && i.discoveredAt < end);
  const runsOfYear = [...new Set(starts.filter((s) => s.at >= start && s.at < end).map((s) => s.runId))];
  const [pages, postings] = await Promise.all([pageStatusRows(runsOfYear), letterPostingRows(runsOfYear)]);
  const top = topCauses(countCauses(incidents));
  return {
    year,
    perMonth: incidentsPerMonth(incidents, year),
    awareness: awarenessTiming(incidents, year),
    byCause: monthlyByCause(incidents, year),
    byType: monthlyByBreachType(incidents, year),
    notification: notificationShares(incidents, assessments, fulfilments, year),
    filing: filingTimes(incidents, assessments, fulfilments, year),
    causes: measuresPerCause(top, incidents),
    duties: dutiesOverTime(handled, assessments, fulfilments, year, now),
    notices: noticeRuns(starts, pages, postings, year),
  };
}

/** A month's name ("maart", "March"). */
export function monthName(lang: Lang, month: number): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2000, month, 1)));
}

/** The month's usual abbreviation ("mrt", "Mar"), without a trailing full stop. */
export function shortMonthName(lang: Lang, month: number): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2000, month, 1)))
    .replace(/\.$/, '');
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** A table: the first column heads the rows, the others hold numbers already written out. */
export interface FigureTable {
  caption: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[] }>;
}

/** One figure: heading, summary, chart and its table. */
export interface Figure {
  title: string;
  summary: string;
  svg: string;
  table: FigureTable;
}

const causeLabel = (c: IncidentCause, lang: Lang) => INCIDENT_CAUSE_LABELS[c][lang];
const typeLabel = (t: BreachTypeKey, lang: Lang) =>
  t === 'unspecified' ? translate(lang, 'insights.type.unspecified') : BREACH_TYPE_LABELS[t][lang];

/** A share as a whole percentage ("42%"). */
function percent(part: number, whole: number, lang: Lang): string {
  return `${formatNumber(whole === 0 ? 0 : Math.round((part / whole) * 100), lang)}%`;
}

/** The label of one bar of the filing-time distribution. */
export function filingBinLabel(bin: FilingBin, lang: Lang): string {
  if (bin.to === null) return translate(lang, 'insights.filing.binLast', { from: bin.from });
  if (bin.from === 0) return translate(lang, 'insights.filing.binFirst', { to: bin.to });
  return translate(lang, 'insights.filing.bin', { from: bin.from, to: bin.to });
}

/** Months as stacks per key, with a table of keys (rows) by month (columns). */
async function monthlyStacks<K extends string>(
  data: Record<K, number[]>,
  keys: readonly K[],
  labelOf: (k: K) => string,
  title: string,
  summary: string,
  keyColumn: string,
  lang: Lang,
): Promise<Figure> {
  const shown = keys.filter((k) => sum(data[k]) > 0);
  const shortMonths = MONTHS.map((m) => shortMonthName(lang, m));
  const segments: StackedSegment[] = shown.flatMap((k) =>
    MONTHS.map((m) => ({ x: shortMonths[m] ?? '', series: labelOf(k), value: data[k][m] ?? 0 })),
  );
  const svg = await renderChart(
    stackedBarChartSpec(
      segments,
      shortMonths,
      shown.map(labelOf),
      {
        x: translate(lang, 'insights.col.month'),
        y: translate(lang, 'insights.col.count'),
        series: keyColumn,
      },
      lang,
    ),
    title,
  );
  return {
    title,
    summary,
    svg,
    table: {
      caption: title,
      columns: [keyColumn, ...shortMonths, translate(lang, 'insights.col.total')],
      rows: shown.map((k) => ({
        label: labelOf(k),
        cells: [...data[k].map((n) => formatNumber(n, lang)), formatNumber(sum(data[k]), lang)],
      })),
    },
  };
}

/**
 * What a reader may see beyond the numbers. Management (`readOnly`) sees the figures only: no
 * incident references and no free text (measures, delay reasons), which may name people and
 * which it could not follow up anyway — the register is the privacy officer's.
 */
export interface InsightsAudience {
  readOnly: boolean;
}

/** The figures as `audience` may see them: for management, without references and free text. */
export function forAudience(f: InsightFigures, audience: InsightsAudience): InsightFigures {
  if (!audience.readOnly) return f;
  return {
    ...f,
    awareness: { ...f.awareness, late: [] },
    filing: { ...f.filing, late: [] },
    causes: f.causes.map((c) => ({ ...c, measures: [] })),
  };
}

/** The page's view-model for `figures` in `lang`. */
export async function insightsView(f: InsightFigures, lang: Lang, audience: InsightsAudience) {
  const { year } = f;
  const total = sum(f.perMonth);
  const noneSummary = translate(lang, 'insights.perMonth.none', { year });
  const n = (x: number) => formatNumber(x, lang);

  // Incidents per month, and discovery → awareness (the figures the page had before).
  const most = Math.max(...f.perMonth);
  const months = f.perMonth.map((count, i) => ({
    label: monthName(lang, i),
    short: shortMonthName(lang, i),
    value: count,
    shown: n(count),
  }));
  const perMonthTitle = translate(lang, 'insights.perMonth.title');
  const buckets = AWARENESS_BUCKETS.map((b) => ({
    label: translate(lang, `insights.awareness.${b}`),
    value: f.awareness.counts[b],
    shown: n(f.awareness.counts[b]),
  }));
  const awarenessTitle = translate(lang, 'insights.awareness.title');

  // By cause and by breach type.
  const causeTotals = INCIDENT_CAUSES.map((c) => ({ cause: c, count: sum(f.byCause[c]) })).sort(
    (a, b) => b.count - a.count,
  );
  const firstCause = causeTotals[0];
  const byCause = await monthlyStacks(
    f.byCause,
    INCIDENT_CAUSES,
    (c) => causeLabel(c, lang),
    translate(lang, 'insights.byCause.title'),
    total === 0 || !firstCause
      ? noneSummary
      : translate(lang, 'insights.byCause.summary', {
          year,
          cause: causeLabel(firstCause.cause, lang).toLowerCase(),
          count: n(firstCause.count),
          total: n(total),
        }),
    translate(lang, 'insights.col.cause'),
    lang,
  );
  const byType = await monthlyStacks(
    f.byType,
    BREACH_TYPE_KEYS,
    (t) => typeLabel(t, lang),
    translate(lang, 'insights.byType.title'),
    total === 0
      ? noneSummary
      : translate(lang, 'insights.byType.summary', {
          year,
          total: n(total),
          c: n(sum(f.byType.confidentiality)),
          i: n(sum(f.byType.integrity)),
          a: n(sum(f.byType.availability)),
        }),
    translate(lang, 'insights.col.type'),
    lang,
  );

  // Notified to the AP, the ministry and affected persons, and why not.
  const { counts } = f.notification;
  const dutyLabel = (d: (typeof NOTIFY_DUTIES)[number]) => translate(lang, `insights.duty.${d}`);
  const outcomeLabel = (o: (typeof NOTIFICATION_OUTCOMES)[number]) =>
    translate(lang, `insights.outcome.${o}`);
  const outcomes = NOTIFICATION_OUTCOMES.filter((o) => NOTIFY_DUTIES.some((d) => counts[d][o] > 0));
  const notifyTitle = translate(lang, 'insights.notify.title');
  const notification = {
    title: notifyTitle,
    summary:
      total === 0
        ? noneSummary
        : translate(lang, 'insights.notify.summary', {
            year,
            total: n(total),
            ap: n(counts.authority.notified),
            apShare: percent(counts.authority.notified, total, lang),
            ministry: n(counts.ministry.notified),
            ministryShare: percent(counts.ministry.notified, total, lang),
            subjects: n(counts.subjects.notified),
            subjectsShare: percent(counts.subjects.notified, total, lang),
          }),
    svg: await renderChart(
      stackedBarChartSpec(
        NOTIFY_DUTIES.flatMap((d) =>
          outcomes.map((o) => ({ x: dutyLabel(d), series: outcomeLabel(o), value: counts[d][o] })),
        ),
        NOTIFY_DUTIES.map(dutyLabel),
        outcomes.map(outcomeLabel),
        {
          x: translate(lang, 'insights.col.duty'),
          y: translate(lang, 'insights.col.count'),
          series: translate(lang, 'insights.col.reason'),
        },
        lang,
      ),
      notifyTitle,
    ),
    table: {
      caption: notifyTitle,
      columns: [
        translate(lang, 'insights.col.duty'),
        translate(lang, 'insights.col.notified'),
        translate(lang, 'insights.col.share'),
      ],
      rows: NOTIFY_DUTIES.map((d) => ({
        label: dutyLabel(d),
        cells: [n(counts[d].notified), percent(counts[d].notified, total, lang)],
      })),
    },
    reasons: {
      caption: translate(lang, 'insights.notify.reasonsTitle'),
      columns: [translate(lang, 'insights.col.reason'), ...NOTIFY_DUTIES.map(dutyLabel)],
      rows: outcomes
        .filter((o) => o !== 'notified')
        .map((o) => ({ label: outcomeLabel(o), cells: NOTIFY_DUTIES.map((d) => n(counts[d][o])) })),
    } satisfies FigureTable,
  };

  // Awareness → AP filing against the 72 h line.
  const filingTitle = translate(lang, 'insights.filing.title');
  const filing = {
    title: filingTitle,
    summary:
      f.filing.filed === 0
        ? translate(lang, 'insights.filing.none', { year })
        : translate(lang, 'insights.filing.summary', {
            onTime: n(f.filing.onTime),
            filed: n(f.filing.filed),
            late: n(f.filing.filed - f.filing.onTime),
          }),
    svg: await renderChart(
      hoursHistogramSpec(
        f.filing.bins.map((b) => ({
          from: b.from,
          to: b.to ?? b.from + FILING_BIN_HOURS,
          value: b.count,
        })),
        AP_LIMIT_HOURS,
        translate(lang, 'insights.filing.line'),
        { x: translate(lang, 'insights.filing.axis'), y: translate(lang, 'insights.col.count') },
        lang,
      ),
      filingTitle,
    ),
    table: {
      caption: filingTitle,
      columns: [translate(lang, 'insights.col.span'), translate(lang, 'insights.col.count')],
      rows: f.filing.bins.map((b) => ({ label: filingBinLabel(b, lang), cells: [n(b.count)] })),
    } satisfies FigureTable,
    late: {
      caption: translate(lang, 'insights.filing.late'),
      columns: [
        translate(lang, 'insights.col.reference'),
        translate(lang, 'insights.col.hours'),
        translate(lang, 'insights.col.delayReason'),
      ],
      rows: f.filing.late.map((l) => ({
        label: l.reference,
        cells: [n(l.hours), l.delayReason ?? translate(lang, 'insights.filing.noReason')],
      })),
    } satisfies FigureTable,
  };

  // The top recurring causes and the measures taken.
  const causesTitle = translate(lang, 'insights.causes.title');
  const topFirst = f.causes[0];
  const causes = {
    title: causesTitle,
    summary:
      total === 0 || !topFirst
        ? noneSummary
        : translate(lang, 'insights.causes.summary', {
            n: n(f.causes.length),
            count: n(sum(f.causes.map((c) => c.count))),
            total: n(total),
            year,
            cause: causeLabel(topFirst.cause, lang).toLowerCase(),
          }),
    svg: await renderChart(
      barChartSpec(
        f.causes.map((c) => ({ label: causeLabel(c.cause, lang), value: c.count })),
        { x: translate(lang, 'insights.col.cause'), y: translate(lang, 'insights.col.count') },
        lang,
        { horizontal: true },
      ),
      causesTitle,
    ),
    rows: f.causes.map((c) => ({
      label: causeLabel(c.cause, lang),
      shown: n(c.count),
      measures: c.measures,
    })),
  };

  const duties = await dutiesFigure(f, lang);
  const notices = await noticesFigure(f, lang);

  return {
    readOnly: audience.readOnly,
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
      summary:
        total === 0
          ? noneSummary
          : translate(lang, 'insights.perMonth.summary', {
              year,
              total: n(total),
              busiest: months[f.perMonth.indexOf(most)]?.label ?? '',
              most: n(most),
            }),
    },
    byCause,
    byType,
    notification,
    filing,
    causes,
    duties,
    notices,
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
        over: n(f.awareness.counts.over72),
        total: n(total),
      }),
      late: f.awareness.late,
    },
  };
}

/** Open and overdue duties at each month's end: bars within / past the deadline, a table per duty. */
async function dutiesFigure(f: InsightFigures, lang: Lang): Promise<Figure> {
  const n = (x: number) => formatNumber(x, lang);
  const title = translate(lang, 'insights.duties.title');
  const ended = MONTHS.flatMap((m) => {
    const d = f.duties[m];
    return d ? [{ m, d }] : [];
  });
  const within = translate(lang, 'insights.duties.within');
  const past = translate(lang, 'insights.duties.past');
  const shortMonths = MONTHS.map((m) => shortMonthName(lang, m));
  const last = ended.at(-1);
  const worst = ended.reduce<(typeof ended)[number] | undefined>(
    (w, e) => (e.d.overdue > (w?.d.overdue ?? 0) ? e : w),
    undefined,
  );
  const summary = !last
    ? translate(lang, 'insights.duties.notEnded', { year: f.year })
    : [
        translate(lang, 'insights.duties.summary', {
          month: monthName(lang, last.m),
          open: n(last.d.open),
          overdue: n(last.d.overdue),
        }),
        worst
          ? translate(lang, 'insights.duties.worst', {
              month: monthName(lang, worst.m),
              count: n(worst.d.overdue),
            })
          : translate(lang, 'insights.duties.neverOverdue', { year: f.year }),
      ].join(' ');
  const svg = await renderChart(
    stackedBarChartSpec(
      ended.flatMap(({ m, d }) => [
        { x: shortMonths[m] ?? '', series: within, value: d.open - d.overdue },
        { x: shortMonths[m] ?? '', series: past, value: d.overdue },
      ]),
      shortMonths,
      [within, past],
      {
        x: translate(lang, 'insights.duties.axis'),
        y: translate(lang, 'insights.col.count'),
        series: translate(lang, 'insights.col.deadline'),
      },
      lang,
    ),
    title,
  );
  return {
    title,
    summary,
    svg,
    table: {
      caption: title,
      columns: [
        translate(lang, 'insights.duties.axis'),
        translate(lang, 'insights.col.open'),
        translate(lang, 'insights.col.overdue'),
        ...NOTIFY_DUTIES.map((d) => translate(lang, `insights.duty.${d}`)),
      ],
      rows: ended.map(({ m, d }) => ({
        label: monthName(lang, m),
        cells: [
          n(d.open),
          n(d.overdue),
          ...NOTIFY_DUTIES.map((duty) =>
            translate(lang, 'insights.duties.cell', {
              open: n(d.perDuty[duty].open),
              overdue: n(d.perDuty[duty].overdue),
            }),
          ),
        ],
      })),
    },
  };
}

/** The parts of a notice run's recipients the chart stacks, in legend order. */
const NOTICE_PARTS = ['email', 'letter', 'bounced', 'pending'] as const satisfies ReadonlyArray<
  keyof NoticeCounts
>;

/** Notices to affected persons per month a run started: by e-mail, by letter, undeliverable. */
async function noticesFigure(f: InsightFigures, lang: Lang): Promise<Figure> {
  const n = (x: number) => formatNumber(x, lang);
  const title = translate(lang, 'insights.notices.title');
  const shortMonths = MONTHS.map((m) => shortMonthName(lang, m));
  const partLabel = (p: (typeof NOTICE_PARTS)[number]) => translate(lang, `insights.notices.${p}`);
  const shown = NOTICE_PARTS.filter((p) => f.notices.year[p] > 0);
  const y = f.notices.year;
  const cells = (c: NoticeCounts) =>
    [c.runs, c.recipients, ...NOTICE_PARTS.map((p) => c[p]), c.posted].map(n);
  return {
    title,
    summary:
      y.runs === 0
        ? translate(lang, 'insights.notices.none', { year: f.year })
        : translate(lang, 'insights.notices.summary', {
            year: f.year,
            runs: n(y.runs),
            recipients: n(y.recipients),
            email: n(y.email),
            letter: n(y.letter),
            bounced: n(y.bounced),
            posted: n(y.posted),
          }),
    svg: await renderChart(
      stackedBarChartSpec(
        shown.flatMap((p) =>
          MONTHS.map((m) => ({
            x: shortMonths[m] ?? '',
            series: partLabel(p),
            value: f.notices.months[m]?.[p] ?? 0,
          })),
        ),
        shortMonths,
        shown.map(partLabel),
        {
          x: translate(lang, 'insights.notices.axis'),
          y: translate(lang, 'insights.col.recipients'),
          series: translate(lang, 'insights.col.channel'),
        },
        lang,
      ),
      title,
    ),
    table: {
      caption: title,
      columns: [
        translate(lang, 'insights.notices.axis'),
        translate(lang, 'insights.col.runs'),
        translate(lang, 'insights.col.recipients'),
        ...NOTICE_PARTS.map(partLabel),
        translate(lang, 'insights.notices.posted'),
      ],
      rows: [
        ...MONTHS.filter((m) => (f.notices.months[m]?.runs ?? 0) > 0).map((m) => ({
          label: monthName(lang, m),
          cells: cells(f.notices.months[m] as NoticeCounts),
        })),
        { label: translate(lang, 'insights.col.total'), cells: cells(y) },
      ],
    },
  };
}
