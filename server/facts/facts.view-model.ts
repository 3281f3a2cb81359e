// The facts as pages show them: each fact's value and origin ("gecorrigeerd door X op 4 december
// 2026, 10:12: reden"), the history of values, and the correction form's fields. Plain data.
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
// One file per locale: the package's index loads all of its ~100 locales (about 8 MB of heap).
import { enGB } from 'date-fns/locale/en-GB';
import { nl } from 'date-fns/locale/nl';
import { DATA_CATEGORY_LABELS } from '../assessments/assessment.labels.js';
import { PER_CATEGORY, protectionField } from '../assessments/assessments.schema.js';
import { DISPLAY_TIME_ZONE } from '../assessments/deadline-clock.js';
import type { DataCategory } from '../../models/vocabulary/assessment.enums.js';
import type { FieldErrors } from '../errors.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { EffectiveFacts, FactOrigin } from './effective-facts.js';
import { FACT_SPEC, FACT_SPECS, type FactSpec, type FactValue } from './fact-fields.js';
import type { FactsFormValues } from './facts.schema.js';

/** "4 december 2026, 10:12" (Europe/Amsterdam). */
export function originTime(d: Date, lang: Lang): string {
  return format(d, 'd MMMM yyyy, HH:mm', { in: tz(DISPLAY_TIME_ZONE), locale: lang === 'nl' ? nl : enGB });
}

/** Where a value came from, as one sentence. */
export function originText(origin: FactOrigin, lang: Lang): string {
  const vars = {
    name: origin.name,
    at: originTime(origin.at, lang),
    reason: origin.reason ?? '',
    version: origin.assessmentVersion ?? '',
  };
  if (origin.by === 'reporter') return translate(lang, 'facts.origin.reporter', vars);
  if (origin.correctionVersion !== null) return translate(lang, 'facts.origin.corrected', vars);
  return translate(lang, origin.reason ? 'facts.origin.assessedReason' : 'facts.origin.assessed', vars);
}

/** A fact's value as text; null when not known. */
export function factValueText(spec: FactSpec, value: FactValue, lang: Lang): string | null {
  if (value === null) return null;
  const label = (v: string) => spec.options?.[v]?.[lang] ?? v;
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'number')
    return value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([c, level]) => `${DATA_CATEGORY_LABELS[c as DataCategory]?.[lang] ?? c}: ${label(level)}`)
      .join('; ');
  }
  return spec.kind === 'text' ? value : label(value);
}

/** One row of the facts table. */
export interface FactRow {
  name: string;
  labelKey: string;
  value: string;
  known: boolean;
  origin: string;
  corrected: boolean;
}

/** The facts in force, one row each, with their origin. */
export function factRows(facts: EffectiveFacts, lang: Lang): FactRow[] {
  return FACT_SPECS.map((spec) => {
    const text = factValueText(spec, facts.values[spec.name] ?? null, lang);
    const origin = facts.origins[spec.name]!;
    return {
      name: spec.name,
      labelKey: spec.labelKey,
      value: text ?? translate(lang, 'facts.notGiven'),
      known: text !== null,
      origin: originText(origin, lang),
      corrected: origin.by === 'officer',
    };
  });
}

/** The facts the officer changed (origin officer), for pages that show what was corrected. */
export function correctedRows(facts: EffectiveFacts, lang: Lang): FactRow[] {
  return factRows(facts, lang).filter((r) => r.corrected);
}

/** The officer's versions in order, each with the values it set (the reporter's version first). */
export function historyRows(
  facts: EffectiveFacts,
  lang: Lang,
): { label: string; value: string; origin: string }[] {
  return facts.history
    .filter(
      (h) =>
        h.origin.by === 'officer' ||
        facts.history.some((o) => o.name === h.name && o.origin.by === 'officer'),
    )
    .map((h) => {
      const spec = FACT_SPEC.get(h.name)!;
      return {
        label: translate(lang, spec.labelKey),
        value: factValueText(spec, h.value, lang) ?? translate(lang, 'facts.notGiven'),
        origin: originText(h.origin, lang),
      };
    });
}

/** The origin of each fact by the incident view's key (incidents.field.*), for the facts list. */
export function originsByKey(facts: EffectiveFacts, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of FACT_SPECS) {
    const origin = facts.origins[spec.name]!;
    if (origin.by === 'officer') out[spec.labelKey] = originText(origin, lang);
  }
  return out;
}

/** One option of the form. */
interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

/** One field of the correction form. */
export interface FactFieldView {
  name: string;
  label: string;
  error: string | undefined;
  value: string;
  options: OptionView[];
  isSelect: boolean;
  isCheckboxes: boolean;
  isNumber: boolean;
  isTextarea: boolean;
  step: string;
}

/** The form values for the facts in force. */
export function formValuesOf(facts: EffectiveFacts): FactsFormValues {
  const values: FactsFormValues = {};
  for (const spec of FACT_SPECS) {
    const v = facts.values[spec.name] ?? null;
    if (v === null) continue;
    if (Array.isArray(v)) values[spec.name] = v;
    else if (typeof v === 'object')
      for (const [c, level] of Object.entries(v)) values[protectionField(c as DataCategory)] = level;
    else values[spec.name] = String(v);
  }
  return values;
}

/** The correction form's fields, filled with `values` and the errors (messages translated). */
export function formFields(values: FactsFormValues, errors: FieldErrors, lang: Lang): FactFieldView[] {
  const err = (name: string) => (errors[name] ? translate(lang, errors[name]) : undefined);
  const options = (spec: FactSpec, current: string[], empty: boolean): OptionView[] => [
    ...(empty
      ? [
          {
            value: '',
            label: translate(lang, spec.kind === 'protection' ? 'facts.general' : 'facts.notGiven'),
            selected: current.length === 0 || current[0] === '',
          },
        ]
      : []),
    ...Object.entries(spec.options ?? {}).map(([value, label]) => ({
      value,
      label: label[lang],
      selected: current.includes(value),
    })),
  ];
  const out: FactFieldView[] = [];
  // Protection is asked for the categories named (or already given a level), not for all thirty.
  const named = new Set([
    ...(Array.isArray(values.dataCategories) ? values.dataCategories : [values.dataCategories ?? '']),
    ...PER_CATEGORY.filter((c) => values[protectionField(c)]),
  ]);
  for (const spec of FACT_SPECS) {
    if (spec.kind === 'protection') {
      for (const c of PER_CATEGORY.filter((x) => named.has(x))) {
        const name = protectionField(c);
        const raw = values[name];
        const current = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
        out.push({
          name,
          label: translate(lang, 'assessments.field.protectionOf', {
            category: DATA_CATEGORY_LABELS[c][lang],
          }),
          error: err(name),
          value: current[0] ?? '',
          options: options(spec, current, true),
          isSelect: true,
          isCheckboxes: false,
          isNumber: false,
          isTextarea: false,
          step: '1',
        });
      }
      continue;
    }
    const raw = values[spec.name];
    const current = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    out.push({
      name: spec.name,
      label: translate(lang, spec.labelKey),
      error: err(spec.name),
      value: current[0] ?? '',
      options:
        spec.kind === 'choice' || spec.kind === 'list'
          ? options(spec, current, spec.kind === 'choice' && Boolean(spec.optional))
          : [],
      isSelect: spec.kind === 'choice',
      isCheckboxes: spec.kind === 'list',
      isNumber: spec.kind === 'count' || spec.kind === 'number',
      isTextarea: spec.kind === 'text',
      step: spec.kind === 'number' ? 'any' : '1',
    });
  }
  return out;
}

/** The facts the intake does not ask but the officer may set (recipients count, protection per category), for the facts list. */
export function addedFactItems(
  facts: EffectiveFacts,
  lang: Lang,
): { key: string; text: string; origin?: string }[] {
  const out: { key: string; text: string; origin?: string }[] = [];
  for (const name of ['recipientsCount', 'protection']) {
    const spec = FACT_SPEC.get(name)!;
    const text = factValueText(spec, facts.values[name] ?? null, lang);
    const origin = facts.origins[name]!;
    if (text === null && origin.by === 'reporter') continue;
    out.push({
      key: spec.labelKey,
      text: text ?? translate(lang, 'facts.notGiven'),
      ...(origin.by === 'officer' ? { origin: originText(origin, lang) } : {}),
    });
  }
  return out;
}
