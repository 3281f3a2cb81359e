// ENISA severity methodology (2013) as summarised in domain.md §7 and §10.3: SE = DPC × EI + CB.
// A decision aid, not the legal test; pure functions only.
import type {
  AvailabilityImpact,
  ConfidentialityScope,
  DataCategory,
  EaseOfIdentification,
  EnisaBand,
  IntegrityImpact,
  KnownConfidentialityScope,
  Unintelligibility,
} from '../../models/vocabulary/assessment.enums.js';
import { EASE_OF_IDENTIFICATION_LEVELS } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import { isNeutralising, NEUTRALISING_LEVELS, summariseProtection } from './protection.js';
import { NEUTRAL_PROFILE, type OrganisationProfile } from './assessment-config.js';
import { clientRelationshipApplies, CLIENT_RELATIONSHIP_DPC } from './organisation-profile.js';

/** ENISA data-processing-context categories with their basic scores (domain.md §7.2). */
export const ENISA_BASIC_SCORES = { simple: 1, behavioural: 2, financial: 3, sensitive: 4 } as const;
/** An ENISA data-processing-context category. */
export type EnisaCategory = keyof typeof ENISA_BASIC_SCORES;

/**
 * Default ENISA category per data element: the "NMI mapping" table of domain.md §7.2.
 * `access_credentials` is absent on purpose: credentials are scored by what they unlock.
 * `unknown` is scored by basicScore() from the organisation profile (§10.8 item 4: a typical client
 * file, NMI 3); the pure ENISA scoring without a profile keeps the lowest score.
 */
export const DATA_CATEGORY_ENISA: Record<Exclude<DataCategory, 'access_credentials'>, EnisaCategory> = {
  name_address: 'simple',
  phone: 'simple',
  email: 'simple',
  demographic: 'simple',
  education: 'simple',
  employment: 'simple',
  other_basic: 'simple',
  contract_or_service: 'simple',
  // Simple (1) with +2/+3 prompts when it may reveal ethnic origin or endanger safety abroad.
  nationality_residence: 'simple',
  location: 'behavioural',
  communication_metadata: 'behavioural',
  financial: 'financial',
  // [design] financial-level: identity-fraud risk and AP practice, not an ENISA category.
  national_id: 'financial',
  id_document: 'financial',
  health: 'sensitive',
  criminal: 'sensitive',
  religion_belief: 'sensitive',
  racial_ethnic_origin: 'sensitive',
  political_opinion: 'sensitive',
  sex_life_orientation: 'sensitive',
  trade_union: 'sensitive',
  biometric: 'sensitive',
  genetic: 'sensitive',
  unknown: 'simple',
};

/** Basic score of credentials whose target is not named: client files, financial-level (§7.2). */
export const DEFAULT_CREDENTIALS_SCORE = ENISA_BASIC_SCORES.financial;

/** EI per ease-of-identification level (domain.md §7.3). */
export const EI_VALUES: Record<EaseOfIdentification, number> = {
  negligible: 0.25,
  limited: 0.5,
  significant: 0.75,
  maximum: 1,
};

/** CB points for loss of confidentiality (domain.md §7.4). */
export const CONFIDENTIALITY_CB: Record<KnownConfidentialityScope, number> = {
  not_applicable: 0,
  no_evidence_of_access: 0,
  known_recipients: 0.25,
  unknown_recipients_or_public: 0.5,
};

/** CB points for loss of integrity (domain.md §7.4). */
export const INTEGRITY_CB: Record<IntegrityImpact, number> = {
  not_applicable: 0,
  altered_no_misuse: 0,
  altered_misuse_recoverable: 0.25,
  altered_misuse_unrecoverable: 0.5,
};

/** CB points for loss of availability (domain.md §7.4). */
export const AVAILABILITY_CB: Record<AvailabilityImpact, number> = {
  not_applicable: 0,
  recoverable_without_difficulty: 0,
  temporary: 0.25,
  permanent: 0.5,
};

/** CB points for malicious intent (domain.md §7.4). */
export const MALICIOUS_CB = 0.5;

/**
 * Protection levels that neutralise confidentiality (domain.md §10.4 step 2, Art. 34(3)(a)).
 * Pseudonymisation is not among them (§10.8 item 1): it only lowers EI.
 */
export const PROTECTING_LEVELS: readonly Unintelligibility[] = NEUTRALISING_LEVELS;

/** The ENISA result shown next to the suggestion. */
export interface EnisaScore {
  dpc: number;
  ei: number;
  cb: number;
  score: number;
  band: EnisaBand;
}

/** One way of filling in the inputs that may be unknown (domain.md §10.3 "compute both ways"). */
export interface EnisaScenario {
  confidentialityScope: KnownConfidentialityScope;
  malicious: 'yes' | 'no';
  easeOfIdentification: EaseOfIdentification;
  /**
   * Malware or ransomware without recorded access: whether exfiltration was ruled out (§10.8
   * item 2); unknown is taken as "no". Absent for other incidents.
   */
  exfiltrationRuledOut?: 'yes' | 'no';
}

/** Causes whose confidentiality question is "could data have been taken out?" (§10.8 item 2). */
export const MALWARE_CAUSES = ['hacking_malware', 'ransomware'] as const;

/** Natures of the incident that mean someone actually had the data (§10.4 "obtained"). */
export const ACCESS_NATURES = ['read', 'copied', 'stolen'] as const;

/**
 * Malware or ransomware without recorded access by anyone: the exfiltration question decides,
 * whatever the reporter filled in as scope or breach types (one consistent way, §10.8 item 2).
 */
export function exfiltrationQuestion(input: AssessmentInput): boolean {
  if (!input.incidentCause || !(MALWARE_CAUSES as readonly string[]).includes(input.incidentCause))
    return false;
  if ((input.incidentNature ?? []).some((n) => (ACCESS_NATURES as readonly string[]).includes(n)))
    return false;
  const scope = effectiveScope(input);
  return scope === 'unknown' || scope === 'not_applicable' || scope === 'no_evidence_of_access';
}

/** Input fields that are filled in worst-case while unknown. */
export type AssumedField = keyof EnisaScenario;

/** ENISA result over all scenarios: the worst one, what was assumed, and the range. */
export interface EnisaAssessment extends EnisaScore {
  assumedWorstCase: AssumedField[];
  scoreRange: { min: number; max: number };
}

/** Rounds to two decimals (domain.md §10.3 round2). */
export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/** Severity band of a score: <2 low, <3 medium, <4 high, else very high (domain.md §7.5). */
export function enisaBand(score: number): EnisaBand {
  if (score < 2) return 'low';
  if (score < 3) return 'medium';
  if (score < 4) return 'high';
  return 'very_high';
}

/** Whether a protection level neutralises confidentiality (§10.4 step 2; not pseudonymisation). */
export function isProtected(unintelligibility: Unintelligibility | undefined): boolean {
  return isNeutralising(unintelligibility);
}

/** One ENISA ease-of-identification level lower (pseudonymised data, §10.8 item 1). */
export function lowerEase(ease: EaseOfIdentification): EaseOfIdentification {
  const i = EASE_OF_IDENTIFICATION_LEVELS.indexOf(ease);
  return EASE_OF_IDENTIFICATION_LEVELS[Math.max(0, i - 1)]!;
}

/**
 * Basic ENISA score of one data category; credentials take the score of what they unlock; data not
 * yet known score `unknownScore` (the organisation profile's typical client file, §10.8 item 4).
 */
export function basicScore(
  category: DataCategory,
  credentialsUnlock?: DataCategory,
  unknownScore = 1,
): number {
  if (category === 'unknown') return unknownScore;
  if (category !== 'access_credentials') return ENISA_BASIC_SCORES[DATA_CATEGORY_ENISA[category]];
  if (!credentialsUnlock || credentialsUnlock === 'access_credentials' || credentialsUnlock === 'unknown') {
    return DEFAULT_CREDENTIALS_SCORE;
  }
  return ENISA_BASIC_SCORES[DATA_CATEGORY_ENISA[credentialsUnlock]];
}

/**
 * DPC: the highest of the categories' basic scores, each with its own whole-point adjustment,
 * clamped to 1–4 (domain.md §10.3 as corrected by §10.8 item 5: an adjustment belongs to one
 * category, so a −3 on health data cannot wipe out financial data). `adjustment` is the general
 * adjustment of an assessment from before per-category adjustments; it applies to every category,
 * which gives exactly the old result.
 */
export function dataProcessingContext(
  categories: readonly DataCategory[],
  adjustment = 0,
  credentialsUnlock?: DataCategory,
  perCategory: Partial<Record<DataCategory, number>> = {},
  unknownScore = 1,
): number {
  const general = Math.trunc(adjustment);
  const scores = categories.map(
    (c) => basicScore(c, credentialsUnlock, unknownScore) + general + Math.trunc(perCategory[c] ?? 0),
  );
  const highest = scores.length > 0 ? Math.max(...scores) : 1 + general;
  return Math.min(4, Math.max(1, highest));
}

/** The confidentiality scope once defaults apply: missing means unknown unless C is ruled out. */
export function effectiveScope(input: AssessmentInput): ConfidentialityScope {
  if (input.confidentialityScope) return input.confidentialityScope;
  const types = input.breachTypes;
  // A breach recorded as integrity/availability only has no confidentiality element to guess.
  if (types && types.length > 0 && !types.includes('confidentiality')) return 'not_applicable';
  return 'unknown';
}

/** All scenarios for the unknown inputs, and which inputs were unknown (and mattered). */
export function expandUnknowns(input: AssessmentInput): {
  scenarios: EnisaScenario[];
  unknownFields: AssumedField[];
} {
  const protectedData = summariseProtection(input).allProtected;
  const exfiltration = exfiltrationQuestion(input);
  // Malware without recorded access: no one is known to have read the data (scope 0); the
  // exfiltration question raises the floor instead (§10.8 item 2).
  const scope = exfiltration ? 'no_evidence_of_access' : effectiveScope(input);
  const scopes: KnownConfidentialityScope[] =
    scope === 'unknown'
      ? ['no_evidence_of_access', 'known_recipients', 'unknown_recipients_or_public']
      : [scope];
  const malicious: Array<'yes' | 'no'> =
    input.malicious === 'yes' || input.malicious === 'no' ? [input.malicious] : ['no', 'yes'];
  const eases: EaseOfIdentification[] = input.easeOfIdentification
    ? [input.easeOfIdentification]
    : ['negligible', 'limited', 'significant', 'maximum'];

  const unknownFields: AssumedField[] = [];
  // With neutralised data, scope and EI are fixed by §10.4 step 2, so guessing them changes nothing.
  if (scopes.length > 1 && !protectedData) unknownFields.push('confidentialityScope');
  if (malicious.length > 1) unknownFields.push('malicious');
  if (eases.length > 1 && !protectedData) unknownFields.push('easeOfIdentification');
  const ruledOut: 'yes' | 'no' | undefined = exfiltration
    ? input.exfiltrationRuledOut === 'yes'
      ? 'yes'
      : 'no'
    : undefined;
  if (
    exfiltration &&
    !protectedData &&
    input.exfiltrationRuledOut !== 'yes' &&
    input.exfiltrationRuledOut !== 'no'
  ) {
    unknownFields.push('exfiltrationRuledOut');
  }

  const scenarios: EnisaScenario[] = [];
  for (const confidentialityScope of scopes) {
    for (const m of malicious) {
      for (const easeOfIdentification of eases) {
        const scenario: EnisaScenario = { confidentialityScope, malicious: m, easeOfIdentification };
        if (ruledOut) scenario.exfiltrationRuledOut = ruledOut;
        scenarios.push(scenario);
      }
    }
  }
  return { scenarios, unknownFields };
}

/**
 * ENISA score of one fully known scenario (domain.md §10.3, with §10.4 step 2 neutralisation per
 * category, §10.8 item 1): when every category was unintelligible, EI is negligible and the
 * confidentiality scope 0; otherwise only the exposed categories count for the DPC, and EI is one
 * level lower when all of them were pseudonymised.
 */
export function scoreScenario(
  input: AssessmentInput,
  scenario: EnisaScenario,
  profile: OrganisationProfile = NEUTRAL_PROFILE,
): EnisaScore {
  const protection = summariseProtection(input);
  const protectedData = protection.allProtected;
  const contextDpc = dataProcessingContext(
    protectedData ? protection.categories : protection.exposedCategories,
    input.dpcAdjustment ?? 0,
    input.credentialsUnlock,
    input.dpcAdjustments,
    profile.unknownCategoriesDpc,
  );
  // §10.8 item 4: for this organisation a breach of client data reveals the client relationship.
  const dpc =
    !protectedData && clientRelationshipApplies(input, profile)
      ? Math.max(CLIENT_RELATIONSHIP_DPC, contextDpc)
      : contextDpc;
  const ease = protection.pseudonymised
    ? lowerEase(scenario.easeOfIdentification)
    : scenario.easeOfIdentification;
  const ei = protectedData ? EI_VALUES.negligible : EI_VALUES[ease];
  const conf = protectedData ? 0 : CONFIDENTIALITY_CB[scenario.confidentialityScope];
  const cb =
    conf +
    INTEGRITY_CB[input.integrityImpact ?? 'not_applicable'] +
    AVAILABILITY_CB[input.availabilityImpact ?? 'not_applicable'] +
    (scenario.malicious === 'yes' ? MALICIOUS_CB : 0);
  const score = round2(dpc * ei + cb);
  return { dpc, ei, cb: round2(cb), score, band: enisaBand(score) };
}

/** ENISA result of the input: unknown inputs are computed every way and the worst is returned. */
export function computeEnisa(
  input: AssessmentInput,
  profile: OrganisationProfile = NEUTRAL_PROFILE,
): EnisaAssessment {
  const { scenarios, unknownFields } = expandUnknowns(input);
  const scores = scenarios.map((s) => scoreScenario(input, s, profile));
  let worst = scores[0]!;
  for (const s of scores) if (s.score > worst.score) worst = s;
  const values = scores.map((s) => s.score);
  return {
    ...worst,
    assumedWorstCase: unknownFields,
    scoreRange: { min: Math.min(...values), max: Math.max(...values) },
  };
}
