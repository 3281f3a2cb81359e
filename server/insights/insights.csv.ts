// The insights figures as CSV (issue 17): one block per figure, a title line, a header and the
// rows; semicolons for Dutch spreadsheets, commas for English (as the register spreadsheet). Text
// that people wrote (measures, delay reasons) has formula starts neutralised (server/csv.ts).
import { BREACH_TYPE_LABELS, INCIDENT_CAUSE_LABELS } from '../assessments/assessment.labels.js';
import { INCIDENT_CAUSES } from '../../models/vocabulary/assessment.enums.js';
import { csvRecord, neutraliseFormula } from '../csv.js';
import { translate, type Lang } from '../i18n/i18n.js';
import {
  AWARENESS_BUCKETS,
  BREACH_TYPE_KEYS,
  NOTIFICATION_OUTCOMES,
  NOTIFY_DUTIES,
  type NoticeCounts,
} from './insights.aggregate.js';
import {
  filingBinLabel,
  monthName,
  type InsightFigures,
  type InsightsAudience,
} from './insights.view-model.js';

const MONTHS = Array.from({ length: 12 }, (_, i) => i);

/** The CSV text (without byte-order mark) of the figures of one year. */
export function insightsCsv(f: InsightFigures, lang: Lang, audience: InsightsAudience): string {
  const d: ',' | ';' = lang === 'nl' ? ';' : ',';
  const t = (key: string, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const lines: string[] = [];
  const block = (title: string, header: Array<string | number>, rows: Array<Array<string | number>>) => {
    if (lines.length > 0) lines.push(csvRecord([], d));
    lines.push(csvRecord([title, String(f.year)], d), csvRecord(header, d));
    for (const row of rows) lines.push(csvRecord(row, d));
  };
  const monthHeader = MONTHS.map((m) => monthName(lang, m));

  block(
    t('insights.perMonth.title'),
    [t('insights.col.month'), t('insights.col.count')],
    f.perMonth.map((n, i) => [monthName(lang, i), n]),
  );
  block(
    t('insights.awareness.title'),
    [t('insights.col.span'), t('insights.col.count')],
    [
      ...AWARENESS_BUCKETS.map((b) => [t(`insights.awareness.${b}`), f.awareness.counts[b]]),
      ...f.awareness.late.map((ref) => [t('insights.awareness.late'), ref]),
    ],
  );
  block(
    t('insights.byCause.title'),
    [t('insights.col.cause'), ...monthHeader],
    INCIDENT_CAUSES.filter((c) => f.byCause[c].some((n) => n > 0)).map((c) => [
      INCIDENT_CAUSE_LABELS[c][lang],
      ...f.byCause[c],
    ]),
  );
  block(
    t('insights.byType.title'),
    [t('insights.col.type'), ...monthHeader],
    BREACH_TYPE_KEYS.filter((k) => k !== 'unspecified' || f.byType[k].some((n) => n > 0)).map((k) => [
      k === 'unspecified' ? t('insights.type.unspecified') : BREACH_TYPE_LABELS[k][lang],
      ...f.byType[k],
    ]),
  );
  block(
    t('insights.notify.title'),
    [t('insights.col.reason'), ...NOTIFY_DUTIES.map((duty) => t(`insights.duty.${duty}`))],
    NOTIFICATION_OUTCOMES.map((o) => [
      t(`insights.outcome.${o}`),
      ...NOTIFY_DUTIES.map((duty) => f.notification.counts[duty][o]),
    ]),
  );
  block(
    t('insights.filing.title'),
    [t('insights.col.span'), t('insights.col.count')],
    f.filing.bins.map((b) => [filingBinLabel(b, lang), b.count]),
  );
  if (!audience.readOnly)
    block(
      t('insights.filing.late'),
      [t('insights.col.reference'), t('insights.col.hours'), t('insights.col.delayReason')],
      f.filing.late.map((l) => [l.reference, Math.round(l.hours), neutraliseFormula(l.delayReason ?? '')]),
    );
  if (audience.readOnly)
    block(
      t('insights.causes.title'),
      [t('insights.col.cause'), t('insights.col.count')],
      f.causes.map((c) => [INCIDENT_CAUSE_LABELS[c.cause][lang], c.count]),
    );
  else
    block(
      t('insights.causes.title'),
      [
        t('insights.col.cause'),
        t('insights.col.count'),
        t('insights.col.reference'),
        t('insights.col.measures'),
      ],
      f.causes.flatMap((c) =>
        c.measures.length === 0
          ? [[INCIDENT_CAUSE_LABELS[c.cause][lang], c.count, '', '']]
          : c.measures.map((m) => [
              INCIDENT_CAUSE_LABELS[c.cause][lang],
              c.count,
              m.reference,
              neutraliseFormula(m.text),
            ]),
      ),
    );
  block(
    t('insights.duties.title'),
    [
      t('insights.duties.axis'),
      t('insights.col.open'),
      t('insights.col.overdue'),
      ...NOTIFY_DUTIES.flatMap((duty) => [
        t('insights.csv.dutyOpen', { duty: t(`insights.duty.${duty}`) }),
        t('insights.csv.dutyOverdue', { duty: t(`insights.duty.${duty}`) }),
      ]),
    ],
    MONTHS.flatMap((m) => {
      const d = f.duties[m];
      return d
        ? [
            [
              monthName(lang, m),
              d.open,
              d.overdue,
              ...NOTIFY_DUTIES.flatMap((duty) => [d.perDuty[duty].open, d.perDuty[duty].overdue]),
            ],
          ]
        : [];
    }),
  );
  const noticeCells = (c: NoticeCounts) => [
    c.runs,
    c.recipients,
    c.email,
    c.letter,
    c.bounced,
    c.pending,
    c.posted,
  ];
  block(
    t('insights.notices.title'),
    [
      t('insights.notices.axis'),
      t('insights.col.runs'),
      t('insights.col.recipients'),
      t('insights.notices.email'),
      t('insights.notices.letter'),
      t('insights.notices.bounced'),
      t('insights.notices.pending'),
      t('insights.notices.posted'),
    ],
    [
      ...f.notices.months.map((c, m) => [monthName(lang, m), ...noticeCells(c)]),
      [t('insights.col.total'), ...noticeCells(f.notices.year)],
    ],
  );
  return lines.join('');
}
