// Dutch and English UI labels for every enumeration value of assessment.enums.ts (domain.md §10.2;
// the Dutch wording follows the AP form where domain.md §8.1/§10.2 gives it).
import type {
  Art34Exception,
  AvailabilityImpact,
  BackupAvailability,
  BreachType,
  ConfidentialityScope,
  Consequence,
  DataCategory,
  DiscoveryChannel,
  EaseOfIdentification,
  EnisaBand,
  IncidentCause,
  IncidentNature,
  IntegrityImpact,
  Label,
  ReportAuthority,
  RiskLevel,
  SubjectCategory,
  TriState,
  Unintelligibility,
} from '../../models/vocabulary/assessment.enums.js';

/** Labels of the breach types. */
export const BREACH_TYPE_LABELS: Record<BreachType, Label> = {
  confidentiality: { nl: 'Vertrouwelijkheid', en: 'Confidentiality' },
  integrity: { nl: 'Integriteit', en: 'Integrity' },
  availability: { nl: 'Beschikbaarheid', en: 'Availability' },
};

/** Labels of the incident natures. */
export const INCIDENT_NATURE_LABELS: Record<IncidentNature, Label> = {
  read: { nl: 'Lezen', en: 'Read' },
  copied: { nl: 'Kopiëren', en: 'Copied' },
  altered: { nl: 'Veranderen', en: 'Altered' },
  deleted_destroyed: { nl: 'Verwijderen of vernietigen', en: 'Deleted or destroyed' },
  stolen: { nl: 'Diefstal', en: 'Stolen' },
  unknown: { nl: 'Nog niet bekend', en: 'Not yet known' },
};

/** Labels of the incident causes. */
export const INCIDENT_CAUSE_LABELS: Record<IncidentCause, Label> = {
  device_lost_stolen: { nl: 'Apparaat verloren of gestolen', en: 'Device lost or stolen' },
  paper_lost_stolen: {
    nl: 'Papieren documenten verloren, gestolen of onbeheerd achtergelaten',
    en: 'Paper documents lost, stolen or left unattended',
  },
  post_misdelivered: {
    nl: 'Post verkeerd bezorgd, verloren of geopend',
    en: 'Post misdelivered, lost or opened',
  },
  email_wrong_recipient: { nl: 'E-mail naar verkeerde ontvanger', en: 'E-mail sent to the wrong recipient' },
  email_open_distribution: {
    nl: 'Ontvangers zichtbaar (cc in plaats van bcc)',
    en: 'Recipients visible (cc instead of bcc)',
  },
  shown_to_wrong_person: {
    nl: 'Gegevens van verkeerde persoon getoond of verstrekt',
    en: 'Data shown or given to the wrong person',
  },
  unintended_publication: {
    nl: 'Onbedoeld gepubliceerd, verkeerde rechten of misconfiguratie',
    en: 'Published by mistake, wrong permissions or misconfiguration',
  },
  hacking_malware: { nl: 'Hacking of malware', en: 'Hacking or malware' },
  ransomware: { nl: 'Ransomware', en: 'Ransomware' },
  phishing_social_engineering: {
    nl: 'Phishing, social engineering of identiteitsfraude',
    en: 'Phishing, social engineering or identity fraud',
  },
  insider_misuse: { nl: 'Misbruik door (oud-)medewerker', en: 'Misuse by a (former) employee' },
  improper_disposal: { nl: 'Onveilig vernietigen of afvoeren', en: 'Unsafe disposal or e-waste' },
  technical_failure: {
    nl: 'Storing, stroomuitval of softwarefout',
    en: 'Outage, power failure or software bug',
  },
  verbal_disclosure: { nl: 'Mondeling onbedoeld verstrekt', en: 'Disclosed verbally by mistake' },
  other: { nl: 'Anders', en: 'Other' },
};

/** Labels of the data categories. */
export const DATA_CATEGORY_LABELS: Record<DataCategory, Label> = {
  name_address: { nl: 'NAW-gegevens', en: 'Name and address' },
  phone: { nl: 'Telefoonnummer', en: 'Phone number' },
  email: { nl: 'E-mailadres', en: 'E-mail address' },
  demographic: { nl: 'Geslacht, geboortedatum of leeftijd', en: 'Gender, date of birth or age' },
  access_credentials: {
    nl: 'Toegangs- of identificatiegegevens',
    en: 'Access or identification credentials',
  },
  financial: {
    nl: 'Financiële gegevens (rekening, inkomen, uitkering, pensioen, kaart)',
    en: 'Financial data (account, income, benefits, pension, card)',
  },
  national_id: {
    nl: 'BSN (of buitenlands equivalent)',
    en: 'Citizen service number (BSN) or foreign equivalent',
  },
  id_document: { nl: 'Kopie paspoort/ID-kaart of documentnummer', en: 'Passport/ID copy or document number' },
  nationality_residence: { nl: 'Nationaliteit of verblijfsstatus', en: 'Nationality or residence status' },
  employment: { nl: 'Arbeidsgegevens', en: 'Employment data' },
  education: { nl: 'Opleidingsgegevens', en: 'Education data' },
  contract_or_service: {
    nl: 'Dienst-, contract- of dossierinhoud',
    en: 'Service, contract or case-file content',
  },
  location: { nl: 'Locatiegegevens', en: 'Location data' },
  communication_metadata: { nl: 'Communicatiegegevens (metadata)', en: 'Communication metadata' },
  other_basic: { nl: 'Overige gewone gegevens', en: 'Other basic data' },
  health: { nl: 'Gezondheid', en: 'Health' },
  criminal: { nl: 'Strafrechtelijke gegevens', en: 'Criminal data' },
  religion_belief: { nl: 'Godsdienst of levensovertuiging', en: 'Religion or belief' },
  racial_ethnic_origin: { nl: 'Ras of etnische afkomst', en: 'Racial or ethnic origin' },
  political_opinion: { nl: 'Politieke opvattingen', en: 'Political opinions' },
  sex_life_orientation: {
    nl: 'Seksueel leven of seksuele gerichtheid',
    en: 'Sex life or sexual orientation',
  },
  trade_union: { nl: 'Lidmaatschap vakbond', en: 'Trade-union membership' },
  biometric: { nl: 'Biometrische gegevens', en: 'Biometric data' },
  genetic: { nl: 'Genetische gegevens', en: 'Genetic data' },
  unknown: { nl: 'Nog niet bekend', en: 'Not yet known' },
};

/** Labels of the categories of affected persons. */
export const SUBJECT_CATEGORY_LABELS: Record<SubjectCategory, Label> = {
  clients: { nl: 'Klanten', en: 'Clients' },
  client_family: { nl: 'Gezinsleden van klanten', en: 'Family members of clients' },
  minors: { nl: 'Minderjarigen', en: 'Minors' },
  employees: { nl: 'Medewerkers', en: 'Employees' },
  job_applicants: { nl: 'Sollicitanten', en: 'Job applicants' },
  partner_contacts: { nl: 'Contactpersonen van partners', en: 'Partner contacts' },
  customers_or_users: { nl: 'Afnemers of gebruikers', en: 'Customers or users' },
  patients: { nl: 'Patiënten', en: 'Patients' },
  other: { nl: 'Anders', en: 'Other' },
  unknown: { nl: 'Nog niet bekend', en: 'Not yet known' },
};

/** Labels of the confidentiality scopes. */
export const CONFIDENTIALITY_SCOPE_LABELS: Record<ConfidentialityScope, Label> = {
  not_applicable: { nl: 'Niet van toepassing', en: 'Not applicable' },
  no_evidence_of_access: { nl: 'Geen aanwijzing dat iemand de gegevens zag', en: 'No evidence of access' },
  known_recipients: { nl: 'Bekende, beperkte groep ontvangers', en: 'Known, limited recipients' },
  unknown_recipients_or_public: {
    nl: 'Onbekend aantal ontvangers of openbaar',
    en: 'Unknown number of recipients or public',
  },
  unknown: { nl: 'Nog niet bekend', en: 'Not yet known' },
};

/** Labels of the integrity impacts. */
export const INTEGRITY_IMPACT_LABELS: Record<IntegrityImpact, Label> = {
  not_applicable: { nl: 'Niet van toepassing', en: 'Not applicable' },
  altered_no_misuse: { nl: 'Gewijzigd, geen onjuist gebruik', en: 'Altered, no misuse identified' },
  altered_misuse_recoverable: {
    nl: 'Gewijzigd en mogelijk misbruikt, herstelbaar',
    en: 'Altered and possibly misused, recoverable',
  },
  altered_misuse_unrecoverable: {
    nl: 'Gewijzigd en mogelijk misbruikt, niet herstelbaar',
    en: 'Altered and possibly misused, not recoverable',
  },
};

/** Labels of the availability impacts. */
export const AVAILABILITY_IMPACT_LABELS: Record<AvailabilityImpact, Label> = {
  not_applicable: { nl: 'Niet van toepassing', en: 'Not applicable' },
  recoverable_without_difficulty: { nl: 'Zonder moeite herstelbaar', en: 'Recoverable without difficulty' },
  temporary: { nl: 'Tijdelijk niet beschikbaar', en: 'Temporarily unavailable' },
  permanent: { nl: 'Blijvend verloren', en: 'Permanently lost' },
};

/** Labels of the protection levels. */
export const UNINTELLIGIBILITY_LABELS: Record<Unintelligibility, Label> = {
  state_of_art_encryption_key_safe: {
    nl: 'Sterk versleuteld, sleutel veilig',
    en: 'State-of-the-art encryption, key safe',
  },
  hashed_salted_strong: { nl: 'Sterk gehasht met salt', en: 'Strongly hashed and salted' },
  pseudonymised_key_safe: { nl: 'Gepseudonimiseerd, sleutel veilig', en: 'Pseudonymised, key safe' },
  partially: { nl: 'Gedeeltelijk beveiligd', en: 'Partially protected' },
  protection_likely_subverted: {
    nl: 'Beveiliging waarschijnlijk omzeild',
    en: 'Protection likely subverted',
  },
  none: { nl: 'Geen beveiliging', en: 'No protection' },
  unknown: { nl: 'Nog niet bekend', en: 'Not yet known' },
};

/** Labels of the ease-of-identification levels. */
export const EASE_OF_IDENTIFICATION_LABELS: Record<EaseOfIdentification, Label> = {
  negligible: { nl: 'Verwaarloosbaar', en: 'Negligible' },
  limited: { nl: 'Beperkt', en: 'Limited' },
  significant: { nl: 'Aanzienlijk', en: 'Significant' },
  maximum: { nl: 'Maximaal', en: 'Maximum' },
};

/** Labels of the likely consequences. */
export const CONSEQUENCE_LABELS: Record<Consequence, Label> = {
  stigmatisation_exclusion: { nl: 'Stigmatisering of uitsluiting', en: 'Stigmatisation or exclusion' },
  health_damage: { nl: 'Schade aan de gezondheid', en: 'Damage to health' },
  identity_fraud: { nl: '(Identiteits)fraude', en: '(Identity) fraud' },
  phishing_spam: { nl: 'Spam of phishing', en: 'Spam or phishing' },
  financial_loss: { nl: 'Financieel verlies', en: 'Financial loss' },
  reputational_damage: { nl: 'Reputatieschade', en: 'Reputational damage' },
  discrimination: { nl: 'Discriminatie', en: 'Discrimination' },
  loss_of_control: { nl: 'Verlies van controle over gegevens', en: 'Loss of control over data' },
  limitation_of_rights: { nl: 'Beperking van rechten', en: 'Limitation of rights' },
  loss_professional_secrecy: {
    nl: 'Verlies van vertrouwelijkheid van beroepsgeheim',
    en: 'Loss of professional-secrecy confidentiality',
  },
  physical_safety: { nl: 'Gevaar voor fysieke veiligheid', en: 'Danger to physical safety' },
  loss_of_service: { nl: 'Uitval van dienstverlening', en: 'Loss of service' },
  reversal_pseudonymisation: {
    nl: 'Ongedaan maken van pseudonimisering',
    en: 'Reversal of pseudonymisation',
  },
  identity_theft: { nl: 'Identiteitsdiefstal', en: 'Identity theft' },
  economic_social_disadvantage: {
    nl: 'Aanzienlijk economisch of maatschappelijk nadeel',
    en: 'Significant economic or social disadvantage',
  },
  other: { nl: 'Anders', en: 'Other' },
};

/** Labels of the authorities a breach can also be reported to. */
export const REPORT_AUTHORITY_LABELS: Record<ReportAuthority, Label> = {
  police: { nl: 'Politie', en: 'Police' },
  ncsc: { nl: 'Nationaal Cyber Security Centrum (NCSC)', en: 'National Cyber Security Centre (NCSC)' },
  other: { nl: 'Andere instantie', en: 'Another authority' },
  none: { nl: 'Nergens anders gemeld', en: 'Not reported elsewhere' },
};

/** Labels of the tri-state answers. */
export const TRI_STATE_LABELS: Record<TriState, Label> = {
  yes: { nl: 'Ja', en: 'Yes' },
  no: { nl: 'Nee', en: 'No' },
  unknown: { nl: 'Nog niet bekend', en: 'Not yet known' },
};

/** Labels of the backup answers. */
export const BACKUP_AVAILABILITY_LABELS: Record<BackupAvailability, Label> = {
  ...TRI_STATE_LABELS,
  not_applicable: { nl: 'Niet van toepassing', en: 'Not applicable' },
};

/** Labels of the risk levels. */
export const RISK_LEVEL_LABELS: Record<RiskLevel, Label> = {
  none: { nl: 'Geen risico', en: 'No risk' },
  risk: { nl: 'Risico', en: 'Risk' },
  high: { nl: 'Hoog risico', en: 'High risk' },
};

/** Labels of the ENISA bands. */
export const ENISA_BAND_LABELS: Record<EnisaBand, Label> = {
  low: { nl: 'Laag', en: 'Low' },
  medium: { nl: 'Gemiddeld', en: 'Medium' },
  high: { nl: 'Hoog', en: 'High' },
  very_high: { nl: 'Zeer hoog', en: 'Very high' },
};

/** Labels of the discovery channels. */
export const DISCOVERY_CHANNEL_LABELS: Record<DiscoveryChannel, Label> = {
  own_detection: { nl: 'Eigen ontdekking', en: 'Own detection' },
  processor: { nl: 'Melding door verwerker', en: 'Reported by a processor' },
  data_subject: { nl: 'Melding door betrokkene', en: 'Reported by a data subject' },
  third_party: { nl: 'Melding door derde', en: 'Reported by a third party' },
  media: { nl: 'Media', en: 'Media' },
  other: { nl: 'Anders', en: 'Other' },
};

/** Labels of the Art. 34(3) exceptions. */
export const ART34_EXCEPTION_LABELS: Record<Art34Exception, Label> = {
  none: { nl: 'Geen uitzondering', en: 'No exception' },
  unintelligible: {
    nl: 'a. Gegevens onbegrijpelijk gemaakt (bijv. versleuteld)',
    en: 'a. Data made unintelligible (e.g. encrypted)',
  },
  subsequent_measures: {
    nl: 'b. Maatregelen genomen: hoog risico doet zich niet meer voor',
    en: 'b. Subsequent measures: high risk no longer likely',
  },
  disproportionate_effort: {
    nl: 'c. Onevenredige inspanning: openbare mededeling',
    en: 'c. Disproportionate effort: public communication',
  },
};
