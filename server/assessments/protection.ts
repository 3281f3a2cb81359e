// Protection of the breached data, per data category (domain.md §10.8 item 1, replacing the single
// `unintelligibility` of §10.4 step 2). A category is neutralised only when that category itself was
// unintelligible to others; the exposed (unprotected) categories decide the score and the floors.
// Pseudonymisation lowers the likelihood of identification but is not unintelligibility
// (Art. 34(3)(a), EDPB Guidelines 9/2022), so it never neutralises.
import type { DataCategory, Unintelligibility } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentInput } from './assessment-input.schema.js';

/** Protection levels that make a category unintelligible to others (Art. 34(3)(a)). */
export const NEUTRALISING_LEVELS: readonly Unintelligibility[] = [
  'state_of_art_encryption_key_safe',
  'hashed_salted_strong',
];

/** The protection levels from weakest to strongest; unknown counts as none (worst case). */
const STRENGTH: Record<Unintelligibility, number> = {
  unknown: 0,
  none: 0,
  protection_likely_subverted: 0,
  partially: 1,
  pseudonymised_key_safe: 2,
  hashed_salted_strong: 3,
  state_of_art_encryption_key_safe: 3,
};

/** How the breached data were protected, category by category. */
export interface ProtectionSummary {
  /** The categories of the breach; `unknown` when none is named. */
  categories: DataCategory[];
  /** Protection of each category (its own value, else the general one, else unknown). */
  byCategory: Partial<Record<DataCategory, Unintelligibility>>;
  /** Categories that were unintelligible to others. */
  protectedCategories: DataCategory[];
  /** Categories readable by whoever got them: these decide the score and the floors. */
  exposedCategories: DataCategory[];
  /** Every category was unintelligible (§10.4 step 2 applies to the whole breach). */
  allProtected: boolean;
  /** Every exposed category was pseudonymised with a safe key: EI one level lower (§10.8 item 1). */
  pseudonymised: boolean;
  /** The weakest protection among the exposed categories (the strongest when all are protected). */
  weakest: Unintelligibility;
}

/** Whether one protection level makes data unintelligible (pseudonymisation does not). */
export function isNeutralising(level: Unintelligibility | undefined): boolean {
  return level !== undefined && NEUTRALISING_LEVELS.includes(level);
}

/**
 * The protection of one category: its own value, else the general `unintelligibility` (a stored
 * assessment from before §10.8 has only that one value and it covers every category), else unknown.
 */
export function protectionOf(input: AssessmentInput, category: DataCategory): Unintelligibility {
  return input.protection?.[category] ?? input.unintelligibility ?? 'unknown';
}

/** The categories of the breach; `unknown` stands for data not yet named. */
export function breachCategories(input: AssessmentInput): DataCategory[] {
  const categories = input.dataCategories ?? [];
  return categories.length > 0 ? [...new Set(categories)] : ['unknown'];
}

/** Per-category protection of the input, and what it means for the score (§10.8 item 1). */
export function summariseProtection(input: AssessmentInput): ProtectionSummary {
  const categories = breachCategories(input);
  const byCategory: Partial<Record<DataCategory, Unintelligibility>> = {};
  for (const c of categories) byCategory[c] = protectionOf(input, c);
  const protectedCategories = categories.filter((c) => isNeutralising(byCategory[c]));
  const exposedCategories = categories.filter((c) => !isNeutralising(byCategory[c]));
  const levels = (exposedCategories.length > 0 ? exposedCategories : categories).map((c) => byCategory[c]!);
  const weakest = levels.reduce((a, b) => (STRENGTH[b] < STRENGTH[a] ? b : a));
  return {
    categories,
    byCategory,
    protectedCategories,
    exposedCategories,
    allProtected: exposedCategories.length === 0,
    pseudonymised: exposedCategories.length > 0 && weakest === 'pseudonymised_key_safe',
    weakest,
  };
}
