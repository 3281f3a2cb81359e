// The details form on the dossier page (dossier-details.model.ts): its option lists in the page's
// language and its values — as stored, or as typed when the form comes back with errors.
import { REPORT_AUTHORITIES, TRI_STATES } from '../../models/vocabulary/assessment.enums.js';
import { REPORT_AUTHORITY_LABELS, TRI_STATE_LABELS } from '../assessments/assessment.labels.js';
import {
  DETAIL_FIELDS,
  DETAIL_LIST_FIELDS,
  DETAIL_TIME_FIELDS,
  FOLLOWS_ADVICE,
} from '../../models/dossier-details.model.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { DossierDetailsFacts } from './dossier.js';

/** The fields the form shows as typed text (free text or a single choice). */
const TEXT_FIELDS = DETAIL_FIELDS.filter(
  (f) =>
    !(DETAIL_TIME_FIELDS as readonly string[]).includes(f) &&
    !(DETAIL_LIST_FIELDS as readonly string[]).includes(f),
);

/** The option lists of the details form. */
export function detailsFormOptions(lang: Lang) {
  return {
    tri: TRI_STATES.map((value) => ({ value, label: TRI_STATE_LABELS[value][lang] })),
    reportedTo: REPORT_AUTHORITIES.map((value) => ({ value, label: REPORT_AUTHORITY_LABELS[value][lang] })),
    followsAdvice: FOLLOWS_ADVICE.map((value) => ({
      value,
      label: translate(lang, `authority.details.follows.${value}`),
    })),
  };
}

/**
 * The form's values: from the stored details (times as instants, for the datetime-local helper) or
 * from the posted body (only strings and string lists, exactly as typed). The FG's name starts as
 * the organisation's privacy officer.
 */
export function detailsFormValues(
  source: DossierDetailsFacts | Record<string, unknown> | null,
  dpoName: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { reportedTo: [] as string[], fgName: dpoName };
  if (!source) return out;
  const s = source as Record<string, unknown>;
  for (const f of TEXT_FIELDS) if (typeof s[f] === 'string') out[f] = s[f];
  for (const f of DETAIL_TIME_FIELDS) {
    const v = s[f];
    if (v instanceof Date || typeof v === 'string') out[f] = v;
  }
  const list = s.reportedTo;
  out.reportedTo = Array.isArray(list)
    ? list.filter((x): x is string => typeof x === 'string')
    : typeof list === 'string'
      ? [list]
      : [];
  return out;
}
