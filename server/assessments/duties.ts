// Which duties follow from a risk level (domain.md §6.2 and §10.5). Pure: no clock, no I/O.
import type { Art34Exception, RiskLevel } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentConfig } from './assessment-config.js';
import { ART34_EXCEPTION_LABELS, RISK_LEVEL_LABELS } from './assessment.labels.js';
import type { FiredRule } from './risk-rules.js';

/** The duties of §10.5; the first four are the contract keys of contracts.md §3. */
export interface Duties {
  /** Art. 33(5): every breach, and every "not a breach" as a security incident. */
  register: boolean;
  /** Art. 33: notify the AP (controller only). */
  notifyAuthority: boolean;
  /** Art. 34: inform the affected persons individually. */
  informSubjects: boolean;
  /** Contractual report to the ministry (domain.md §8.4). */
  notifyMinistry: boolean;
  /** Art. 34(3)(c): a public communication instead of individual notices. */
  publicCommunication: boolean;
  /** Art. 33(2): as processor, tell the controller without undue delay. */
  notifyController: boolean;
}

// Which breaches the ministry contract covers, in Dutch words (domain.md §8.4).
const MINISTRY_TRIGGER_NL = {
  notifiable: 'elk meldplichtig datalek',
  all: 'elk datalek',
  high: 'elk datalek met hoog risico',
  never: 'geen meldingen',
} as const;

// What starts the ministry clock, in words (domain.md §8.4, §10.8 item 7).
const MINISTRY_ANCHOR_TEXT = {
  duty: { en: 'the decision that made the report due', nl: 'het besluit waardoor de melding nodig is' },
  discovery: { en: 'discovery', nl: 'ontdekking' },
  awareness: { en: 'awareness', nl: 'vaststelling' },
} as const;

/** What the duties are decided from. */
export interface DutyFacts {
  /** The engine's suggestion. */
  suggestedRisk: RiskLevel;
  /** The privacy officer's final level, when already set (it overrides the suggestion). */
  decidedRisk?: RiskLevel | undefined;
  /** No personal data involved: a security incident only (§10.4 step 1). */
  notABreach: boolean;
  art34Exception?: Art34Exception | undefined;
  /** Every exposed category was unintelligible (Art. 34(3)(a) may apply, §10.8 items 1, 6). */
  dataUnintelligible?: boolean | undefined;
  /** The measure that makes the high risk unlikely, as described (Art. 34(3)(b), §10.8 item 6). */
  measureDescribed?: boolean | undefined;
}

/**
 * Why an Art. 34(3) exception cannot be accepted on these facts (domain.md §10.8 item 6), or null:
 * (a) only when every exposed category was unintelligible, (b) only with the measure described.
 * Facts not given (a caller without them) are not held against the exception.
 */
export function art34Refusal(facts: DutyFacts): { en: string; nl: string } | null {
  if (facts.art34Exception === 'unintelligible' && facts.dataUnintelligible === false) {
    return {
      en: 'Art. 34(3)(a) refused: not every exposed kind of data was unintelligible (strong encryption or hashing, key safe); the affected persons must be informed.',
      nl: 'Art. 34 lid 3 sub a geweigerd: niet alle gelekte soorten gegevens waren onleesbaar (sterke versleuteling of hashing, sleutel veilig); de betrokkenen moeten worden geïnformeerd.',
    };
  }
  if (facts.art34Exception === 'subsequent_measures' && facts.measureDescribed === false) {
    return {
      en: 'Art. 34(3)(b) refused: describe the measure that makes the high risk no longer likely; until then the affected persons must be informed.',
      nl: 'Art. 34 lid 3 sub b geweigerd: beschrijf de maatregel waardoor het hoge risico zich niet meer voordoet; tot dan moeten de betrokkenen worden geïnformeerd.',
    };
  }
  return null;
}

/** The duties for the given facts, plus explanatory notes in the `rules[]` format. */
export function determineDuties(
  facts: DutyFacts,
  config: AssessmentConfig,
): { duties: Duties; notes: FiredRule[] } {
  const notes: FiredRule[] = [];
  const level = facts.decidedRisk ?? facts.suggestedRisk;
  if (facts.decidedRisk && facts.decidedRisk !== facts.suggestedRisk) {
    notes.push({
      id: 'duty.decided-risk',
      effect: 'info',
      reason: `Duties follow the decided risk level "${facts.decidedRisk}", not the suggestion "${facts.suggestedRisk}"; a written justification is required.`,
      reasonNl: `Plichten volgen het vastgestelde risiconiveau "${RISK_LEVEL_LABELS[facts.decidedRisk].nl.toLowerCase()}", niet de suggestie "${RISK_LEVEL_LABELS[facts.suggestedRisk].nl.toLowerCase()}"; een schriftelijke motivering is verplicht.`,
    });
  }

  const breach = !facts.notABreach;
  const controller = config.organisationRole === 'controller';
  const notifiable = breach && (level === 'risk' || level === 'high');
  const high = breach && level === 'high';
  const refusal = art34Refusal(facts);
  const exception = refusal ? 'none' : (facts.art34Exception ?? 'none');
  if (refusal && high && controller) {
    notes.push({
      id: 'duty.art34-exception-refused',
      effect: 'info',
      reason: refusal.en,
      reasonNl: refusal.nl,
    });
  }

  if (!controller && breach) {
    notes.push({
      id: 'duty.processor',
      effect: 'info',
      reason: `As processor: inform the controller without undue delay (at the latest ${config.controllerHours} h after awareness by contract), whatever the risk; the controller decides on notifying the AP and affected persons (Art. 33(2)).`,
      reasonNl: `Als verwerker: de verwerkingsverantwoordelijke onverwijld informeren (volgens de afspraak uiterlijk ${config.controllerHours} uur na vaststelling), ongeacht het risico; die beslist over melden aan de AP en betrokkenen (art. 33 lid 2).`,
    });
  }
  if (controller && high && exception !== 'none') {
    notes.push({
      id: 'duty.art34-exception',
      effect: 'info',
      reason:
        exception === 'disproportionate_effort'
          ? 'Art. 34(3)(c): individual notices would take disproportionate effort; a public communication is required instead.'
          : `Art. 34(3) exception "${exception}": affected persons need not be informed individually; record the reason.`,
      reasonNl:
        exception === 'disproportionate_effort'
          ? 'Art. 34 lid 3 sub c: individueel informeren vergt onevenredige inspanning; in plaats daarvan een openbare mededeling.'
          : `Uitzondering art. 34 lid 3 "${ART34_EXCEPTION_LABELS[exception].nl}": betrokkenen hoeven niet individueel geïnformeerd te worden; leg de reden vast.`,
    });
  }

  const notifyMinistry = ministryTriggered(config.ministry.trigger, breach, level);
  if (notifyMinistry) {
    notes.push({
      id: 'duty.ministry',
      effect: 'info',
      reason: `Contract with the ministry (trigger "${config.ministry.trigger}"): report within ${config.ministry.hours} h of ${MINISTRY_ANCHOR_TEXT[config.ministry.anchor].en}.`,
      reasonNl: `Afspraak met het ministerie (${MINISTRY_TRIGGER_NL[config.ministry.trigger]}): melden binnen ${config.ministry.hours} uur na ${MINISTRY_ANCHOR_TEXT[config.ministry.anchor].nl}.`,
    });
  }

  return {
    duties: {
      register: true,
      notifyAuthority: controller && notifiable,
      informSubjects: controller && high && exception === 'none',
      notifyMinistry,
      publicCommunication: controller && high && exception === 'disproportionate_effort',
      notifyController: !controller && breach,
    },
    notes,
  };
}

/** Whether the ministry contract asks for a report at this level (domain.md §8.4). */
export function ministryTriggered(
  trigger: AssessmentConfig['ministry']['trigger'],
  breach: boolean,
  level: RiskLevel,
): boolean {
  if (!breach) return false;
  switch (trigger) {
    case 'all':
      return true;
    case 'notifiable':
      return level === 'risk' || level === 'high';
    case 'high':
      return level === 'high';
    case 'never':
      return false;
  }
}
