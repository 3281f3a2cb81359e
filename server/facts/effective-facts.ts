// The facts in force for an incident (issue 12, "one set of facts"): what the reporter said, then
// every version the privacy officer confirmed — an explicit correction (with its reason) or the
// facts of a saved assessment version — applied in the order they were made. Each fact keeps the
// origin of its latest value. Every output reads the facts through this one function: the
// assessment pre-fill (and so the engine input), the AP dossier and its PDF, the ministry notice,
// the register page and its export. Pure: the callers load the versions.
import type { AssessmentInput } from '../assessments/assessment-input.schema.js';
import type { Unintelligibility } from '../../models/vocabulary/assessment.enums.js';
import {
  FACT_SPECS,
  normaliseFact,
  sameFact,
  type FactSpec,
  type FactValue,
  type FactValues,
} from './fact-fields.js';

/** Where a value came from. */
export interface FactOrigin {
  by: 'reporter' | 'officer';
  name: string;
  at: Date;
  /** The officer's reason (a correction's, or the assessment version's when it gave one). */
  reason: string | null;
  /** Set when the value was confirmed in this assessment version. */
  assessmentVersion: number | null;
  /** Set when the value was an explicit correction (that correction version). */
  correctionVersion: number | null;
}

/** One value a fact had, and where it came from. */
export interface FactHistoryEntry {
  name: string;
  value: FactValue;
  origin: FactOrigin;
}

/** The facts in force with their origins, and every earlier value. */
export interface EffectiveFacts {
  values: FactValues;
  origins: Record<string, FactOrigin>;
  /** Every value each fact had, oldest first; the reporter's values come first and stay. */
  history: FactHistoryEntry[];
  /** The latest officer version (correction or assessment) that changed a fact, if any. */
  lastCorrectedAt: Date | null;
}

/** The reporter's version: the incident document as filed (never rewritten by a correction). */
export interface ReportedFacts {
  reporterName: string;
  reportedInternallyAt: Date;
  [field: string]: unknown;
}

/** A stored assessment version, as far as facts go. */
export interface AssessmentFacts {
  version: number;
  decidedAt: Date;
  assessorName: string;
  input?: unknown;
  factsReason?: string | null;
}

/** A stored correction version. */
export interface CorrectionFacts {
  version: number;
  at: Date;
  byName: string;
  reason: string;
  changes?: unknown;
}

type Step = {
  at: Date;
  order: number;
  origin: FactOrigin;
  values: (spec: FactSpec) => { given: boolean; value: FactValue };
};

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The facts in force: the reporter's, overlaid by the officer's versions in the order they were made. */
export function effectiveFacts(
  reported: ReportedFacts,
  assessments: readonly AssessmentFacts[],
  corrections: readonly CorrectionFacts[],
): EffectiveFacts {
  const reporter: FactOrigin = {
    by: 'reporter',
    name: reported.reporterName,
    at: reported.reportedInternallyAt,
    reason: null,
    assessmentVersion: null,
    correctionVersion: null,
  };
  const values: FactValues = {};
  const origins: Record<string, FactOrigin> = {};
  const history: FactHistoryEntry[] = [];
  for (const spec of FACT_SPECS) {
    // Facts the intake does not ask (recipientsCount, protection) start as not given.
    values[spec.name] = normaliseFact(spec, reported[spec.name]);
    origins[spec.name] = reporter;
    history.push({ name: spec.name, value: values[spec.name]!, origin: reporter });
  }

  const steps: Step[] = [
    ...assessments.map((a): Step => {
      const input = record(a.input);
      const reason = a.factsReason?.trim() || null;
      return {
        at: a.decidedAt,
        order: a.version,
        origin: {
          by: 'officer',
          name: a.assessorName,
          at: a.decidedAt,
          reason,
          assessmentVersion: a.version,
          correctionVersion: null,
        },
        // An assessment sets only the engine facts its input names; a missing field is not a correction
        // (assessments stored before issue 12 may hold only part of the facts).
        values: (spec) =>
          spec.engine && input[spec.name] !== undefined
            ? { given: true, value: normaliseFact(spec, input[spec.name]) }
            : { given: false, value: null },
      };
    }),
    ...corrections.map((c): Step => {
      const changes = record(c.changes);
      return {
        at: c.at,
        order: c.version,
        origin: {
          by: 'officer',
          name: c.byName,
          at: c.at,
          reason: c.reason,
          assessmentVersion: null,
          correctionVersion: c.version,
        },
        values: (spec) =>
          spec.name in changes
            ? { given: true, value: normaliseFact(spec, changes[spec.name]) }
            : { given: false, value: null },
      };
    }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);

  let lastCorrectedAt: Date | null = null;
  for (const step of steps) {
    for (const spec of FACT_SPECS) {
      const { given, value } = step.values(spec);
      if (!given || sameFact(values[spec.name]!, value)) continue;
      values[spec.name] = value;
      origins[spec.name] = step.origin;
      history.push({ name: spec.name, value, origin: step.origin });
      lastCorrectedAt = step.at;
    }
  }
  return { values, origins, history, lastCorrectedAt };
}

/**
 * The protection of the data as a whole (the intake's one `unintelligibility`): the general level
 * when known, else — when every named category was given the same level — that level, with the
 * origin of the per-category protection. Mixed levels leave it as it is: one level would misstate
 * some categories (domain.md §10.8 item 1), and the dossier answers those per category.
 */
export function overallProtection(facts: EffectiveFacts): { level: Unintelligibility; origin: FactOrigin } {
  const general = facts.values.unintelligibility as Unintelligibility | null;
  const origin = facts.origins.unintelligibility!;
  if (general && general !== 'unknown') return { level: general, origin };
  const perCategory = (facts.values.protection as Record<string, Unintelligibility> | null) ?? {};
  const categories = ((facts.values.dataCategories as string[] | null) ?? []).filter((c) => c !== 'unknown');
  const levels = new Set(categories.map((c) => perCategory[c] ?? 'unknown'));
  const [only] = levels;
  if (levels.size === 1 && only && only !== 'unknown')
    return { level: only, origin: facts.origins.protection! };
  return { level: general ?? 'unknown', origin };
}

/** The incident with the facts in force in place of the reporter's (for outputs that read incident fields). */
export function withEffectiveFacts<T extends object>(
  incident: T,
  facts: EffectiveFacts,
): T & { recipientsCount?: number; protection?: Record<string, string> } {
  const out: Record<string, unknown> = { ...(incident as Record<string, unknown>) };
  for (const spec of FACT_SPECS) {
    const v = facts.values[spec.name] ?? null;
    out[spec.name] = spec.kind === 'list' ? (v ?? []) : (v ?? undefined);
  }
  const overall = overallProtection(facts);
  out.unintelligibility = overall.level;
  return out as T & { recipientsCount?: number; protection?: Record<string, string> };
}

/** The engine facts in force, as assessment input: the pre-fill of the assessment form. */
export function engineFacts(base: AssessmentInput, facts: EffectiveFacts): AssessmentInput {
  const out: Record<string, unknown> = { ...base };
  for (const spec of FACT_SPECS) {
    if (!spec.engine) continue;
    const v = facts.values[spec.name] ?? null;
    if (v === null) delete out[spec.name];
    else out[spec.name] = v;
  }
  return out;
}

/** Whether the officer corrected facts after `at` (e.g. the latest assessment: it should be redone). */
export function correctedAfter(facts: EffectiveFacts, at: Date): boolean {
  return facts.history.some(
    (h) => h.origin.correctionVersion !== null && h.origin.at.getTime() > at.getTime(),
  );
}

/** The engine facts an assessment input would change, and which of them override an officer's correction. */
export function factChangesOf(
  input: AssessmentInput,
  facts: EffectiveFacts,
): { changed: string[]; overridesCorrection: string[] } {
  const given = input as Record<string, unknown>;
  const changed: string[] = [];
  const overridesCorrection: string[] = [];
  for (const spec of FACT_SPECS) {
    if (!spec.engine || given[spec.name] === undefined) continue;
    if (sameFact(facts.values[spec.name] ?? null, normaliseFact(spec, given[spec.name]))) continue;
    changed.push(spec.name);
    if (facts.origins[spec.name]?.correctionVersion !== null) overridesCorrection.push(spec.name);
  }
  return { changed, overridesCorrection };
}
