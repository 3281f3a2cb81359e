// The assessment engine: one pure function from the intake/assessment facts to the ENISA score,
// the suggested risk level with its reasons, the duties and the deadline clocks (domain.md §7,
// §10.3–§10.5). The CLI (`meldpunt assess`) and the web assessment page both call assess().
import type { DataCategory, RiskLevel } from './assessment.enums.js';
import type { AssessmentConfig } from './assessment-config.js';
import { DEFAULT_ASSESSMENT_CONFIG } from './assessment-config.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import type { Deadlines } from './deadline-clock.js';
import { computeDeadlines, hoursBetween, overdueDeadlines } from './deadline-clock.js';
import type { Duties } from './duties.js';
import { determineDuties } from './duties.js';
import type { EdpbExample } from './edpb-examples.js';
import { closestEdpbExample } from './edpb-examples.js';
import type { AssumedField, EnisaScenario, EnisaScore } from './enisa.js';
import { expandUnknowns, scoreScenario } from './enisa.js';
import { summariseProtection } from './protection.js';
import type { FiredRule, RiskSuggestion } from './risk-rules.js';
import { riskRank } from './risk-levels.js';
import { suggestRisk } from './risk-rules.js';

/** Reminders shown next to the result; they never change the suggestion by themselves. */
export interface AssessmentFlags {
  /** No personal data involved: security incident only (§10.4 step 1). */
  notABreach: boolean;
  /** Every breached category was unintelligible to others (§7.6, §10.8 item 1). */
  unintelligible: boolean;
  /** Categories that were unintelligible to others (§10.8 item 1). */
  protectedCategories: DataCategory[];
  /** Readable categories: these decide the score and the floors (§10.8 item 1). */
  exposedCategories: DataCategory[];
  /** `subjectsCountMax` above the "large number" reminder threshold (§7.6). */
  largeNumber: boolean;
  /** Vulnerable persons affected (explicit, or minors among them, §10.2). */
  vulnerableSubjects: boolean;
  /** No data category known yet: the DPC is a lower bound. */
  dataCategoriesUnknown: boolean;
  /** Unknown inputs that were filled in worst-case (§10.3 "compute both ways"). */
  assumedWorstCase: AssumedField[];
  /** ENISA score over every way of filling in the unknown inputs. */
  scoreRange: { min: number; max: number };
  /** Awareness more than 24 h after discovery needs a note (§3). */
  awarenessNoteRequired: boolean;
  /** The decided level differs from the suggestion: a written justification is required (§10.2). */
  justificationRequired: boolean;
  /** Deadlines already passed at `options.now` (empty without `now`). */
  overdue: Array<keyof Deadlines>;
}

/** Everything assess() returns; the web page uses all of it. */
export interface AssessmentResult {
  enisa: EnisaScore;
  suggestedRisk: RiskLevel;
  duties: Duties;
  rules: FiredRule[];
  deadlines: Deadlines;
  flags: AssessmentFlags;
  closestExample: EdpbExample | null;
}

/** The JSON of `meldpunt assess` (contracts.md §3 keys first, then flags and the example). */
export interface AssessOutput {
  enisa: EnisaScore;
  suggestedRisk: RiskLevel;
  duties: Duties;
  rules: Array<Pick<FiredRule, 'id' | 'effect' | 'reason'>>;
  deadlines: Deadlines;
  flags: AssessmentFlags;
  closestExample: EdpbExample | null;
}

/** Optional context: `now` only feeds the `overdue` flag. */
export interface AssessOptions {
  now?: Date;
}

interface Evaluated {
  scenario: EnisaScenario;
  enisa: EnisaScore;
  suggestion: RiskSuggestion;
}

/** Assesses one incident; unknown inputs are evaluated every way and the worst outcome is kept. */
export function assess(
  input: AssessmentInput,
  config: AssessmentConfig = DEFAULT_ASSESSMENT_CONFIG,
  options: AssessOptions = {},
): AssessmentResult {
  const { scenarios, unknownFields } = expandUnknowns(input);
  const evaluated: Evaluated[] = scenarios.map((scenario) => {
    const enisa = scoreScenario(input, scenario);
    return { scenario, enisa, suggestion: suggestRisk(input, scenario, enisa, config) };
  });
  const worst = evaluated.reduce((a, b) => (isWorse(b, a) ? b : a));
  const { suggestion } = worst;
  const scores = evaluated.map((e) => e.enisa.score);
  const scoreRange = { min: Math.min(...scores), max: Math.max(...scores) };

  const rules: FiredRule[] = [];
  if (unknownFields.length > 0 && !suggestion.notABreach) {
    const list = unknownFields.join(', ');
    rules.push({
      id: 'assume.worst-case',
      effect: 'info',
      reason: `Not yet known, assumed worst case until resolved: ${list} (ENISA score ${scoreRange.min}–${scoreRange.max}).`,
      reasonNl: `Nog niet bekend, uitgegaan van het ergste geval tot dit bekend is: ${list} (ENISA-score ${scoreRange.min}–${scoreRange.max}).`,
    });
  }
  for (const { id, effect, reason, reasonNl } of suggestion.trace)
    rules.push({ id, effect, reason, reasonNl });

  const { duties, notes } = determineDuties(
    {
      suggestedRisk: suggestion.level,
      decidedRisk: input.riskLevel,
      notABreach: suggestion.notABreach,
      art34Exception: input.art34Exception,
    },
    config,
  );
  rules.push(...notes);
  const deadlines = computeDeadlines(input, duties, config);

  const protection = summariseProtection(input);
  const categories = input.dataCategories ?? [];
  const persons = input.subjectsCountMax ?? input.subjectsCountMin ?? null;
  const flags: AssessmentFlags = {
    notABreach: suggestion.notABreach,
    unintelligible: protection.allProtected,
    protectedCategories: protection.protectedCategories,
    exposedCategories: protection.exposedCategories,
    largeNumber: persons !== null && persons > config.largeNumberFlag,
    vulnerableSubjects:
      input.vulnerableSubjects === 'yes' || (input.subjectCategories ?? []).includes('minors'),
    dataCategoriesUnknown: categories.length === 0 || categories.includes('unknown'),
    assumedWorstCase: unknownFields,
    scoreRange,
    awarenessNoteRequired:
      input.discoveredAt !== undefined &&
      input.awarenessAt !== undefined &&
      hoursBetween(input.discoveredAt, input.awarenessAt) > 24,
    justificationRequired: input.riskLevel !== undefined && input.riskLevel !== suggestion.level,
    overdue: options.now ? overdueDeadlines(deadlines, options.now) : [],
  };

  return {
    enisa: worst.enisa,
    suggestedRisk: suggestion.level,
    duties,
    rules,
    deadlines,
    flags,
    closestExample: suggestion.notABreach ? null : closestEdpbExample(input, worst.scenario, config),
  };
}

/** The CLI/JSON shape of a result: contract keys first, rules as {id, effect, reason}. */
export function toAssessOutput(result: AssessmentResult): AssessOutput {
  return {
    enisa: { ...result.enisa },
    suggestedRisk: result.suggestedRisk,
    duties: result.duties,
    rules: result.rules.map(({ id, effect, reason }) => ({ id, effect, reason })),
    deadlines: result.deadlines,
    flags: result.flags,
    closestExample: result.closestExample,
  };
}

// Worse = higher suggestion; on a tie, the higher ENISA score.
function isWorse(a: Evaluated, b: Evaluated): boolean {
  const byLevel = riskRank(a.suggestion.level) - riskRank(b.suggestion.level);
  return byLevel !== 0 ? byLevel > 0 : a.enisa.score > b.enisa.score;
}
