// The EDPB example cases summarised in domain.md §6.3, and which one an incident resembles most
// (shown next to the suggestion, §10.4 step 6). Texts are our own short paraphrases.
import type { DataCategory, Label } from '../../models/vocabulary/assessment.enums.js';
import { SPECIAL_DATA_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
import type { AssessmentConfig } from './assessment-config.js';
import type { AssessmentInput } from './assessment-input.schema.js';
import type { EnisaScenario } from './enisa.js';
import { isProtected } from './enisa.js';
import { summariseProtection } from './protection.js';

/** A stable id of an EDPB example of domain.md §6.3. */
export type EdpbExampleId =
  | 'encrypted-data-with-backup'
  | 'no-backup-long-restoration'
  | 'exfiltrated-identity-or-payment-data'
  | 'trusted-wrong-recipient'
  | 'mass-mailing-national-id'
  | 'hashed-passwords-exfiltrated'
  | 'stolen-paper-health-files';

/** The closest example, with its lesson in Dutch and English. */
export interface EdpbExample extends Label {
  id: EdpbExampleId;
}

/** The lesson of each example (domain.md §6.3). */
export const EDPB_EXAMPLES: Record<EdpbExampleId, Label> = {
  'encrypted-data-with-backup': {
    en: 'Strongly encrypted data with a safe key and a backup (e.g. stolen encrypted tablets): usually no notification.',
    nl: 'Sterk versleutelde gegevens met veilige sleutel en back-up (bijv. gestolen versleutelde tablets): meestal geen melding.',
  },
  'no-backup-long-restoration': {
    en: 'No backup, long restoration or impact on people: notify the AP; if care is disrupted, also inform the people concerned.',
    nl: 'Geen back-up, lang herstel of gevolgen voor mensen: melden bij de AP; bij verstoorde zorg ook de betrokkenen informeren.',
  },
  'exfiltrated-identity-or-payment-data': {
    en: 'Attackers exfiltrated identity, ID-number or payment data: notify the AP and inform the people concerned.',
    nl: 'Aanvallers hebben identiteits-, BSN- of betaalgegevens buitgemaakt: melden bij de AP en betrokkenen informeren.',
  },
  'trusted-wrong-recipient': {
    en: 'Non-sensitive data sent to a trusted wrong recipient bound by secrecy who confirmed deletion: no notification.',
    nl: 'Niet-gevoelige gegevens naar een vertrouwde verkeerde ontvanger met geheimhouding die verwijdering bevestigde: geen melding.',
  },
  'mass-mailing-national-id': {
    en: 'A mass mailing exposing national ID numbers: notify the AP and inform the people concerned.',
    nl: 'Een massamailing waarin BSN-nummers zichtbaar waren: melden bij de AP en betrokkenen informeren.',
  },
  'hashed-passwords-exfiltrated': {
    en: 'Strongly hashed and salted passwords exfiltrated: no notification required, though telling users is sensible.',
    nl: 'Sterk gehashte wachtwoorden met salt buitgemaakt: melden niet verplicht, gebruikers informeren is wel verstandig.',
  },
  'stolen-paper-health-files': {
    en: 'Stolen paper files with health data and no copy: notify the AP and inform the people concerned.',
    nl: 'Gestolen papieren dossiers met gezondheidsgegevens zonder kopie: melden bij de AP en betrokkenen informeren.',
  },
};

// Data that make a wrong-recipient case more than the harmless EDPB example.
const SENSITIVE_OR_IDENTITY: readonly DataCategory[] = [
  'national_id',
  'id_document',
  'financial',
  'access_credentials',
  ...SPECIAL_DATA_CATEGORIES,
];

// Fewer matching features than this is no meaningful resemblance.
const MIN_MATCH = 2;

/** Picks the EDPB example sharing most features with the incident, or null when none fits. */
export function closestEdpbExample(
  input: AssessmentInput,
  scenario: EnisaScenario,
  config: AssessmentConfig,
): EdpbExample | null {
  const cats = new Set<DataCategory>(input.dataCategories ?? []);
  const cause = input.incidentCause;
  const nature = input.incidentNature ?? [];
  // The weakest protection of the readable categories (the strongest when all were unintelligible).
  const u = summariseProtection(input).weakest;
  const scope = scenario.confidentialityScope;
  const persons = input.subjectsCountMax ?? input.subjectsCountMin ?? 0;
  const exfiltrated = nature.includes('copied') || nature.includes('stolen');
  const hacked =
    cause === 'hacking_malware' || cause === 'ransomware' || cause === 'phishing_social_engineering';
  const pt = (condition: boolean): number => (condition ? 1 : 0);
  const sensitive = [...cats].some((c) => SENSITIVE_OR_IDENTITY.includes(c));

  const scores: Record<EdpbExampleId, number> = {
    'encrypted-data-with-backup':
      2 * pt(u === 'state_of_art_encryption_key_safe' || u === 'pseudonymised_key_safe') +
      pt(cause === 'device_lost_stolen' || cause === 'ransomware') +
      pt(input.backupAvailable === 'yes'),
    'no-backup-long-restoration':
      pt(input.availabilityImpact === 'permanent' || input.backupAvailable === 'no') +
      pt(
        (input.unavailableHours ?? 0) > config.availabilityHoursThreshold || input.processesHalted === 'yes',
      ) +
      pt(cause === 'ransomware' || cause === 'technical_failure'),
    'exfiltrated-identity-or-payment-data':
      pt(hacked) +
      pt(scenario.malicious === 'yes' && exfiltrated) +
      pt(cats.has('national_id') || cats.has('id_document') || cats.has('financial')) -
      pt(isProtected(u)), // protected data is the hashed/encrypted example instead
    'trusted-wrong-recipient':
      pt(
        cause === 'email_wrong_recipient' ||
          cause === 'post_misdelivered' ||
          cause === 'shown_to_wrong_person',
      ) +
      pt(scope === 'known_recipients') +
      pt(
        input.recipientTrusted === 'yes' ||
          input.deletionConfirmed === 'yes' ||
          input.dataRetrieved === 'yes',
      ) -
      pt(sensitive), // the example is about non-sensitive data
    'mass-mailing-national-id':
      pt(
        cause === 'email_open_distribution' ||
          cause === 'email_wrong_recipient' ||
          cause === 'post_misdelivered',
      ) +
      2 * pt(cats.has('national_id')) +
      pt(persons > config.largeNumberFlag),
    'hashed-passwords-exfiltrated':
      2 * pt(u === 'hashed_salted_strong') + pt(cats.has('access_credentials')) + pt(hacked || exfiltrated),
    'stolen-paper-health-files':
      2 * pt(cause === 'paper_lost_stolen') + pt(cats.has('health')) + pt(input.backupAvailable === 'no'),
  };

  // domain.md §10.8 item 9: an example is only "closest" when its defining facts are present.
  const protection = summariseProtection(input);
  const exposed = new Set(protection.exposedCategories);
  const encrypted =
    protection.allProtected &&
    Object.values(protection.byCategory).includes('state_of_art_encryption_key_safe');
  const credentialsHashed = protection.byCategory.access_credentials === 'hashed_salted_strong';
  const availabilityLost =
    (input.breachTypes ?? []).includes('availability') ||
    (input.availabilityImpact !== undefined && input.availabilityImpact !== 'not_applicable') ||
    (input.unavailableHours ?? 0) > 0;
  const wrongRecipient =
    cause === 'email_wrong_recipient' || cause === 'post_misdelivered' || cause === 'shown_to_wrong_person';
  const requires: Record<EdpbExampleId, boolean> = {
    'encrypted-data-with-backup': encrypted,
    'no-backup-long-restoration': availabilityLost,
    'exfiltrated-identity-or-payment-data':
      (hacked || exfiltrated) &&
      (exposed.has('national_id') || exposed.has('id_document') || exposed.has('financial')),
    'trusted-wrong-recipient': wrongRecipient && !sensitive,
    'mass-mailing-national-id':
      exposed.has('national_id') && (wrongRecipient || cause === 'email_open_distribution'),
    'hashed-passwords-exfiltrated': cats.has('access_credentials') && credentialsHashed,
    'stolen-paper-health-files':
      cats.has('health') && (cause === 'paper_lost_stolen' || cause === 'device_lost_stolen'),
  };
  for (const id of Object.keys(scores) as EdpbExampleId[])
    if (!requires[id]) scores[id] = Number.NEGATIVE_INFINITY;

  let best: EdpbExampleId | null = null;
  let bestScore = MIN_MATCH - 1;
  for (const [id, score] of Object.entries(scores) as Array<[EdpbExampleId, number]>) {
    if (score > bestScore) {
      best = id;
      bestScore = score;
    }
  }
  return best ? { id: best, ...EDPB_EXAMPLES[best] } : null;
}
