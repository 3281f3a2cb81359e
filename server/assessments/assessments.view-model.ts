// The assessment form as view data: every factor with its label, help text and options (labels
// from assessment.labels.ts), grouped in fieldsets, filled with the user's values and errors.
import type { DataCategory, Label } from '../../models/vocabulary/assessment.enums.js';
import {
  ART34_EXCEPTION_LABELS,
  AVAILABILITY_IMPACT_LABELS,
  BACKUP_AVAILABILITY_LABELS,
  BREACH_TYPE_LABELS,
  CONFIDENTIALITY_SCOPE_LABELS,
  CONSEQUENCE_LABELS,
  DATA_CATEGORY_LABELS,
  DISCOVERY_CHANNEL_LABELS,
  EASE_OF_IDENTIFICATION_LABELS,
  INCIDENT_CAUSE_LABELS,
  INCIDENT_NATURE_LABELS,
  INTEGRITY_IMPACT_LABELS,
  RISK_LEVEL_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRI_STATE_LABELS,
  UNINTELLIGIBILITY_LABELS,
} from './assessment.labels.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import type { AssessmentDecision, AssessmentFormValues } from './assessments.schema.js';
import {
  adjustmentField,
  amsterdamLocalInput,
  instantField,
  LIST_FIELDS,
  NUMBER_FIELDS,
  PER_CATEGORY,
  protectionField,
  TIME_FIELDS,
} from './assessments.schema.js';
import type { FieldErrors } from '../errors.js';
import { formatAmsterdam, isIsoTimestamp, resolveInstant } from './deadline-clock.js';
import { translate, type Lang } from '../i18n/i18n.js';

type Control = 'select' | 'radios' | 'checkboxes' | 'number' | 'datetime' | 'textarea';

interface FieldSpec {
  name: string;
  control: Control;
  options?: Record<string, Label>;
  /** Label of the empty choice ('' = not answered / not yet known); none: no empty choice. */
  emptyKey?: string;
  step?: string;
  /** A label of its own (per-category fields); otherwise `assessments.field.<name>`. */
  label?: Label;
  /** Help text key; otherwise `assessments.help.<name>`. */
  helpKey?: string;
}

/** One option of a select, radio group or checkbox list. */
export interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

/** One form field, ready to render. */
export interface FieldView {
  name: string;
  label: string;
  help: string;
  error: string | undefined;
  /** Time fields: a local time in the repeated autumn hour, and which instant was taken. */
  warning: string;
  value: string;
  /** Time fields: the exact instant the value was filled from (hidden companion field). */
  instantName: string;
  instant: string;
  options: OptionView[];
  step: string;
  isSelect: boolean;
  isRadios: boolean;
  isCheckboxes: boolean;
  isNumber: boolean;
  isDatetime: boolean;
  isTextarea: boolean;
}

/** A fieldset. */
export interface GroupView {
  id: string;
  legend: string;
  fields: FieldView[];
}

const { access_credentials: _self, ...UNLOCKABLE } = DATA_CATEGORY_LABELS;
const DPC_ADJUSTMENTS: Record<string, Label> = Object.fromEntries(
  [-3, -2, -1, 0, 1, 2, 3].map((n) => [
    String(n),
    { nl: n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0', en: n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0' },
  ]),
);

const tri = (name: string): FieldSpec => ({ name, control: 'radios', options: TRI_STATE_LABELS });

/** The form's fieldsets, in order (domain.md §10.2 intake and assessment fields). */
export const FORM_GROUPS: { id: string; legendKey: string; fields: FieldSpec[] }[] = [
  {
    id: 'what',
    legendKey: 'assessments.group.what',
    fields: [
      {
        name: 'incidentCause',
        control: 'select',
        options: INCIDENT_CAUSE_LABELS,
        emptyKey: 'assessments.choose',
      },
      { name: 'incidentNature', control: 'checkboxes', options: INCIDENT_NATURE_LABELS },
      { name: 'breachTypes', control: 'checkboxes', options: BREACH_TYPE_LABELS },
      {
        name: 'discoveryChannel',
        control: 'select',
        options: DISCOVERY_CHANNEL_LABELS,
        emptyKey: 'assessments.notKnown',
      },
    ],
  },
  {
    id: 'when',
    legendKey: 'assessments.group.when',
    fields: [
      { name: 'discoveredAt', control: 'datetime' },
      { name: 'awarenessAt', control: 'datetime' },
      { name: 'awarenessNote', control: 'textarea' },
    ],
  },
  {
    id: 'data',
    legendKey: 'assessments.group.data',
    fields: [
      tri('personalDataInvolved'),
      { name: 'dataCategories', control: 'checkboxes', options: DATA_CATEGORY_LABELS },
      { name: 'credentialsUnlock', control: 'select', options: UNLOCKABLE, emptyKey: 'assessments.notKnown' },
      { name: 'subjectCategories', control: 'checkboxes', options: SUBJECT_CATEGORY_LABELS },
      { name: 'subjectsCountMin', control: 'number', step: '1' },
      { name: 'subjectsCountMax', control: 'number', step: '1' },
      { name: 'recordsCount', control: 'number', step: '1' },
      tri('vulnerableSubjects'),
    ],
  },
  {
    id: 'confidentiality',
    legendKey: 'assessments.group.confidentiality',
    fields: [
      tri('dataLeftOrganisation'),
      { name: 'confidentialityScope', control: 'radios', options: CONFIDENTIALITY_SCOPE_LABELS },
      { name: 'recipientsCount', control: 'number', step: '1' },
      tri('recipientTrusted'),
      tri('deletionConfirmed'),
      tri('dataRetrieved'),
      tri('malicious'),
      tri('exfiltrationRuledOut'),
      { name: 'unintelligibility', control: 'radios', options: UNINTELLIGIBILITY_LABELS },
    ],
  },
  {
    // domain.md §10.8 items 1 and 5: protection and DPC adjustment belong to one category each.
    id: 'per-category',
    legendKey: 'assessments.group.perCategory',
    fields: PER_CATEGORY.flatMap((c): FieldSpec[] => [
      {
        name: protectionField(c),
        control: 'select',
        options: UNINTELLIGIBILITY_LABELS,
        emptyKey: 'assessments.protectionGeneral',
        label: DATA_CATEGORY_LABELS[c],
        helpKey: 'assessments.help.protectionPerCategory',
      },
      {
        name: adjustmentField(c),
        control: 'select',
        options: DPC_ADJUSTMENTS,
        label: DATA_CATEGORY_LABELS[c],
        helpKey: 'assessments.help.dpcAdjustmentPerCategory',
      },
    ]),
  },
  {
    id: 'integrity-availability',
    legendKey: 'assessments.group.integrityAvailability',
    fields: [
      { name: 'integrityImpact', control: 'radios', options: INTEGRITY_IMPACT_LABELS },
      { name: 'availabilityImpact', control: 'radios', options: AVAILABILITY_IMPACT_LABELS },
      { name: 'unavailableHours', control: 'number', step: 'any' },
      { name: 'backupAvailable', control: 'radios', options: BACKUP_AVAILABILITY_LABELS },
      tri('processesHalted'),
      tri('effectOnPeople'),
    ],
  },
  {
    id: 'enisa',
    legendKey: 'assessments.group.enisa',
    fields: [
      {
        name: 'easeOfIdentification',
        control: 'radios',
        options: EASE_OF_IDENTIFICATION_LABELS,
        emptyKey: 'assessments.notKnown',
      },
      { name: 'dpcAdjustmentReason', control: 'textarea' },
      { name: 'consequences', control: 'checkboxes', options: CONSEQUENCE_LABELS },
    ],
  },
  {
    id: 'decision',
    legendKey: 'assessments.group.decision',
    fields: [
      { name: 'riskLevel', control: 'radios', options: RISK_LEVEL_LABELS },
      { name: 'riskJustification', control: 'textarea' },
      { name: 'art34Exception', control: 'radios', options: ART34_EXCEPTION_LABELS },
      { name: 'art34ExceptionReason', control: 'textarea' },
      { name: 'factsReason', control: 'textarea' },
    ],
  },
];

/** The form values for stored facts and a decision (pre-fill from the intake or the last version). */
export function valuesFromInput(
  input: AssessmentInput,
  decision: Partial<AssessmentDecision>,
): AssessmentFormValues {
  const values: AssessmentFormValues = {};
  for (const [c, level] of Object.entries(input.protection ?? {}))
    values[protectionField(c as DataCategory)] = String(level);
  for (const [c, n] of Object.entries(input.dpcAdjustments ?? {}))
    values[adjustmentField(c as DataCategory)] = String(n);
  // A stored general adjustment (before §10.8 item 5) applied to every category: show it on each
  // listed category, which keeps the same DPC when the form is saved again.
  if (input.dpcAdjustment && !input.dpcAdjustments) {
    for (const c of input.dataCategories ?? [])
      if (c !== 'unknown') values[adjustmentField(c)] = String(input.dpcAdjustment);
  }
  for (const [k, v] of Object.entries(input)) {
    if (
      v === undefined ||
      v === null ||
      k === 'decidedAt' ||
      k === 'riskJustification' ||
      k === 'dpcAdjustment' ||
      (typeof v === 'object' && !Array.isArray(v))
    )
      continue;
    if ((LIST_FIELDS as readonly string[]).includes(k)) values[k] = (v as string[]).map(String);
    else if ((TIME_FIELDS as readonly string[]).includes(k)) {
      values[k] = amsterdamLocalInput(String(v));
      values[instantField(k)] = String(v);
    } else if ((NUMBER_FIELDS as readonly string[]).includes(k)) values[k] = String(v);
    else values[k] = String(v);
  }
  for (const [k, v] of Object.entries(decision)) if (v !== undefined && v !== null) values[k] = String(v);
  values.art34Exception ??= 'none';
  return values;
}

function fieldView(
  spec: FieldSpec,
  values: AssessmentFormValues,
  errors: FieldErrors,
  lang: Lang,
): FieldView {
  const raw = values[spec.name];
  let current = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  // An adjustment select without a value shows "no adjustment", never the first option.
  if (spec.name.startsWith('dpcAdjustment_') && (current.length === 0 || current[0] === '')) current = ['0'];
  const options: OptionView[] = [];
  if (spec.emptyKey)
    options.push({
      value: '',
      label: translate(lang, spec.emptyKey),
      selected: current.length === 0 || current[0] === '',
    });
  for (const [value, label] of Object.entries(spec.options ?? {})) {
    options.push({
      value,
      label:
        spec.name.startsWith('dpcAdjustment') && value === '0'
          ? translate(lang, 'assessments.noAdjustment')
          : label[lang],
      selected: current.includes(value),
    });
  }
  const error = errors[spec.name];
  return {
    name: spec.name,
    label: spec.label
      ? translate(
          lang,
          spec.name.startsWith('protection_')
            ? 'assessments.field.protectionOf'
            : 'assessments.field.dpcAdjustmentOf',
          { category: spec.label[lang] },
        )
      : translate(lang, `assessments.field.${spec.name}`),
    help: translate(lang, spec.helpKey ?? `assessments.help.${spec.name}`),
    error,
    warning:
      spec.control === 'datetime'
        ? ambiguityWarning(current[0] ?? '', String(values[instantField(spec.name)] ?? ''), lang)
        : '',
    value: current[0] ?? '',
    instantName: instantField(spec.name),
    instant: spec.control === 'datetime' ? String(values[instantField(spec.name)] ?? '') : '',
    options,
    step: spec.step ?? '1',
    isSelect: spec.control === 'select',
    isRadios: spec.control === 'radios',
    isCheckboxes: spec.control === 'checkboxes',
    isNumber: spec.control === 'number',
    isDatetime: spec.control === 'datetime',
    isTextarea: spec.control === 'textarea',
  };
}

// domain.md §10.8 item 7: a local time in the repeated autumn hour is read as the earlier instant
// (or as the exact stored instant it was shown from); the page says which one.
function ambiguityWarning(local: string, storedInstant: string, lang: Lang): string {
  if (!local || !isIsoTimestamp(local) || /[zZ]|[+-]\d\d(:?\d\d)?$/.test(local)) return '';
  const resolved = resolveInstant(local);
  if (!resolved.ambiguous) return '';
  const taken =
    storedInstant && amsterdamLocalInput(storedInstant) === local
      ? new Date(storedInstant)
      : resolved.instant;
  return translate(lang, 'assessments.warning.ambiguousTime', { date: formatAmsterdam(taken, lang) });
}

/** The fieldsets with values and errors filled in. */
export function formGroups(values: AssessmentFormValues, errors: FieldErrors, lang: Lang): GroupView[] {
  return FORM_GROUPS.map((g) => ({
    id: g.id,
    legend: translate(lang, g.legendKey),
    fields: g.fields.map((f) => fieldView(f, values, errors, lang)),
  }));
}
