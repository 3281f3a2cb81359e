// What the notices pages show, shaped from service results (no I/O). Labels are catalogue keys.
import type { Lang } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/numbers.js';
import { languageName } from '../i18n/language-names.js';
import { translate } from '../i18n/i18n.js';
import type { RunProgress } from '../../notifications/notice-run/progress.js';
import type { PersonRow } from './affected-persons.service.js';
import type { IncidentNotices } from './notice-overview.service.js';
import type { RunView } from './notice-runs.service.js';
import { TEXT_FIELDS, textsComplete, type LangTexts } from './run-content.js';

/** The incident's notices page. */
export function incidentView(d: IncidentNotices, lang: Lang) {
  return {
    incident: { id: String(d.incident._id), reference: d.incident.reference, status: d.incident.status },
    duties: d.duties,
    counts: d.counts,
    imports: d.imports.map((i) => ({ ...i, id: String(i._id) })),
    runs: d.runs.map((r) => ({
      id: String(r.run._id),
      number: r.run.number,
      state: r.snapshot.state,
      progressLine: progressText(r.snapshot.state, r.progress, lang),
      createdAt: r.run.createdAt,
      createdBy: r.run.createdByName,
    })),
    hasActiveRun: d.runs.some((r) => ['draft', 'approved', 'sending', 'paused'].includes(r.snapshot.state)),
    purgedAt: d.purgedAt,
  };
}

/** A person's form values. */
export function personValues(p: PersonRow): Record<string, string> {
  const c = p.contact;
  return {
    name: c.name,
    email: c.email ?? '',
    language: p.lang,
    address1: c.addressLines[0] ?? '',
    address2: c.addressLines[1] ?? '',
    address3: c.addressLines[2] ?? '',
    postcode: c.postcode,
    city: c.city,
    country: c.country,
  };
}

const FIELD_PATTERN = /^texts\[([a-z]{2,3}(?:-[a-z0-9]{2,8})?)\]\[(\w+)\]$/;

/** Reads `texts[<lang>][<field>]` inputs; every language with any text is kept. */
export function textsFromForm(
  body: unknown,
):
  | { ok: true; texts: LangTexts[] }
  | { ok: false; errors: Record<string, string>; values: Record<string, Record<string, string>> } {
  const values: Record<string, Record<string, string>> = {};
  const errors: Record<string, string> = {};
  for (const [key, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const m = FIELD_PATTERN.exec(key);
    if (!m || typeof v !== 'string' || !(TEXT_FIELDS as readonly string[]).includes(m[2]!)) continue;
    (values[m[1]!] ??= {})[m[2]!] = v.replace(/\r\n?/g, '\n').trim();
    if (v.length > 5000) errors[key] = 'field.tooLong';
  }
  if (Object.keys(errors).length) return { ok: false, errors, values };
  const texts = Object.entries(values)
    .map(
      ([lang, f]) => ({ lang, ...Object.fromEntries(TEXT_FIELDS.map((k) => [k, f[k] ?? ''])) }) as LangTexts,
    )
    // Dutch and English are always kept; another language only when something was written.
    .filter((t) => t.lang === 'nl' || t.lang === 'en' || TEXT_FIELDS.some((k) => t[k] !== ''))
    .sort((a, b) => a.lang.localeCompare(b.lang));
  return { ok: true, texts };
}

/** The run page. */
export function runPageView(
  view: RunView,
  progress: RunProgress,
  langs: { lang: string; langName: string }[],
  userId: string,
  lang: Lang,
  formTexts?: Record<string, Record<string, string>>,
  flags: Record<string, unknown[]> = {},
) {
  const s = view.snapshot;
  const stored = new Map(view.text.texts.map((t) => [t.lang, t as LangTexts]));
  const order = (l: string) => (l === 'nl' ? 0 : l === 'en' ? 1 : 2);
  const allLangs = [
    ...new Map(
      [
        ...langs.map((l) => [l.lang, l.langName] as const),
        ...[...stored.keys()].map((l) => [l, l] as const),
      ].reverse(),
    ).entries(),
  ]
    .map(([code, name]) => ({ lang: code, langName: name }))
    .sort((a, b) => order(a.lang) - order(b.lang) || a.lang.localeCompare(b.lang));
  const isAuthor = view.run.createdById === userId || view.textAuthorIds.includes(userId);
  return {
    run: {
      id: String(view.run._id),
      number: view.run.number,
      reference: view.run.incidentReference,
      incidentId: String(view.run.incidentId),
      createdBy: view.run.createdByName,
      createdAt: view.run.createdAt,
    },
    state: s.state,
    stateKey: `notices.state.${s.state}`,
    textVersion: view.text.version,
    textBy: view.text.createdByName,
    textAt: view.text.createdAt,
    languages: allLangs.map((l) => {
      const t = formTexts?.[l.lang] ?? stored.get(l.lang) ?? {};
      const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, (t as Record<string, string>)[f] ?? '']));
      const fieldFlags = Object.fromEntries(TEXT_FIELDS.map((f) => [f, flags[`${l.lang}.${f}`] ?? null]));
      return {
        ...l,
        uiName: languageName(l.lang, lang),
        required: l.lang === 'nl' || l.lang === 'en',
        complete: textsComplete({ lang: l.lang, ...values } as LangTexts),
        values,
        flags: fieldFlags,
        open: l.lang === 'nl' || l.lang === 'en' || stored.has(l.lang),
      };
    }),
    fields: TEXT_FIELDS,
    approval: s.approval
      ? {
          by: s.approval.byName,
          at: s.approval.at,
          templates: s.approval.pins.templates
            .map((p) =>
              translate(lang, 'notices.run.pinnedTemplate', {
                language: languageName(p.lang, lang),
                version: p.version,
              }),
            )
            .join(', '),
          textVersion: s.approval.pins.textVersion,
        }
      : null,
    approvalProblem: view.approvalProblem,
    voidReason: s.voidReason,
    pauseReason: s.pauseReason,
    isAuthor,
    canEditTexts: ['draft', 'approved', 'paused'].includes(s.state),
    canApprove: s.state === 'draft' && !isAuthor,
    canStart: s.state === 'approved',
    canPause: s.state === 'sending',
    canResume: s.state === 'paused',
    canCancel: ['draft', 'approved', 'sending', 'paused'].includes(s.state),
    started: s.started,
    progress,
    progressLine: progressText(s.state, progress, lang),
  };
}

function duration(seconds: number | null, lang: Lang): string {
  if (seconds === null) return translate(lang, 'notices.progress.unknown');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return translate(lang, h ? 'notices.progress.hm' : m ? 'notices.progress.ms' : 'notices.progress.s', {
    h: formatNumber(h, lang),
    m,
    s,
  });
}

/**
 * The one-line progress of a run: "not started" before it starts, "preparing" while the
 * recipients are still being put in the queue (the total is not known yet), then "x of y sent".
 */
export function progressText(state: string, p: RunProgress, lang: Lang): string {
  if (state === 'draft' || state === 'approved') return translate(lang, 'notices.progress.notStarted');
  if (!p.enqueued && (state === 'sending' || state === 'paused'))
    return translate(lang, 'notices.progress.preparing', { count: formatNumber(p.total, lang) });
  if (p.total === 0) return translate(lang, 'notices.progress.nobody');
  return translate(lang, 'notices.progress.line', {
    sent: formatNumber(p.counts.sent, lang),
    total: formatNumber(p.total, lang),
    percent: p.percent,
  });
}

/** The progress page: figures the page (and its script) show. */
export function progressView(view: RunView, p: RunProgress, lang: Lang) {
  const t = (k: string) => translate(lang, k);
  const n = (v: number) => formatNumber(v, lang);
  const figures = [
    {
      id: 'total',
      label: t('notices.progress.total'),
      value: n(p.total) + (p.enqueued ? '' : ` (${t('notices.progress.counting')})`),
    },
    { id: 'sent', label: t('notices.progress.sent'), value: n(p.counts.sent) },
    { id: 'pending', label: t('notices.progress.pending'), value: n(p.pending) },
    { id: 'retrying', label: t('notices.progress.retrying'), value: n(p.counts.retrying) },
    { id: 'failed', label: t('notices.progress.failed'), value: n(p.failed) },
    { id: 'letters', label: t('notices.progress.letters'), value: n(p.letters) },
    {
      id: 'rate',
      label: t('notices.progress.rate'),
      value:
        p.ratePerSecond === null
          ? t('notices.progress.unknown')
          : translate(lang, 'notices.progress.perSecond', { rate: formatNumber(p.ratePerSecond, lang, 1) }),
    },
    { id: 'left', label: t('notices.progress.left'), value: duration(p.secondsLeft, lang) },
  ];
  if (p.inFlightRecovered)
    figures.push({ id: 'recovered', label: t('notices.progress.recovered'), value: n(p.inFlightRecovered) });
  return {
    runId: String(view.run._id),
    reference: view.run.incidentReference,
    number: view.run.number,
    state: view.snapshot.state,
    stateLabel: t(`notices.state.${view.snapshot.state}`),
    live: view.snapshot.state === 'sending',
    percent: p.percent,
    figures,
    canPause: view.snapshot.state === 'sending',
  };
}
