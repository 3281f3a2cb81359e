// The fact-correction form at the edge (architecture.md §3 rule 5): the posted strings become fact
// values of the right kind (fact-fields.ts), each problem named per field; the typed values are
// kept for re-rendering.
import { z } from 'zod';
import type { FieldErrors } from '../errors.js';
import { PER_CATEGORY, protectionField } from '../assessments/assessments.schema.js';
import { FACT_SPECS, type FactSpec, type FactValue, type FactValues } from './fact-fields.js';

/** The form as posted (and re-rendered): strings and string lists. */
export type FactsFormValues = Record<string, string | string[]>;

/** The longest text each free-text fact takes (the incident model's limits). */
const TEXT_MAX: Record<string, number> = {
  dataDetail: 5000,
  recipients: 5000,
  systemsInvolved: 2000,
  processorName: 500,
  otherEeaCountries: 1000,
  measuresTaken: 10_000,
};
export const REASON_MAX = 5000;

const scalar = z.string().max(20_000).optional();
const list = z
  .union([z.string().max(200), z.array(z.string().max(200)).max(50)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** The raw form: only known names, each a string or a list of strings. */
const factsFormSchema = z.object({
  ...Object.fromEntries(
    FACT_SPECS.filter((s) => s.kind !== 'protection').map((s) => [s.name, s.kind === 'list' ? list : scalar]),
  ),
  ...Object.fromEntries(PER_CATEGORY.map((c) => [protectionField(c), scalar])),
  reason: scalar,
  stamp: z.string().max(40).optional(),
}) as unknown as z.ZodType<Record<string, string | string[] | undefined>>;

/** The parsed form: the facts as posted, the reason and the page's stamp; or the problems. */
export type ParsedFactsForm =
  | {
      ok: true;
      values: FactsFormValues;
      facts: FactValues;
      reason: string | undefined;
      stamp: string | undefined;
    }
  | { ok: false; values: FactsFormValues; fields: FieldErrors };

function parseOne(
  spec: FactSpec,
  raw: string | string[] | undefined,
): { value: FactValue } | { error: string } {
  const options = spec.options ?? {};
  switch (spec.kind) {
    case 'list': {
      const items = (raw as string[] | undefined) ?? [];
      if (items.some((v) => !(v in options))) return { error: 'field.invalid' };
      return { value: items.length ? [...new Set(items)] : null };
    }
    case 'count':
    case 'number': {
      const text = typeof raw === 'string' ? raw.trim().replace(/\s/g, '') : '';
      if (!text) return { value: null };
      const pattern = spec.kind === 'count' ? /^\d{1,12}$/ : /^\d{1,9}([.,]\d{1,2})?$/;
      if (!pattern.test(text))
        return { error: spec.kind === 'count' ? 'facts.error.count' : 'facts.error.number' };
      return { value: Number(text.replace(',', '.')) };
    }
    case 'text': {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text.length > (TEXT_MAX[spec.name] ?? 5000)) return { error: 'field.tooLong' };
      return { value: text || null };
    }
    default: {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!text) return spec.optional ? { value: null } : { error: 'field.required' };
      return text in options ? { value: text } : { error: 'field.invalid' };
    }
  }
}

/** Turns the posted form into fact values; every problem per field. */
export function parseFactsForm(body: unknown): ParsedFactsForm {
  const form = factsFormSchema.safeParse(body ?? {});
  if (!form.success) return { ok: false, values: {}, fields: { _form: 'field.invalid' } };
  const f = form.data;
  const values: FactsFormValues = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) values[k] = v;

  const facts: FactValues = {};
  const fields: FieldErrors = {};
  for (const spec of FACT_SPECS) {
    if (spec.kind === 'protection') {
      const protection: Record<string, string> = {};
      for (const c of PER_CATEGORY) {
        const level =
          typeof f[protectionField(c)] === 'string' ? (f[protectionField(c)] as string).trim() : '';
        if (!level) continue;
        if (!(level in (spec.options ?? {}))) fields[protectionField(c)] = 'field.invalid';
        else protection[c] = level;
      }
      facts.protection = Object.keys(protection).length ? protection : null;
      continue;
    }
    const parsed = parseOne(spec, f[spec.name]);
    if ('error' in parsed) fields[spec.name] = parsed.error;
    else facts[spec.name] = parsed.value;
  }
  const reason = typeof f.reason === 'string' ? f.reason.trim() : '';
  if (reason.length > REASON_MAX) fields.reason = 'field.tooLong';
  if (Object.keys(fields).length) return { ok: false, values, fields };
  return {
    ok: true,
    values,
    facts,
    reason: reason || undefined,
    stamp: typeof f.stamp === 'string' ? f.stamp : undefined,
  };
}
