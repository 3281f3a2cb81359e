// The ordered heuristics of domain.md §10.4 that turn the facts and the ENISA result into a
// suggested risk level. They are [design] suggestions: the privacy officer decides (§10.4 step 6).
import type { DataCategory, RiskLevel } from '../../models/vocabulary/assessment.enums.js';
import { SPECIAL_DATA_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
import { DATA_CATEGORY_LABELS, ENISA_BAND_LABELS, RISK_LEVEL_LABELS } from './assessment.labels.js';
import type { AssessmentConfig } from './assessment-config.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import type { EnisaScenario, EnisaScore } from './enisa.js';
import { ACCESS_NATURES, AVAILABILITY_CB, INTEGRITY_CB, MALWARE_CAUSES } from './enisa.js';
import { summariseProtection } from './protection.js';
import { clientRelationshipApplies, vulnerability } from './organisation-profile.js';
import { identityFloorTriggers } from './identity-floor.js';
import { levelFromBand, maxRisk, raiseOneLevel } from './risk-levels.js';

/** Causes where the carrier of the data left the organisation's hands: access is possible (§10.8 item 2). */
export const LOST_CARRIER_CAUSES = [
  'device_lost_stolen',
  'paper_lost_stolen',
  'post_misdelivered',
  'improper_disposal',
] as const;

/** What a fired rule did to the suggestion. */
export type RuleEffect =
  'info' | `set:${RiskLevel}` | `raise:${RiskLevel}` | 'suggest-lower:none' | 'suggest-lower:risk';

/** A rule that fired, as shown to the privacy officer (contracts.md §3 `rules[]`, plus Dutch). */
export interface FiredRule {
  id: string;
  effect: RuleEffect;
  reason: string;
  reasonNl: string;
}

/** A fired rule with the suggestion before and after it (for tests and audits). */
export interface RuleTrace extends FiredRule {
  before: RiskLevel;
  after: RiskLevel;
}

/** The suggested level and the rules that led to it. */
export interface RiskSuggestion {
  level: RiskLevel;
  notABreach: boolean;
  neutralised: boolean;
  trace: RuleTrace[];
}

/** Applies the rules of domain.md §10.4 in order for one fully known scenario. */
export function suggestRisk(
  input: AssessmentInput,
  scenario: EnisaScenario,
  enisa: EnisaScore,
  config: AssessmentConfig,
): RiskSuggestion {
  const trace: RuleTrace[] = [];
  let level: RiskLevel = 'none';
  const fire = (id: string, effect: RuleEffect, after: RiskLevel, reason: string, reasonNl: string): void => {
    trace.push({ id, effect, reason, reasonNl, before: level, after });
    level = after;
  };
  const raiseTo = (id: string, target: RiskLevel, reason: string, reasonNl: string): void => {
    // Floors raise, never lower (§10.4 step 4); the effect names the floor's own minimum.
    fire(id, `raise:${target}`, maxRisk(level, target), reason, reasonNl);
  };

  // Step 1: no personal data → security incident only.
  if (input.personalDataInvolved === 'no') {
    fire(
      'not-a-breach.no-personal-data',
      'set:none',
      'none',
      'No personal data involved: not a personal data breach; register it as a security incident only.',
      'Geen persoonsgegevens betrokken: geen datalek; alleen als beveiligingsincident registreren.',
    );
    return { level, notABreach: true, neutralised: false, trace };
  }

  // Step 2: neutralise protected data, category by category (Art. 34(3)(a); EDPB encrypted tablets,
  // hashed passwords; domain.md §10.8 item 1).
  const protection = summariseProtection(input);
  const neutralised = protection.allProtected;
  if (neutralised) {
    fire(
      'neutralise.unintelligible',
      'info',
      level,
      'Data were unintelligible to others (strong encryption or strong salted hashing, key safe): ' +
        'confidentiality scored with EI negligible and scope 0; confidentiality floors skipped.',
      'Gegevens waren onleesbaar voor anderen (sterke versleuteling of sterke hashing met salt, sleutel veilig): ' +
        'vertrouwelijkheid gescoord met EI verwaarloosbaar en omvang 0; vertrouwelijkheidsdrempels overgeslagen.',
    );
  } else if (protection.protectedCategories.length > 0) {
    const names = (list: readonly DataCategory[], lang: 'nl' | 'en'): string =>
      list.map((c) => DATA_CATEGORY_LABELS[c][lang]).join(', ');
    fire(
      'neutralise.partly',
      'info',
      level,
      `Only some data were unintelligible (${names(protection.protectedCategories, 'en')}); the readable data decide the score and the floors: ${names(protection.exposedCategories, 'en')}.`,
      `Slechts een deel van de gegevens was onleesbaar (${names(protection.protectedCategories, 'nl')}); de leesbare gegevens bepalen de score en de drempels: ${names(protection.exposedCategories, 'nl')}.`,
    );
  }
  if (protection.pseudonymised) {
    fire(
      'protection.pseudonymised',
      'info',
      level,
      'The readable data were pseudonymised with a safe key: ease of identification one level lower, ' +
        'but pseudonymised data are not unintelligible (Art. 34(3)(a)).',
      'De leesbare gegevens waren gepseudonimiseerd met een veilige sleutel: identificeerbaarheid een niveau lager, ' +
        'maar gepseudonimiseerde gegevens zijn niet onleesbaar (art. 34 lid 3 sub a).',
    );
  }

  // Step 3: base suggestion from the ENISA band.
  const base = levelFromBand(enisa.band);
  fire(
    'base.band',
    `set:${base}`,
    base,
    `ENISA severity ${enisa.score} (${enisa.band}) gives a base suggestion of "${base}".`,
    `ENISA-ernst ${nlNumber(enisa.score)} (${ENISA_BAND_LABELS[enisa.band].nl.toLowerCase()}) geeft als basissuggestie "${RISK_LEVEL_LABELS[base].nl.toLowerCase()}".`,
  );

  // Step 4: floors.
  const scope = scenario.confidentialityScope;
  const malicious = scenario.malicious === 'yes';
  const nature = input.incidentNature ?? [];
  // Exposure needs actual or possible access by someone unauthorised (domain.md §10.8 item 2):
  // "no evidence of access" is not exposure, except where the carrier itself (device, paper) is
  // out of the organisation's hands. Malware without recorded access is the exfiltration question.
  const obtained =
    !neutralised &&
    (scope === 'known_recipients' ||
      scope === 'unknown_recipients_or_public' ||
      nature.some((n) => (ACCESS_NATURES as readonly string[]).includes(n)));
  const carrierLost =
    !neutralised &&
    scope === 'no_evidence_of_access' &&
    input.incidentCause !== undefined &&
    (LOST_CARRIER_CAUSES as readonly string[]).includes(input.incidentCause);
  const exposed = obtained || carrierLost;
  const exfiltrationPossible = !neutralised && scenario.exfiltrationRuledOut === 'no';
  const unknownRecipients = !neutralised && scope === 'unknown_recipients_or_public';
  const identityTriggers = identityFloorTriggers(input, enisa.dpc, protection.exposedCategories);

  if (exposed) {
    // Only actual access aggravates: malice without anyone having the data is no escalation.
    const aggravated = obtained && (malicious || unknownRecipients);
    for (const t of identityTriggers) {
      if (aggravated) {
        raiseTo(
          t.id,
          'high',
          `${cap(t.en)} involved, with ${malicious ? 'malicious intent' : 'unknown recipients'}: at least high.`,
          `${cap(t.nl)} betrokken, met ${malicious ? 'kwade opzet' : 'onbekende ontvangers'}: minstens hoog.`,
        );
      } else {
        raiseTo(
          t.id,
          'risk',
          `${cap(t.en)} involved: at least risk.`,
          `${cap(t.nl)} betrokken: minstens risico.`,
        );
      }
    }
  }
  const malware =
    input.incidentCause !== undefined && (MALWARE_CAUSES as readonly string[]).includes(input.incidentCause);
  if (exfiltrationPossible || (malware && obtained)) {
    // An attacker who certainly has the data is at least as bad as one who may have it.
    raiseTo(
      'floor.exfiltration-possible',
      'risk',
      exfiltrationPossible
        ? 'Malware or ransomware and exfiltration of the data cannot be ruled out: at least risk (not high on this ground alone).'
        : 'Malware or ransomware and the attacker had access to the data: at least risk.',
      exfiltrationPossible
        ? 'Malware of ransomware en wegnemen van de gegevens is niet uit te sluiten: minstens risico (op deze grond alleen niet hoog).'
        : 'Malware of ransomware en de aanvaller had toegang tot de gegevens: minstens risico.',
    );
  }
  if (malicious && obtained) {
    raiseTo(
      'floor.malicious-obtained',
      'risk',
      'Malicious intent and personal data obtained by an unauthorised party: at least risk.',
      'Kwade opzet en persoonsgegevens verkregen door een onbevoegde: minstens risico.',
    );
  }
  if (unknownRecipients) {
    raiseTo(
      'floor.unknown-recipients',
      'risk',
      'Data reached an unknown number of recipients or the public: at least risk.',
      'Gegevens bij een onbekend aantal ontvangers of openbaar: minstens risico.',
    );
  }
  const persons = input.subjectsCountMax ?? input.subjectsCountMin ?? null;
  if (persons !== null && obtained && persons >= config.largeScaleThreshold) {
    raiseTo(
      'floor.large-scale',
      'risk',
      `Up to ${persons} affected persons (≥ ${config.largeScaleThreshold}) and data reached unauthorised recipients: at least risk.`,
      `Tot ${persons} betrokkenen (≥ ${config.largeScaleThreshold}) en gegevens bij onbevoegden: minstens risico.`,
    );
  }
  if (
    persons !== null &&
    exposed &&
    persons >= config.veryLargeScaleThreshold &&
    (unknownRecipients || malicious)
  ) {
    raiseTo(
      'floor.very-large-scale',
      raiseOneLevel(level),
      `Up to ${persons} affected persons (≥ ${config.veryLargeScaleThreshold}) with unknown recipients or malice: one level up.`,
      `Tot ${persons} betrokkenen (≥ ${config.veryLargeScaleThreshold}) met onbekende ontvangers of kwade opzet: een niveau hoger.`,
    );
  }
  // §10.8 item 4: "vulnerable: unknown" counts as yes when the profile says the clients are.
  const { vulnerable } = vulnerability(input, config.profile);
  if (vulnerable && exposed) {
    raiseTo(
      'floor.vulnerable',
      raiseOneLevel(level),
      'Vulnerable persons (e.g. minors, refugees) affected by a confidentiality loss: one level up.',
      'Kwetsbare personen (bijv. minderjarigen, vluchtelingen) getroffen door verlies van vertrouwelijkheid: een niveau hoger.',
    );
  }
  const hours = input.unavailableHours ?? null;
  const longOutage = hours !== null && hours > config.availabilityHoursThreshold;
  if (input.availabilityImpact === 'permanent' || longOutage) {
    const severe = (input.dataCategories ?? []).includes('health') || input.processesHalted === 'yes';
    const what = input.availabilityImpact === 'permanent' ? 'permanent' : `${hours} hours`;
    raiseTo(
      'floor.availability',
      severe ? 'high' : 'risk',
      severe
        ? `Availability loss (${what}) with health data or halted care/benefit processes: high.`
        : `Availability loss (${what}, threshold ${config.availabilityHoursThreshold} h): at least risk.`,
      severe
        ? `Verlies van beschikbaarheid (${what}) met gezondheidsgegevens of stilgevallen zorg/uitkering: hoog.`
        : `Verlies van beschikbaarheid (${what}, drempel ${config.availabilityHoursThreshold} u): minstens risico.`,
    );
  }

  // Step 5: ceilings lower the suggestion only; a lower final level needs a written reason.
  const noOtherLoss =
    INTEGRITY_CB[input.integrityImpact ?? 'not_applicable'] === 0 &&
    AVAILABILITY_CB[input.availabilityImpact ?? 'not_applicable'] === 0 &&
    !longOutage;
  if (neutralised && noOtherLoss) {
    fire(
      'ceiling.protected-only',
      'suggest-lower:none',
      'none',
      'Only unintelligible (protected) data affected and no integrity or availability loss: suggest no risk.',
      'Alleen onleesbare (beschermde) gegevens getroffen, geen verlies van integriteit of beschikbaarheid: suggestie geen risico.',
    );
  }
  // §10.8 item 3: the trusted-recipient ceiling only for a few identified recipients bound by
  // secrecy or a trusted organisation, never a distribution list, never for data whose mere
  // disclosure harms. A confirmed deletion by such a recipient still lowers the subjects duty.
  const fewTrusted =
    !neutralised &&
    (scope === 'known_recipients' || scope === 'no_evidence_of_access') &&
    input.recipientTrusted === 'yes' &&
    input.recipientsCount !== undefined &&
    input.recipientsCount !== null &&
    input.recipientsCount <= config.fewRecipients &&
    input.incidentCause !== 'email_open_distribution' &&
    !malicious;
  const harmful = harmfulDisclosure(input, protection.exposedCategories, config);
  if (fewTrusted && identityTriggers.length === 0 && harmful.length === 0 && noOtherLoss) {
    fire(
      'ceiling.trusted-recipient',
      'suggest-lower:none',
      'none',
      `At most ${config.fewRecipients} identified recipients bound by secrecy or a trusted organisation, no identity, sensitive or harmful data: suggest no risk.`,
      `Hoogstens ${config.fewRecipients} bekende ontvangers met geheimhouding of een vertrouwde organisatie, geen identiteits-, gevoelige of schadelijke gegevens: suggestie geen risico.`,
    );
  } else if (
    fewTrusted &&
    noOtherLoss &&
    (level as RiskLevel) === 'high' &&
    (input.deletionConfirmed === 'yes' || input.dataRetrieved === 'yes')
  ) {
    const why = (lang: 'nl' | 'en'): string =>
      harmful.length > 0
        ? harmful
            .map(
              (h) =>
                (h === 'client_relationship' ? CLIENT_RELATIONSHIP_LABEL : DATA_CATEGORY_LABELS[h])[lang],
            )
            .join(', ')
        : lang === 'nl'
          ? 'identiteits- of gevoelige gegevens'
          : 'identity or sensitive data';
    fire(
      'ceiling.trusted-deletion',
      'suggest-lower:risk',
      'risk',
      `A trusted recipient confirmed deletion or return: informing the persons is not suggested, but the AP notification stays (${why('en')}).`,
      `Een vertrouwde ontvanger bevestigde verwijdering of teruggave: betrokkenen informeren wordt niet gesuggereerd, de melding bij de AP blijft (${why('nl')}).`,
    );
  }
  const availabilityOnly =
    (neutralised ||
      (!exposed &&
        !exfiltrationPossible &&
        (scope === 'not_applicable' || scope === 'no_evidence_of_access'))) &&
    INTEGRITY_CB[input.integrityImpact ?? 'not_applicable'] === 0;
  if (
    availabilityOnly &&
    (input.availabilityImpact === 'recoverable_without_difficulty' ||
      input.availabilityImpact === 'temporary') &&
    input.backupAvailable === 'yes' &&
    hours !== null &&
    !longOutage &&
    input.effectOnPeople === 'no' &&
    input.processesHalted !== 'yes'
  ) {
    fire(
      'ceiling.availability-restored',
      'suggest-lower:none',
      'none',
      `Availability only, restored from backup within ${hours} hours, no effect on people: suggest no risk.`,
      `Alleen beschikbaarheid, binnen ${hours} uur hersteld uit back-up, geen gevolgen voor mensen: suggestie geen risico.`,
    );
  }

  return { level, notABreach: false, neutralised, trace };
}

const CLIENT_RELATIONSHIP_LABEL = { en: 'the client relationship itself', nl: 'de cliëntrelatie zelf' };

// Data whose mere disclosure harms the persons, so no recipient can be trusted with them (§10.8
// item 3): nationality or residence status, special categories, national ID numbers of vulnerable
// persons, and the client relationship itself where the profile says it is sensitive.
function harmfulDisclosure(
  input: AssessmentInput,
  exposed: readonly DataCategory[],
  config: AssessmentConfig,
): Array<DataCategory | 'client_relationship'> {
  const out: Array<DataCategory | 'client_relationship'> = [];
  if (exposed.includes('nationality_residence')) out.push('nationality_residence');
  const special = exposed.filter((c) => (SPECIAL_DATA_CATEGORIES as readonly string[]).includes(c));
  out.push(...special);
  if (exposed.includes('national_id') && vulnerability(input, config.profile).vulnerable)
    out.push('national_id');
  if (clientRelationshipApplies(input, config.profile)) out.push('client_relationship');
  return out;
}

/** A number as Dutch text: a decimal comma, not a point. */
export function nlNumber(n: number): string {
  return String(n).replace('.', ',');
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
