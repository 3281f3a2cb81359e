// The facts of an incident that the privacy officer can correct (issue 12, "one set of facts"):
// the intake fields of domain.md §10.2 that the outputs read, plus the facts the assessment adds
// (number of recipients, protection per data category, §10.8 items 1 and 3). Each has a kind
// (how it is compared, shown and parsed) and, for choices and lists, its labelled options. Pure.
import type { Label } from '../../models/vocabulary/assessment.enums.js';
import {
  AVAILABILITY_IMPACT_LABELS,
  BACKUP_AVAILABILITY_LABELS,
  BREACH_TYPE_LABELS,
  CONFIDENTIALITY_SCOPE_LABELS,
  DATA_CATEGORY_LABELS,
  DISCOVERY_CHANNEL_LABELS,
  INCIDENT_CAUSE_LABELS,
  INCIDENT_NATURE_LABELS,
  INTEGRITY_IMPACT_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRI_STATE_LABELS,
  UNINTELLIGIBILITY_LABELS,
} from '../assessments/assessment.labels.js';

/** How a fact is compared, shown and entered. */
export type FactKind = 'choice' | 'list' | 'count' | 'number' | 'text' | 'protection';

/** One correctable fact. */
export interface FactSpec {
  name: string;
  kind: FactKind;
  /** Choices and lists: the options and their NL/EN labels; protection: the levels. */
  options?: Record<string, Label>;
  /** The label key of the fact's name. */
  labelKey: string;
  /** Also an input of the assessment engine (contracts.md §3), so an assessment version may set it. */
  engine: boolean;
  /** Choices that may stay empty (no "unknown" option of their own). */
  optional?: boolean;
}

const intake = (
  name: string,
  kind: FactKind,
  options?: Record<string, Label>,
  engine = true,
  optional = false,
): FactSpec => ({
  name,
  kind,
  options,
  labelKey: `incidents.field.${name}`,
  engine,
  optional,
});

/** The correctable facts, in the order of the report form. */
export const FACT_SPECS: readonly FactSpec[] = [
  intake('incidentCause', 'choice', INCIDENT_CAUSE_LABELS),
  intake('incidentNature', 'list', INCIDENT_NATURE_LABELS),
  intake('breachTypes', 'list', BREACH_TYPE_LABELS),
  intake('discoveryChannel', 'choice', DISCOVERY_CHANNEL_LABELS, true, true),
  intake('personalDataInvolved', 'choice', TRI_STATE_LABELS),
  intake('dataCategories', 'list', DATA_CATEGORY_LABELS),
  intake('dataDetail', 'text', undefined, false),
  intake('subjectCategories', 'list', SUBJECT_CATEGORY_LABELS),
  intake('subjectsCountMin', 'count'),
  intake('subjectsCountMax', 'count'),
  intake('recordsCount', 'count'),
  intake('vulnerableSubjects', 'choice', TRI_STATE_LABELS),
  intake('dataLeftOrganisation', 'choice', TRI_STATE_LABELS),
  intake('recipients', 'text', undefined, false),
  { name: 'recipientsCount', kind: 'count', labelKey: 'assessments.field.recipientsCount', engine: true },
  intake('recipientTrusted', 'choice', TRI_STATE_LABELS),
  intake('deletionConfirmed', 'choice', TRI_STATE_LABELS),
  intake('dataRetrieved', 'choice', TRI_STATE_LABELS),
  intake('confidentialityScope', 'choice', CONFIDENTIALITY_SCOPE_LABELS),
  intake('integrityImpact', 'choice', INTEGRITY_IMPACT_LABELS),
  intake('availabilityImpact', 'choice', AVAILABILITY_IMPACT_LABELS),
  intake('unavailableHours', 'number'),
  intake('backupAvailable', 'choice', BACKUP_AVAILABILITY_LABELS),
  intake('malicious', 'choice', TRI_STATE_LABELS),
  intake('unintelligibility', 'choice', UNINTELLIGIBILITY_LABELS),
  {
    name: 'protection',
    kind: 'protection',
    options: UNINTELLIGIBILITY_LABELS,
    labelKey: 'facts.field.protection',
    engine: true,
  },
  intake('systemsInvolved', 'text', undefined, false),
  intake('processorInvolved', 'choice', TRI_STATE_LABELS, false),
  intake('processorName', 'text', undefined, false),
  intake('otherEeaCountries', 'text', undefined, false),
  intake('measuresTaken', 'text', undefined, false),
];

/** The names of the correctable facts. */
export const FACT_NAMES: readonly string[] = FACT_SPECS.map((s) => s.name);

/** The spec of a fact by name. */
export const FACT_SPEC: ReadonlyMap<string, FactSpec> = new Map(FACT_SPECS.map((s) => [s.name, s]));

/** A fact's value: a choice or text, a number, a list, protection per category, or null (not known / not given). */
export type FactValue = string | number | string[] | Record<string, string> | null;

/** The facts by name. */
export type FactValues = Record<string, FactValue>;

/**
 * One value in its stored form: empty text, empty lists and empty records are "not given" (null);
 * lists keep their order without repeats; protection records are sorted by category.
 */
export function normaliseFact(spec: FactSpec, raw: unknown): FactValue {
  if (raw === undefined || raw === null) return null;
  switch (spec.kind) {
    case 'list': {
      if (!Array.isArray(raw)) return null;
      const list = [...new Set(raw.filter((v): v is string => typeof v === 'string'))];
      return list.length ? list : null;
    }
    case 'count':
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'protection': {
      if (typeof raw !== 'object' || Array.isArray(raw)) return null;
      const entries = Object.entries(raw as Record<string, unknown>)
        .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
        .sort(([a], [b]) => a.localeCompare(b));
      return entries.length ? Object.fromEntries(entries) : null;
    }
    default: {
      const text = typeof raw === 'string' ? raw.trim() : '';
      return text ? text : null;
    }
  }
}

/** Whether two normalised values are the same fact (lists in any order). */
export function sameFact(a: FactValue, b: FactValue): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  return JSON.stringify(a) === JSON.stringify(b);
}
