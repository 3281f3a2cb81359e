// Enumerations of the intake and assessment fields (domain.md §10.2), with NL/EN labels for the UI.
// The keys are the values used in code, in stored records and in the `assess` JSON (contracts.md §3).

/** A display label in both UI languages. */
export interface Label {
  nl: string;
  en: string;
}

/** The UI languages. */
export const LANGUAGES = ['nl', 'en'] as const;
/** A UI language. */
export type Language = (typeof LANGUAGES)[number];

/** Breach types of domain.md §5 (multi-select, at least one). */
export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
/** A breach type (C/I/A). */
export type BreachType = (typeof BREACH_TYPES)[number];

/** Nature of the incident as the AP form asks it (domain.md §8.1, §10.2). */
export const INCIDENT_NATURES = [
  'read',
  'copied',
  'altered',
  'deleted_destroyed',
  'stolen',
  'unknown',
] as const;
/** Nature of the incident. */
export type IncidentNature = (typeof INCIDENT_NATURES)[number];

/** Cause of the incident (domain.md §10.2). */
export const INCIDENT_CAUSES = [
  'device_lost_stolen',
  'paper_lost_stolen',
  'post_misdelivered',
  'email_wrong_recipient',
  'email_open_distribution',
  'shown_to_wrong_person',
  'unintended_publication',
  'hacking_malware',
  'ransomware',
  'phishing_social_engineering',
  'insider_misuse',
  'improper_disposal',
  'technical_failure',
  'verbal_disclosure',
  'other',
] as const;
/** Cause of the incident. */
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

/** Categories of breached personal data (domain.md §10.2). */
export const DATA_CATEGORIES = [
  'name_address',
  'phone',
  'email',
  'demographic',
  'access_credentials',
  'financial',
  'national_id',
  'id_document',
  'nationality_residence',
  'employment',
  'education',
  'contract_or_service',
  'location',
  'communication_metadata',
  'other_basic',
  'health',
  'criminal',
  'religion_belief',
  'racial_ethnic_origin',
  'political_opinion',
  'sex_life_orientation',
  'trade_union',
  'biometric',
  'genetic',
  'unknown',
] as const;
/** A category of breached personal data. */
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Special categories (Art. 9/10 GDPR) incl. criminal data, scored as sensitive (domain.md §7.2). */
export const SPECIAL_DATA_CATEGORIES = [
  'health',
  'criminal',
  'religion_belief',
  'racial_ethnic_origin',
  'political_opinion',
  'sex_life_orientation',
  'trade_union',
  'biometric',
  'genetic',
] as const satisfies readonly DataCategory[];

/** Categories of affected persons (domain.md §10.2). */
export const SUBJECT_CATEGORIES = [
  'clients',
  'client_family',
  'minors',
  'employees',
  'job_applicants',
  'partner_contacts',
  'customers_or_users',
  'patients',
  'other',
  'unknown',
] as const;
/** A category of affected persons. */
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];

/** Loss of confidentiality, ENISA CB element 0 / 0.25 / 0.5 (domain.md §7.4, §10.2). */
export const CONFIDENTIALITY_SCOPES = [
  'not_applicable',
  'no_evidence_of_access',
  'known_recipients',
  'unknown_recipients_or_public',
  'unknown',
] as const;
/** Loss of confidentiality. */
export type ConfidentialityScope = (typeof CONFIDENTIALITY_SCOPES)[number];
/** A confidentiality scope that is actually known. */
export type KnownConfidentialityScope = Exclude<ConfidentialityScope, 'unknown'>;

/** Loss of integrity, ENISA CB element (domain.md §7.4). */
export const INTEGRITY_IMPACTS = [
  'not_applicable',
  'altered_no_misuse',
  'altered_misuse_recoverable',
  'altered_misuse_unrecoverable',
] as const;
/** Loss of integrity. */
export type IntegrityImpact = (typeof INTEGRITY_IMPACTS)[number];

/** Loss of availability, ENISA CB element (domain.md §7.4). */
export const AVAILABILITY_IMPACTS = [
  'not_applicable',
  'recoverable_without_difficulty',
  'temporary',
  'permanent',
] as const;
/** Loss of availability. */
export type AvailabilityImpact = (typeof AVAILABILITY_IMPACTS)[number];

/**
 * Protection that may make the data unintelligible (domain.md §4 Art. 34(3)(a), §10.2), recorded
 * per data category (§10.8 item 1); `partially` = only part of the data in a category protected.
 */
export const UNINTELLIGIBILITY_LEVELS = [
  'state_of_art_encryption_key_safe',
  'hashed_salted_strong',
  'pseudonymised_key_safe',
  'partially',
  'protection_likely_subverted',
  'none',
  'unknown',
] as const;
/** Protection of the breached data. */
export type Unintelligibility = (typeof UNINTELLIGIBILITY_LEVELS)[number];

/** ENISA ease of identification (domain.md §7.3). */
export const EASE_OF_IDENTIFICATION_LEVELS = ['negligible', 'limited', 'significant', 'maximum'] as const;
/** ENISA ease of identification. */
export type EaseOfIdentification = (typeof EASE_OF_IDENTIFICATION_LEVELS)[number];

/** Likely consequences for affected persons (domain.md §8.1, §10.2). */
export const CONSEQUENCES = [
  'stigmatisation_exclusion',
  'health_damage',
  'identity_fraud',
  'phishing_spam',
  'financial_loss',
  'reputational_damage',
  'discrimination',
  'loss_of_control',
  'limitation_of_rights',
  'loss_professional_secrecy',
  'physical_safety',
  'loss_of_service',
  // Recital 85 harms the AP form lists (domain.md §8.1 "Possible consequences").
  'reversal_pseudonymisation',
  'identity_theft',
  'economic_social_disadvantage',
  'other',
] as const;
/** A likely consequence. */
export type Consequence = (typeof CONSEQUENCES)[number];

/** Other authorities the breach was reported to (domain.md §8.1 section 9: police, NCSC, other). */
export const REPORT_AUTHORITIES = ['police', 'ncsc', 'other', 'none'] as const;
/** An authority the breach was reported to, or `none`. */
export type ReportAuthority = (typeof REPORT_AUTHORITIES)[number];

/** Yes / no / not (yet) known. */
export const TRI_STATES = ['yes', 'no', 'unknown'] as const;
/** Yes / no / not (yet) known. */
export type TriState = (typeof TRI_STATES)[number];

/** Backup availability: a tri-state or not applicable (domain.md §10.2). */
export const BACKUP_AVAILABILITY = ['yes', 'no', 'unknown', 'not_applicable'] as const;
/** Backup availability. */
export type BackupAvailability = (typeof BACKUP_AVAILABILITY)[number];

/** Risk levels of domain.md §6.2, in ascending order. */
export const RISK_LEVELS = ['none', 'risk', 'high'] as const;
/** A risk level. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** ENISA severity bands of domain.md §7.5, in ascending order. */
export const ENISA_BANDS = ['low', 'medium', 'high', 'very_high'] as const;
/** An ENISA severity band. */
export type EnisaBand = (typeof ENISA_BANDS)[number];

/** How the incident came to light (domain.md §10.2). */
export const DISCOVERY_CHANNELS = [
  'own_detection',
  'processor',
  'data_subject',
  'third_party',
  'media',
  'other',
] as const;
/** How the incident came to light. */
export type DiscoveryChannel = (typeof DISCOVERY_CHANNELS)[number];

/** Art. 34(3) exceptions to informing affected persons (domain.md §4). */
export const ART34_EXCEPTIONS = [
  'none',
  'unintelligible',
  'subsequent_measures',
  'disproportionate_effort',
] as const;
/** An Art. 34(3) exception, or none. */
export type Art34Exception = (typeof ART34_EXCEPTIONS)[number];
