// Shared inputs for the assessment-engine tests: a "quiet" incident that fires only the base rule,
// and small helpers to read what fired.
import { assess } from '../../../server/assessments/assess.js';
import type { AssessmentConfig } from '../../../server/assessments/assessment-config.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../../../server/assessments/assessment-config.js';
import type { AssessmentInput } from '../../../server/assessments/assessment-input.schema.js';

/** Every relevant field known; score 1 × 1 + 0.25 = 1.25 (low) → suggestion none, only base.band fires. */
export const QUIET: Readonly<AssessmentInput> = Object.freeze<AssessmentInput>({
  personalDataInvolved: 'yes',
  breachTypes: ['confidentiality'],
  incidentCause: 'other',
  dataCategories: ['name_address'],
  easeOfIdentification: 'maximum',
  confidentialityScope: 'known_recipients',
  integrityImpact: 'not_applicable',
  availabilityImpact: 'not_applicable',
  malicious: 'no',
  unintelligibility: 'none',
  vulnerableSubjects: 'no',
  // Known subjects that are not clients: the organisation profile assumes nothing (§10.8 item 4).
  subjectCategories: ['employees'],
  subjectsCountMax: 1,
});

/** The quiet incident with some fields replaced. */
export function quiet(overrides: AssessmentInput = {}): AssessmentInput {
  return { ...QUIET, ...overrides };
}

/** Ids of the rules that fired, in order. */
export function ruleIds(
  input: AssessmentInput,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
): string[] {
  return assess(input, config).rules.map((r) => r.id);
}

/** The fired rule with this id, or undefined. */
export function firedRule(
  input: AssessmentInput,
  id: string,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
) {
  return assess(input, config).rules.find((r) => r.id === id);
}
