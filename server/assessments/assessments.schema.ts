// The assessment form at the edge (architecture.md §3 rule 5): the posted strings become the
// engine's AssessmentInput and validated through the engine's own schema (contracts.md §3), so the
// web page and `meldpunt assess` read the same input the same way. Decision-only fields (notes,
// exception reason) are validated here too.
import { z } from 'zod';
import type { FieldErrors } from '../errors.js';
import {
  ART34_EXCEPTIONS,
  DATA_CATEGORIES,
  RISK_LEVELS,
  type Art34Exception,
  type DataCategory,
  type RiskLevel,
} from '../../models/vocabulary/assessment.enums.js';
import { assessmentInputSchema, type AssessmentInput } from './assessment-input.schema.js';
import { format } from 'date-fns/format';
import { tz } from '@date-fns/tz';
import { DISPLAY_TIME_ZONE, parseInstant } from './deadline-clock.js';

/** Engine fields taken from the form, by kind. */
export const LIST_FIELDS = [
  'incidentNature',
  'breachTypes',
  'dataCategories',
  'subjectCategories',
  'consequences',
] as const;
export const NUMBER_FIELDS = [
  'subjectsCountMin',
  'subjectsCountMax',
  'recordsCount',
  'recipientsCount',
  'unavailableHours',
  'dpcAdjustment',
] as const;
export const TIME_FIELDS = ['discoveredAt', 'awarenessAt'] as const;
export const CHOICE_FIELDS = [
  'incidentCause',
  'discoveryChannel',
  'personalDataInvolved',
  'credentialsUnlock',
  'vulnerableSubjects',
  'dataLeftOrganisation',
  'recipientTrusted',
  'deletionConfirmed',
  'dataRetrieved',
  'confidentialityScope',
  'integrityImpact',
  'availabilityImpact',
  'backupAvailable',
  'malicious',
  'exfiltrationRuledOut',
  'unintelligibility',
  'processesHalted',
  'effectOnPeople',
  'easeOfIdentification',
] as const;
export const TEXT_FIELDS = [
  'dpcAdjustmentReason',
  'riskJustification',
  'art34ExceptionReason',
  'awarenessNote',
  'factsReason',
] as const;
/** Categories that get their own protection and DPC adjustment on the form (domain.md §10.8 items 1, 5). */
export const PER_CATEGORY = DATA_CATEGORIES.filter((c) => c !== 'unknown');
/** The form field of one category's protection. */
export const protectionField = (c: DataCategory): string => `protection_${c}`;
/** The form field of one category's DPC adjustment. */
export const adjustmentField = (c: DataCategory): string => `dpcAdjustment_${c}`;
// Engine fields that are records keyed by category, and the prefix of their form fields.
const RECORD_FIELDS: Record<string, (c: DataCategory) => string> = {
  protection: protectionField,
  dpcAdjustments: adjustmentField,
};
/** Decision fields that are also engine input. */
export const DECISION_FIELDS = ['riskLevel', 'art34Exception'] as const;

/** The hidden companion of a time field: the exact stored instant it was filled from. */
export const instantField = (name: string): string => `${name}Utc`;

/** `yyyy-MM-ddTHH:mm` in Amsterdam time for an instant (a datetime-local value); other text as is. */
export function amsterdamLocalInput(isoOrLocal: string): string {
  const d = new Date(isoOrLocal);
  if (Number.isNaN(d.getTime()) || !/[zZ]|[+-]\d\d:\d\d$/.test(isoOrLocal)) return isoOrLocal;
  return format(d, "yyyy-MM-dd'T'HH:mm", { in: tz(DISPLAY_TIME_ZONE) });
}

/** The form as posted (and as re-rendered): strings and string lists. */
export type AssessmentFormValues = Record<string, string | string[]>;

const oneLine = z.string().max(200).optional();
const list = z
  .union([z.string().max(200), z.array(z.string().max(200)).max(50)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
// Long texts are length-checked after parsing, so an over-long text keeps the rest of the input.
const longText = z.string().max(1_000_000).optional();

/** The raw form: only known names, each a string or a list of strings. */
export const assessmentFormSchema = z.object({
  action: z.enum(['recompute', 'save']).catch('recompute'),
  ...Object.fromEntries(LIST_FIELDS.map((f) => [f, list])),
  ...Object.fromEntries(
    [
      ...NUMBER_FIELDS,
      ...TIME_FIELDS,
      ...TIME_FIELDS.map(instantField),
      ...CHOICE_FIELDS,
      ...DECISION_FIELDS,
    ].map((f) => [f, oneLine]),
  ),
  ...Object.fromEntries(
    PER_CATEGORY.flatMap((c) => [protectionField(c), adjustmentField(c)]).map((f) => [f, oneLine]),
  ),
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, longText])),
}) as unknown as z.ZodType<{ action: 'recompute' | 'save' } & Record<string, string | string[] | undefined>>;

/** What the officer decides besides the engine input. */
export interface AssessmentDecision {
  riskLevel: RiskLevel | undefined;
  riskJustification: string | undefined;
  art34Exception: Art34Exception;
  art34ExceptionReason: string | undefined;
  awarenessNote: string | undefined;
  /** Why the facts differ from those in force (issue 12: one set of facts). */
  factsReason?: string | undefined;
}

/** The parsed form: the engine input (without decidedAt), the decision and the values to re-render. */
export type ParsedAssessmentForm =
  | {
      ok: true;
      action: 'recompute' | 'save';
      values: AssessmentFormValues;
      input: AssessmentInput;
      decision: AssessmentDecision;
    }
  | { ok: false; action: 'recompute' | 'save'; values: AssessmentFormValues; fields: FieldErrors };

const ENGINE_MESSAGES: Record<string, string> = {
  dpcAdjustmentReason: 'assessments.error.dpcAdjustmentReason',
  subjectsCountMin: 'assessments.error.countRange',
  awarenessAt: 'assessments.error.awarenessBeforeDiscovery',
};

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

// "12" → 12; "" → omitted; anything else is passed on unchanged so the engine schema names the field.
function numberOrRaw(v: string): number | string {
  const normalised = v.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : v;
}

/** Turns the posted form into the engine input plus the decision; every problem per field. */
export function parseAssessmentForm(body: unknown): ParsedAssessmentForm {
  const form = assessmentFormSchema.safeParse(body ?? {});
  if (!form.success) {
    const fields: FieldErrors = {};
    for (const issue of form.error.issues)
      fields[String(issue.path[0] ?? '_form')] ??= issue.message.startsWith('field.')
        ? issue.message
        : 'field.invalid';
    return { ok: false, action: 'recompute', values: {}, fields };
  }
  const f = form.data;
  const values: AssessmentFormValues = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && k !== 'action') values[k] = v;

  const raw: Record<string, unknown> = {};
  for (const k of LIST_FIELDS) {
    const v = f[k] as string[];
    if (v.length > 0) raw[k] = v;
  }
  for (const k of NUMBER_FIELDS) {
    const v = text(f[k]);
    if (v !== undefined) raw[k] = numberOrRaw(v);
  }
  for (const k of [...TIME_FIELDS, ...CHOICE_FIELDS, ...DECISION_FIELDS]) {
    const v = text(f[k]);
    if (v !== undefined) raw[k] = v;
  }
  for (const k of TIME_FIELDS) {
    // An unchanged time keeps its exact stored instant: in the autumn DST change 02:00–03:00 occurs
    // twice, and the wall-clock text alone would move a deadline by an hour on every save.
    const local = text(f[k]);
    const instant = text(f[instantField(k)]);
    if (
      local &&
      instant &&
      /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(instant) &&
      amsterdamLocalInput(instant) === local
    )
      raw[k] = instant;
  }
  // Per-category protection and DPC adjustments (domain.md §10.8 items 1 and 5); "0" = none.
  const protection: Record<string, unknown> = {};
  const adjustments: Record<string, unknown> = {};
  for (const c of PER_CATEGORY) {
    const level = text(f[protectionField(c)]);
    if (level !== undefined) protection[c] = level;
    const adjustment = text(f[adjustmentField(c)]);
    if (adjustment !== undefined && adjustment !== '0') adjustments[c] = numberOrRaw(adjustment);
  }
  if (Object.keys(protection).length > 0) raw.protection = protection;
  if (Object.keys(adjustments).length > 0) raw.dpcAdjustments = adjustments;
  const riskJustification = text(f.riskJustification);
  if (riskJustification) raw.riskJustification = riskJustification;
  const dpcAdjustmentReason = text(f.dpcAdjustmentReason);
  if (dpcAdjustmentReason) raw.dpcAdjustmentReason = dpcAdjustmentReason;
  // "0 (no adjustment)" is the same as no adjustment.
  if (raw.dpcAdjustment === 0) delete raw.dpcAdjustment;

  const fields: FieldErrors = {};
  const parsed = assessmentInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, key] = issue.path;
      const perCategory = typeof head === 'string' ? RECORD_FIELDS[head] : undefined;
      const field =
        perCategory && typeof key === 'string' ? perCategory(key as DataCategory) : String(head ?? '_form');
      fields[field] ??=
        ENGINE_MESSAGES[field] && issue.code === 'custom' ? ENGINE_MESSAGES[field] : 'field.invalid';
    }
  }
  for (const k of TEXT_FIELDS) {
    const v = f[k];
    if (typeof v === 'string' && v.length > 10_000) fields[k] = 'field.tooLong';
  }
  if (!parsed.success || Object.keys(fields).length > 0)
    return { ok: false, action: f.action, values, fields };

  // Stored and compared as UTC instants; offset-less form times are Amsterdam wall-clock time.
  const input: AssessmentInput = { ...parsed.data };
  for (const k of TIME_FIELDS) if (input[k]) input[k] = parseInstant(input[k]).toISOString();
  const riskLevel = (RISK_LEVELS as readonly string[]).includes(String(raw.riskLevel))
    ? (raw.riskLevel as RiskLevel)
    : undefined;
  const art34Exception = (ART34_EXCEPTIONS as readonly string[]).includes(String(raw.art34Exception))
    ? (raw.art34Exception as Art34Exception)
    : 'none';
  return {
    ok: true,
    action: f.action,
    values,
    input,
    decision: {
      riskLevel,
      riskJustification,
      art34Exception,
      art34ExceptionReason: text(f.art34ExceptionReason),
      awarenessNote: text(f.awarenessNote),
      factsReason: text(f.factsReason),
    },
  };
}
