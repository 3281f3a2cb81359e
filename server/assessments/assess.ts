// The assessment engine: one pure function from the intake/assessment facts to the ENISA score,
// the suggested risk level with its reasons, the duties and the deadline clocks (domain.md §7,
// §10.3–§10.5). The CLI (`meldpunt assess`) and the web assessment page both call assess().
import type { DataCategory, RiskLevel } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentConfig } from './assessment-config.js';
import { DEFAULT_ASSESSMENT_CONFIG } from './assessment-config.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import type { Deadlines } from './deadline-clock.js';
import {
  computeDeadlines,
  formatAmsterdam,
  hoursBetween,
  overdueDeadlines,
  resolveInstant,
} from './deadline-clock.js';
import type { Duties } from './duties.js';
import { determineDuties } from './duties.js';
import type { EdpbExample } from './edpb-examples.js';
import { closestEdpbExample } from './edpb-examples.js';
import type { AssumedField, EnisaScenario, EnisaScore } from './enisa.js';
import { expandUnknowns, scoreScenario } from './enisa.js';
import { summariseProtection } from './protection.js';
import {
  categoriesUnknown,
  clientRelationshipApplies,
  concernsClientsKnown,
  vulnerability,
} from './organisation-profile.js';
import type { FiredRule, RiskSuggestion } from './risk-rules.js';
import { riskRank } from './risk-levels.js';
import { nlNumber, suggestRisk } from './risk-rules.js';

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
  /** Data categories not (all) known yet: the DPC rests on the profile's assumption (§10.8 item 4). */
  dataCategoriesUnknown: boolean;
  /** Unknown inputs that were filled in worst-case (§10.3 "compute both ways"). */
  assumedWorstCase: AssumedField[];
  /** Ids of the `assume.*` rules: every assumption the suggestion rests on (§10.8 item 4). */
  assumptions: string[];
  /** ENISA score over every way of filling in the unknown inputs. */
  scoreRange: { min: number; max: number };
  /** Awareness more than 24 h after discovery needs a note (§3). */
  awarenessNoteRequired: boolean;
  /** The decided level differs from the suggestion: a written justification is required (§10.2). */
  justificationRequired: boolean;
  /**
   * The decision (or, before one is made, the suggestion) means not notifying the AP or not
   * informing the persons: written reasons are required, also when agreeing (§10.8 item 8).
   */
  reasonsRequired: boolean;
  /** Local times in the repeated autumn hour, read as their earlier instant (§10.8 item 7). */
  ambiguousTimes: Array<{ field: string; value: string; instant: string }>;
  /** The chosen Art. 34(3) exception does not fit the facts and was not applied (§10.8 item 6). */
  art34ExceptionRefused: boolean;
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
    const enisa = scoreScenario(input, scenario, config.profile);
    return { scenario, enisa, suggestion: suggestRisk(input, scenario, enisa, config) };
  });
  const worst = evaluated.reduce((a, b) => (isWorse(b, a) ? b : a));
  const { suggestion } = worst;
  const scores = evaluated.map((e) => e.enisa.score);
  const scoreRange = { min: Math.min(...scores), max: Math.max(...scores) };

  const rules: FiredRule[] = [];
  if (unknownFields.length > 0 && !suggestion.notABreach) {
    const list = unknownFields.map((f) => ASSUMED_FIELD_EN[f]).join(', ');
    const listNl = unknownFields.map((f) => ASSUMED_FIELD_NL[f]).join(', ');
    rules.push({
      id: 'assume.worst-case',
      effect: 'info',
      reason: `Not yet known, assumed worst case until resolved: ${list} (ENISA score ${scoreRange.min}–${scoreRange.max}).`,
      reasonNl: `Nog niet bekend, uitgegaan van het ergste geval tot dit bekend is: ${listNl} (ENISA-score ${nlNumber(scoreRange.min)}–${nlNumber(scoreRange.max)}).`,
    });
  }
  if (!suggestion.notABreach) rules.push(...profileAssumptions(input, config, worst.enisa.dpc));
  for (const { id, effect, reason, reasonNl } of suggestion.trace)
    rules.push({ id, effect, reason, reasonNl });

  const ambiguousTimes = ambiguousLocalTimes(input);
  for (const t of ambiguousTimes) {
    const shown = formatAmsterdam(new Date(t.instant), 'en');
    rules.push({
      id: 'clock.ambiguous-local-time',
      effect: 'info',
      reason: `${t.field} ${t.value} occurs twice (end of summer time); the earlier instant was taken: ${shown}. Give an offset to choose the other.`,
      reasonNl: `${TIME_LABELS_NL[t.field] ?? t.field} ${t.value} komt twee keer voor (einde zomertijd); het eerste moment is genomen: ${formatAmsterdam(new Date(t.instant), 'nl')}.`,
    });
  }

  const { duties, notes } = determineDuties(
    {
      suggestedRisk: suggestion.level,
      decidedRisk: input.riskLevel,
      notABreach: suggestion.notABreach,
      art34Exception: input.art34Exception,
      dataUnintelligible: summariseProtection(input).allProtected,
      measureDescribed: Boolean(input.art34ExceptionReason?.trim()),
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
    vulnerableSubjects: vulnerability(input, config.profile).vulnerable,
    dataCategoriesUnknown: categories.length === 0 || categories.includes('unknown'),
    assumedWorstCase: unknownFields,
    assumptions: rules.filter((r) => r.id.startsWith('assume.')).map((r) => r.id),
    scoreRange,
    awarenessNoteRequired:
      input.discoveredAt !== undefined &&
      input.awarenessAt !== undefined &&
      hoursBetween(input.discoveredAt, input.awarenessAt) > 24,
    justificationRequired: input.riskLevel !== undefined && input.riskLevel !== suggestion.level,
    reasonsRequired: reasonsForNoRequired(input.riskLevel ?? suggestion.level, suggestion.notABreach, config),
    ambiguousTimes,
    art34ExceptionRefused: rules.some((r) => r.id === 'duty.art34-exception-refused'),
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

/**
 * Whether a level means a "no" that needs written reasons (domain.md §10.8 item 8, Art. 33(5)):
 * not a breach, or no AP notification (none), or not informing the persons (risk). As processor
 * the organisation does not decide these; it always informs its controller.
 */
export function reasonsForNoRequired(
  level: RiskLevel,
  notABreach: boolean,
  config: AssessmentConfig,
): boolean {
  if (config.organisationRole !== 'controller') return false;
  return notABreach || level !== 'high';
}

/**
 * The assumptions taken from the organisation profile while facts are unknown (domain.md §10.8
 * item 4), as info rules so the page and the justification show them.
 */
export function profileAssumptions(
  input: AssessmentInput,
  config: AssessmentConfig,
  dpc: number,
): FiredRule[] {
  const out: FiredRule[] = [];
  const protection = summariseProtection(input);
  if (categoriesUnknown(input) && !protection.allProtected && config.profile.unknownCategoriesDpc > 1) {
    const n = config.profile.unknownCategoriesDpc;
    out.push({
      id: 'assume.unknown-categories',
      effect: 'info',
      reason: `Kinds of data not (all) known yet: scored as a typical client file (DPC ${n}) until known.`,
      reasonNl: `Soorten gegevens nog niet (alle) bekend: gescoord als een gewoon klantdossier (DPC ${n}) tot dit bekend is.`,
    });
  }
  if (vulnerability(input, config.profile).assumed) {
    out.push({
      id: 'assume.vulnerable',
      effect: 'info',
      reason:
        "Whether the persons are vulnerable is not known yet; this organisation's clients are, so they are counted as vulnerable.",
      reasonNl:
        'Nog niet bekend of de betrokkenen kwetsbaar zijn; de cliënten van deze organisatie zijn dat, dus zijn ze als kwetsbaar meegeteld.',
    });
  }
  if (!protection.allProtected && clientRelationshipApplies(input, config.profile)) {
    const known = concernsClientsKnown(input);
    out.push({
      id: 'assume.client-relationship',
      effect: 'info',
      reason: `${known ? 'Clients are affected' : 'The affected persons may be clients'}: being a client of this organisation is itself sensitive, so the DPC is at least 2 (now ${dpc}).`,
      reasonNl: `${known ? 'Cliënten zijn getroffen' : 'De betrokkenen kunnen cliënten zijn'}: cliënt zijn van deze organisatie is zelf gevoelig, dus de DPC is minstens 2 (nu ${dpc}).`,
    });
  }
  return out;
}

// Dutch names of the inputs filled in worst-case (no code names in the Dutch text).
const ASSUMED_FIELD_NL: Record<AssumedField, string> = {
  confidentialityScope: 'wie de gegevens kreeg',
  malicious: 'kwade opzet',
  easeOfIdentification: 'identificeerbaarheid',
  exfiltrationRuledOut: 'of wegnemen van gegevens is uit te sluiten',
};

// English names of the same inputs (no code names in the English text either).
const ASSUMED_FIELD_EN: Record<AssumedField, string> = {
  confidentialityScope: 'who received the data',
  malicious: 'malicious intent',
  easeOfIdentification: 'ease of identification',
  exfiltrationRuledOut: 'whether taking the data can be ruled out',
};

// Dutch names of the time fields, for the ambiguous-time note.
const TIME_LABELS_NL: Record<string, string> = {
  discoveredAt: 'Ontdekt op',
  awarenessAt: 'Moment van kennisname',
  reportedInternallyAt: 'Intern gemeld op',
  decidedAt: 'Besloten op',
};

/** Offset-less input times in the repeated autumn hour (domain.md §10.8 item 7). */
export function ambiguousLocalTimes(
  input: AssessmentInput,
): Array<{ field: string; value: string; instant: string }> {
  const out: Array<{ field: string; value: string; instant: string }> = [];
  for (const field of ['discoveredAt', 'reportedInternallyAt', 'awarenessAt', 'decidedAt'] as const) {
    const value = input[field];
    if (!value) continue;
    const resolved = resolveInstant(value);
    if (resolved.ambiguous) out.push({ field, value, instant: resolved.instant.toISOString() });
  }
  return out;
}

// Worse = higher suggestion; on a tie, the higher ENISA score.
function isWorse(a: Evaluated, b: Evaluated): boolean {
  const byLevel = riskRank(a.suggestion.level) - riskRank(b.suggestion.level);
  return byLevel !== 0 ? byLevel > 0 : a.enisa.score > b.enisa.score;
}
