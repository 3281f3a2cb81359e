// The engine's result and the version history as view data: ENISA breakdown, suggestion, fired
// rules in plain Dutch or English, duties with deadlines in Europe/Amsterdam, the closest EDPB
// example, and who decided what when.
import type { AssessmentDoc } from '../../models/assessment.model.js';
import { formatNumber } from '../i18n/numbers.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { AssessmentResult } from './assess.js';
import { ART34_EXCEPTION_LABELS, ENISA_BAND_LABELS, RISK_LEVEL_LABELS } from './assessment.labels.js';
import type { RiskLevel } from '../../models/vocabulary/assessment.enums.js';
import { formatAmsterdam } from './deadline-clock.js';

/** The result panel. */
export interface ResultView {
  enisa: { dpc: number; ei: number; cb: number; score: number; band: string; bandKey: string };
  enisaText: { dpc: string; ei: string; cb: string; score: string };
  scoreRange: string;
  suggestedRisk: RiskLevel;
  suggestedLabel: string;
  suggestedBadge: string;
  rules: { id: string; effect: string; reason: string }[];
  duties: { key: string; label: string; applies: boolean; deadline: string; deadlineIso: string }[];
  example: string;
  exampleId: string;
  flags: string[];
  /** The assumptions the suggestion rests on, shown with the justification (§10.8 item 4). */
  assumptions: string[];
}

/** One row of the version history. */
export interface HistoryRow {
  version: number;
  at: Date;
  assessor: string;
  suggestion: string;
  decision: string;
  deviates: boolean;
  justification: string;
  exception: string;
  exceptionReason: string;
}

const RISK_BADGE: Record<RiskLevel, string> = { none: 'ok', risk: 'warn', high: 'danger' };

function effectText(effect: string, lang: Lang): string {
  if (effect === 'info') return translate(lang, 'assessments.effect.info');
  const [kind, level] = effect.split(':') as [string, RiskLevel];
  const key = kind === 'set' ? 'set' : kind === 'raise' ? 'raise' : 'lower';
  return `${translate(lang, `assessments.effect.${key}`)}: ${RISK_LEVEL_LABELS[level]?.[lang] ?? level}`;
}

const FLAG_KEYS = [
  'notABreach',
  'unintelligible',
  'largeNumber',
  'vulnerableSubjects',
  'dataCategoriesUnknown',
  'awarenessNoteRequired',
  'justificationRequired',
  'reasonsRequired',
  'art34ExceptionRefused',
] as const;

/** The result panel in the page's language. */
export function resultView(result: AssessmentResult, lang: Lang): ResultView {
  const { enisa, flags } = result;
  const num = (n: number) => formatNumber(n, lang, 2);
  const deadline = (iso: string | null) => (iso ? formatAmsterdam(new Date(iso), lang) : '');
  const duty = (key: string, labelKey: string, applies: boolean, iso: string | null = null) => ({
    key,
    label: translate(lang, labelKey),
    applies,
    deadline: applies && iso ? translate(lang, 'assessments.deadline', { date: deadline(iso) }) : '',
    deadlineIso: applies && iso ? iso : '',
  });
  const d = result.duties;
  return {
    enisa: { ...enisa, band: ENISA_BAND_LABELS[enisa.band][lang], bandKey: enisa.band },
    // The figures as the page's language writes them (3,25 in Dutch); the raw numbers stay in data attributes.
    enisaText: { dpc: num(enisa.dpc), ei: num(enisa.ei), cb: num(enisa.cb), score: num(enisa.score) },
    scoreRange:
      flags.scoreRange.min !== flags.scoreRange.max
        ? translate(lang, 'assessments.scoreRange', {
            min: num(flags.scoreRange.min),
            max: num(flags.scoreRange.max),
          })
        : '',
    suggestedRisk: result.suggestedRisk,
    suggestedLabel: RISK_LEVEL_LABELS[result.suggestedRisk][lang],
    suggestedBadge: RISK_BADGE[result.suggestedRisk],
    rules: result.rules.map((r) => ({
      id: r.id,
      effect: effectText(r.effect, lang),
      reason: lang === 'nl' ? r.reasonNl : r.reason,
    })),
    duties: [
      duty('authority', 'duties.kind.authority', d.notifyAuthority, result.deadlines.authority),
      duty('controller', 'duties.kind.controller', d.notifyController, result.deadlines.controller ?? null),
      duty('ministry', 'duties.kind.ministry', d.notifyMinistry, result.deadlines.ministry),
      duty('subjects', 'duties.kind.subjects', d.informSubjects, result.deadlines.subjects),
      duty('public', 'duties.kind.public', d.publicCommunication, result.deadlines.subjects),
    ].filter((x) => x.applies || x.key === 'authority' || x.key === 'subjects'),
    example: result.closestExample ? result.closestExample[lang] : '',
    exampleId: result.closestExample?.id ?? '',
    flags: FLAG_KEYS.filter((k) => flags[k] === true).map((k) => translate(lang, `assessments.flag.${k}`)),
    assumptions: result.rules
      .filter((r) => r.id.startsWith('assume.'))
      .map((r) => (lang === 'nl' ? r.reasonNl : r.reason)),
  };
}

/** The version history, newest first. */
export function historyRows(history: readonly AssessmentDoc[], lang: Lang): HistoryRow[] {
  return history.map((a) => {
    const exception =
      a.art34Exception && a.art34Exception !== 'none' ? ART34_EXCEPTION_LABELS[a.art34Exception][lang] : '';
    return {
      version: a.version,
      at: a.decidedAt,
      assessor: a.assessorName,
      suggestion: RISK_LEVEL_LABELS[a.suggestedRisk][lang],
      decision: RISK_LEVEL_LABELS[a.riskLevel][lang],
      deviates: a.suggestedRisk !== a.riskLevel,
      justification: a.justification ?? '',
      exception,
      exceptionReason: exception ? (a.art34ExceptionReason ?? '') : '',
    };
  });
}
