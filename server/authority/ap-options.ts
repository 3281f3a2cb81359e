// The AP's own answer options (domain.md §8.1 "Answer options known from the form") and how every
// internal value maps onto them. The dossier shows, next to our answer, the boxes to tick in the
// AP's meldformulier; a value no option fits becomes "Overig, namelijk: …" with our label as the
// text. Pure tables: each one is total over our enumeration (the compiler checks it) and tested.
// The option lists are partly [unverified] for the 2021 form (§8.1): they are data, not logic, so
// a check against the AP's question list before go-live changes only this file.
import type {
  Consequence,
  DataCategory,
  IncidentCause,
  IncidentNature,
  Label,
  SubjectCategory,
  TriState,
  Unintelligibility,
} from '../../models/vocabulary/assessment.enums.js';
import {
  CONSEQUENCE_LABELS,
  DATA_CATEGORY_LABELS,
  INCIDENT_CAUSE_LABELS,
  INCIDENT_NATURE_LABELS,
  SUBJECT_CATEGORY_LABELS,
} from '../assessments/assessment.labels.js';
import type { Lang } from '../i18n/i18n.js';

/** "Overig, namelijk …": the AP's catch-all, followed by our own words. */
export const OTHER = 'other' as const;
const OTHER_LABEL: Label = { nl: 'Overig, namelijk', en: 'Other, namely' };

/** §8.1 section 3: the nature of the breach (aard van de inbreuk). */
export const AP_NATURE_OPTIONS = {
  read: { nl: 'Lezen (vertrouwelijkheid)', en: 'Reading (confidentiality)' },
  copied: { nl: 'Kopiëren', en: 'Copying' },
  altered: { nl: 'Veranderen (integriteit)', en: 'Altering (integrity)' },
  deleted_destroyed: {
    nl: 'Verwijderen of vernietigen (beschikbaarheid)',
    en: 'Deleting or destroying (availability)',
  },
  stolen: { nl: 'Diefstal', en: 'Theft' },
  not_known: { nl: 'Nog niet bekend', en: 'Not yet known' },
} as const satisfies Record<string, Label>;

/** §8.1 section 3: what kind of incident it was (aard van het incident). */
export const AP_INCIDENT_OPTIONS = {
  device_lost_stolen: { nl: 'Apparaat verloren of gestolen', en: 'Device lost or stolen' },
  paper_lost: {
    nl: 'Papieren documenten verloren, gestolen of achtergelaten op een onveilige plek',
    en: 'Paper documents lost, stolen or left in an insecure place',
  },
  post_lost_opened: { nl: 'Post verloren of geopend', en: 'Post lost or opened' },
  hacking_malware_phishing: { nl: 'Hacking, malware en/of phishing', en: 'Hacking, malware and/or phishing' },
  improper_disposal: {
    nl: 'Persoonsgegevens niet op de juiste manier vernietigd',
    en: 'Personal data not disposed of properly',
  },
  wrong_recipient: {
    nl: 'Persoonsgegevens verstuurd naar de verkeerde ontvanger',
    en: 'Personal data sent to the wrong recipient',
  },
  shown_wrong_person: {
    nl: 'Persoonsgegevens verstrekt aan of getoond aan de verkeerde persoon',
    en: 'Personal data given or shown to the wrong person',
  },
  published_by_mistake: {
    nl: 'Persoonsgegevens onbedoeld gepubliceerd',
    en: 'Personal data published by mistake',
  },
} as const satisfies Record<string, Label>;

/** §8.1 section 4: kinds of personal data, general and special categories. */
export const AP_DATA_OPTIONS = {
  name_address: { nl: 'Naam-, adres- en woonplaatsgegevens', en: 'Name, address and place of residence' },
  phone: { nl: 'Telefoonnummers', en: 'Telephone numbers' },
  email: {
    nl: 'E-mailadressen of andere adressen voor elektronische communicatie',
    en: 'E-mail or other electronic communication addresses',
  },
  access: {
    nl: 'Toegangs- of identificatiegegevens (bijvoorbeeld inlognaam, wachtwoord of klantnummer)',
    en: 'Access or identification data (e.g. user name, password or customer number)',
  },
  financial: {
    nl: 'Financiële gegevens (bijvoorbeeld rekeningnummer of creditcardnummer)',
    en: 'Financial data (e.g. account or credit card number)',
  },
  bsn: { nl: 'Burgerservicenummer (BSN)', en: 'Citizen service number (BSN)' },
  id_copies: {
    nl: 'Paspoortkopieën of kopieën van andere legitimatiebewijzen',
    en: 'Copies of passports or other identity documents',
  },
  demographic: { nl: 'Geslacht, geboortedatum en/of leeftijd', en: 'Gender, date of birth and/or age' },
  religion: { nl: 'Godsdienst of levensovertuiging', en: 'Religion or belief' },
  race_ethnicity: { nl: 'Ras of etnische afkomst', en: 'Race or ethnic origin' },
  political: { nl: 'Politieke opvattingen', en: 'Political opinions' },
  health: { nl: 'Gezondheid', en: 'Health' },
  sex_life: { nl: 'Seksueel leven of seksuele gerichtheid', en: 'Sex life or sexual orientation' },
  trade_union: { nl: 'Lidmaatschap van een vakbond', en: 'Trade-union membership' },
  criminal: { nl: 'Strafrechtelijke persoonsgegevens', en: 'Criminal-law data' },
} as const satisfies Record<string, Label>;

/** §8.1 section 5: groups of affected persons. */
export const AP_SUBJECT_OPTIONS = {
  employees: { nl: 'Werknemers', en: 'Employees' },
  customers: { nl: 'Klanten (of potentiële klanten)', en: 'Customers (or prospective customers)' },
  users: { nl: 'Gebruikers', en: 'Users' },
  patients: { nl: 'Patiënten', en: 'Patients' },
  minors: { nl: 'Minderjarigen', en: 'Minors' },
  not_known: { nl: 'Nog onbekend', en: 'Not yet known' },
} as const satisfies Record<string, Label>;

/** §8.1 section 7: possible consequences, with the Recital 85 harms of the GDPR-era form. */
export const AP_CONSEQUENCE_OPTIONS = {
  stigmatisation_exclusion: { nl: 'Stigmatisering of uitsluiting', en: 'Stigmatisation or exclusion' },
  health_damage: { nl: 'Schade aan de gezondheid', en: 'Damage to health' },
  identity_fraud: { nl: 'Blootstelling aan (identiteits)fraude', en: 'Exposure to (identity) fraud' },
  phishing_spam: { nl: 'Blootstelling aan spam of phishing', en: 'Exposure to spam or phishing' },
  loss_of_control: {
    nl: 'Verlies van controle over persoonsgegevens',
    en: 'Loss of control over personal data',
  },
  limitation_of_rights: { nl: 'Beperking van rechten', en: 'Limitation of rights' },
  discrimination: { nl: 'Discriminatie', en: 'Discrimination' },
  identity_theft: { nl: 'Identiteitsdiefstal', en: 'Identity theft' },
  financial_loss: { nl: 'Financiële verliezen', en: 'Financial loss' },
  reversal_pseudonymisation: {
    nl: 'Ongeoorloofde ongedaanmaking van pseudonimisering',
    en: 'Unauthorised reversal of pseudonymisation',
  },
  reputational_damage: { nl: 'Reputatieschade', en: 'Damage to reputation' },
  loss_professional_secrecy: {
    nl: 'Verlies van vertrouwelijkheid van door het beroepsgeheim beschermde gegevens',
    en: 'Loss of confidentiality of data protected by professional secrecy',
  },
  economic_social_disadvantage: {
    nl: 'Aanzienlijk economisch of maatschappelijk nadeel',
    en: 'Significant economic or social disadvantage',
  },
} as const satisfies Record<string, Label>;

/** §8.1 section 6: were the data encrypted, hashed or otherwise unintelligible? */
export const AP_PROTECTION_OPTIONS = {
  yes: { nl: 'Ja', en: 'Yes' },
  partly: { nl: 'Gedeeltelijk', en: 'Partly' },
  no: { nl: 'Nee', en: 'No' },
  not_known: { nl: 'Nog niet bekend', en: 'Not yet known' },
} as const satisfies Record<string, Label>;

/** §8.1 section 8: informing the affected persons. */
export const AP_INFORMING_OPTIONS = {
  yes: { nl: 'Ja', en: 'Yes' },
  planned: { nl: 'Nee, maar dat ga ik nog doen', en: 'No, but I am going to' },
  no: { nl: 'Nee', en: 'No' },
  not_known: { nl: 'Nog niet bekend', en: 'Not yet known' },
} as const satisfies Record<string, Label>;

/** §8.1 sections 8 and 9: plain yes / no / not yet known. */
export const AP_YES_NO_OPTIONS = {
  yes: { nl: 'Ja', en: 'Yes' },
  no: { nl: 'Nee', en: 'No' },
  not_known: { nl: 'Nog niet bekend', en: 'Not yet known' },
} as const satisfies Record<string, Label>;

type Target<O> = keyof O | typeof OTHER | null;

/** Incident nature → AP option (every value fits). */
export const NATURE_TO_AP: Record<IncidentNature, Target<typeof AP_NATURE_OPTIONS>> = {
  read: 'read',
  copied: 'copied',
  altered: 'altered',
  deleted_destroyed: 'deleted_destroyed',
  stolen: 'stolen',
  unknown: 'not_known',
};

/** Incident cause → AP option; causes the form has no box for become "Overig, namelijk …". */
export const CAUSE_TO_AP: Record<IncidentCause, Target<typeof AP_INCIDENT_OPTIONS>> = {
  device_lost_stolen: 'device_lost_stolen',
  paper_lost_stolen: 'paper_lost',
  post_misdelivered: 'post_lost_opened',
  email_wrong_recipient: 'wrong_recipient',
  // Every recipient saw the others' addresses: not a wrong recipient, so in our own words.
  email_open_distribution: OTHER,
  shown_to_wrong_person: 'shown_wrong_person',
  unintended_publication: 'published_by_mistake',
  hacking_malware: 'hacking_malware_phishing',
  ransomware: 'hacking_malware_phishing',
  phishing_social_engineering: 'hacking_malware_phishing',
  insider_misuse: OTHER,
  improper_disposal: 'improper_disposal',
  technical_failure: OTHER,
  verbal_disclosure: OTHER,
  other: OTHER,
};

/** Data category → AP option. `unknown` is no answer (the question stays missing). */
export const DATA_TO_AP: Record<DataCategory, Target<typeof AP_DATA_OPTIONS>> = {
  name_address: 'name_address',
  phone: 'phone',
  email: 'email',
  demographic: 'demographic',
  access_credentials: 'access',
  financial: 'financial',
  // A foreign national number is no BSN: the form's box is for the BSN (domain.md §8.2). NMI's
  // clients abroad may have either, so the box is ticked and our label says "or foreign equivalent".
  national_id: 'bsn',
  id_document: 'id_copies',
  nationality_residence: OTHER,
  employment: OTHER,
  education: OTHER,
  contract_or_service: OTHER,
  location: OTHER,
  communication_metadata: OTHER,
  other_basic: OTHER,
  health: 'health',
  criminal: 'criminal',
  religion_belief: 'religion',
  racial_ethnic_origin: 'race_ethnicity',
  political_opinion: 'political',
  sex_life_orientation: 'sex_life',
  trade_union: 'trade_union',
  // Art. 9 data without a box of their own in the option list of §8.1 [unverified].
  biometric: OTHER,
  genetic: OTHER,
  unknown: null,
};

/** Group of affected persons → AP option. */
export const SUBJECTS_TO_AP: Record<SubjectCategory, Target<typeof AP_SUBJECT_OPTIONS>> = {
  clients: 'customers',
  client_family: OTHER,
  minors: 'minors',
  employees: 'employees',
  job_applicants: OTHER,
  partner_contacts: OTHER,
  customers_or_users: 'users',
  patients: 'patients',
  other: OTHER,
  unknown: 'not_known',
};

/** Consequence → AP option. */
export const CONSEQUENCE_TO_AP: Record<Consequence, Target<typeof AP_CONSEQUENCE_OPTIONS>> = {
  stigmatisation_exclusion: 'stigmatisation_exclusion',
  health_damage: 'health_damage',
  identity_fraud: 'identity_fraud',
  phishing_spam: 'phishing_spam',
  financial_loss: 'financial_loss',
  reputational_damage: 'reputational_damage',
  discrimination: 'discrimination',
  loss_of_control: 'loss_of_control',
  limitation_of_rights: 'limitation_of_rights',
  loss_professional_secrecy: 'loss_professional_secrecy',
  physical_safety: OTHER,
  loss_of_service: OTHER,
  reversal_pseudonymisation: 'reversal_pseudonymisation',
  identity_theft: 'identity_theft',
  economic_social_disadvantage: 'economic_social_disadvantage',
  other: OTHER,
};

/**
 * Protection of one category → the AP's yes/no for section 6. Only what makes data unintelligible
 * counts as "yes" (Art. 34(3)(a)); pseudonymisation does not (domain.md §10.8 item 1), and
 * "partially" protected data are partly readable.
 */
export const PROTECTION_TO_AP: Record<Unintelligibility, keyof typeof AP_PROTECTION_OPTIONS> = {
  state_of_art_encryption_key_safe: 'yes',
  hashed_salted_strong: 'yes',
  pseudonymised_key_safe: 'no',
  partially: 'partly',
  protection_likely_subverted: 'no',
  none: 'no',
  unknown: 'not_known',
};

/** Tri-state → the AP's yes / no / not yet known. */
export const TRI_TO_AP: Record<TriState, keyof typeof AP_YES_NO_OPTIONS> = {
  yes: 'yes',
  no: 'no',
  unknown: 'not_known',
};

/**
 * The AP options to tick for a list of internal values, in the form's own order, each once; the
 * values without a box are gathered in one "Overig, namelijk: …" with our labels. Null when no
 * value is given (or only values that are no answer).
 */
export function apChoices<O extends Record<string, Label>, V extends string>(
  options: O,
  mapping: Record<V, Target<O>>,
  ourLabels: Record<V, Label>,
  values: readonly string[] | null | undefined,
  lang: Lang,
): string[] | null {
  const picked = new Set<keyof O>();
  const other: string[] = [];
  for (const v of values ?? []) {
    if (!(v in mapping)) continue;
    const target = mapping[v as V];
    if (target === null) continue;
    if (target === OTHER) {
      const words = ourLabels[v as V][lang];
      if (!other.includes(words)) other.push(words);
    } else picked.add(target);
  }
  const out = (Object.keys(options) as Array<keyof O>)
    .filter((k) => picked.has(k))
    .map((k) => options[k]![lang]);
  if (other.length) out.push(otherNamely(other.join('; '), lang));
  return out.length ? out : null;
}

/** "Overig, namelijk: <text>" in the dossier's language. */
export function otherNamely(text: string, lang: Lang): string {
  return `${OTHER_LABEL[lang]}: ${text}`;
}

/** One AP option's label. */
export function apOption<O extends Record<string, Label>>(options: O, key: keyof O, lang: Lang): string {
  return options[key]![lang];
}

/** The four mapped lists of the dossier, with our labels for "Overig, namelijk …". */
export const apNature = (values: readonly string[] | null | undefined, lang: Lang) =>
  apChoices(AP_NATURE_OPTIONS, NATURE_TO_AP, INCIDENT_NATURE_LABELS, values, lang);
export const apIncident = (cause: string | null | undefined, lang: Lang) =>
  apChoices(AP_INCIDENT_OPTIONS, CAUSE_TO_AP, INCIDENT_CAUSE_LABELS, cause ? [cause] : [], lang);
export const apData = (values: readonly string[] | null | undefined, lang: Lang) =>
  apChoices(AP_DATA_OPTIONS, DATA_TO_AP, DATA_CATEGORY_LABELS, values, lang);
export const apSubjects = (values: readonly string[] | null | undefined, lang: Lang) =>
  apChoices(AP_SUBJECT_OPTIONS, SUBJECTS_TO_AP, SUBJECT_CATEGORY_LABELS, values, lang);
export const apConsequences = (values: readonly string[] | null | undefined, lang: Lang) =>
  apChoices(AP_CONSEQUENCE_OPTIONS, CONSEQUENCE_TO_AP, CONSEQUENCE_LABELS, values, lang);

/**
 * Section 6 for the whole breach from the protection per category: "Ja" when every category was
 * unintelligible, "Nee" when none was, "Gedeeltelijk" otherwise; "Nog niet bekend" while any
 * category is unknown and none is known to be protected.
 */
export function apProtection(
  levels: readonly Unintelligibility[],
): keyof typeof AP_PROTECTION_OPTIONS | null {
  if (!levels.length) return null;
  const answers = levels.map((l) => PROTECTION_TO_AP[l]);
  if (answers.every((a) => a === 'yes')) return 'yes';
  if (answers.some((a) => a === 'yes' || a === 'partly')) return 'partly';
  if (answers.some((a) => a === 'not_known')) return 'not_known';
  return 'no';
}
