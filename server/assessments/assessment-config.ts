// Thresholds and contract settings of the assessment engine. None of these are legal numbers
// (domain.md §10.4 "[design]", §8.4 "configurable", §9 watch items): they are configuration.

/** Which breaches must be reported to the ministry (domain.md §8.4). */
export const MINISTRY_TRIGGERS = ['notifiable', 'all', 'high', 'never'] as const;
/** Which breaches must be reported to the ministry. */
export type MinistryTrigger = (typeof MINISTRY_TRIGGERS)[number];

/**
 * Which moment starts the ministry clock (domain.md §8.4, §10.8 item 7): `duty` = the decision
 * that made the report due (24 h from discovery cannot be met when the report waits for the AP
 * filing), or discovery, or awareness.
 */
export const CLOCK_ANCHORS = ['duty', 'discovery', 'awareness'] as const;
/** Which moment starts the ministry clock. */
export type ClockAnchor = (typeof CLOCK_ANCHORS)[number];

/** Whether the organisation is the controller or a processor (domain.md §2, §8.4). */
export const ORGANISATION_ROLES = ['controller', 'processor'] as const;
/** Whether the organisation is the controller or a processor. */
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/**
 * What the organisation's clients are like, so unknown facts are filled in as the organisation's
 * own cases warrant (domain.md §10.8 item 4). NMI's values are the defaults.
 */
export interface OrganisationProfile {
  /** The clients are vulnerable people (NMI: migrants): "vulnerable: unknown" counts as yes. */
  readonly clientVulnerability: 'yes' | 'no';
  /** Being a client is itself sensitive (NMI: a migration institute): client data score DPC ≥ 2. */
  readonly clientRelationshipSensitive: boolean;
  /** DPC of a typical client file, scored for data categories not yet known (NMI: 3). */
  readonly unknownCategoriesDpc: number;
}

/** Settings of the assessment engine. */
export interface AssessmentConfig {
  /** `subjectsCountMax` from which a disclosure counts as large scale (§10.4 floors). */
  readonly largeScaleThreshold: number;
  /** `subjectsCountMax` from which unknown recipients or malice raise one level (§10.4 floors). */
  readonly veryLargeScaleThreshold: number;
  /** Hours of unavailability above which an availability loss is notifiable (§10.4 floors). */
  readonly availabilityHoursThreshold: number;
  /** `subjectsCountMax` above which the "large number" reminder is shown (§7.6). */
  readonly largeNumberFlag: number;
  /** Hours from awareness to the AP deadline (Art. 33(1); §9 watch item: may become 96). */
  readonly authorityHours: number;
  /** Internal target for informing affected persons, from the decision (§10.5). */
  readonly subjectsTargetHours: number;
  /** Contractual duty towards the ministry (§8.4). */
  readonly ministry: {
    readonly trigger: MinistryTrigger;
    readonly anchor: ClockAnchor;
    readonly hours: number;
  };
  /** Controller, or processor that reports to its controller (§2 Art. 33(2)). */
  readonly organisationRole: OrganisationRole;
  /** Hours within which a processor informs its controller (Art. 33(2); contract, §10.8 item 7). */
  readonly controllerHours: number;
  /** At most this many identified recipients can be "a few trusted recipients" (§10.8 item 3). */
  readonly fewRecipients: number;
  /** The organisation's clients (§10.8 item 4). */
  readonly profile: OrganisationProfile;
}

/** NMI's organisation profile (domain.md §1, §10.8 item 4). */
export const NMI_PROFILE: OrganisationProfile = Object.freeze({
  clientVulnerability: 'yes',
  clientRelationshipSensitive: true,
  unknownCategoriesDpc: 3,
});

/** The profile of an organisation whose clients are not particularly vulnerable (pure ENISA scoring). */
export const NEUTRAL_PROFILE: OrganisationProfile = Object.freeze({
  clientVulnerability: 'no',
  clientRelationshipSensitive: false,
  unknownCategoriesDpc: 1,
});

/** The defaults of domain.md §10.4–§10.5 (NMI reference profile). */
export const DEFAULT_ASSESSMENT_CONFIG: AssessmentConfig = Object.freeze({
  largeScaleThreshold: 1000,
  veryLargeScaleThreshold: 10000,
  availabilityHoursThreshold: 24,
  largeNumberFlag: 100,
  authorityHours: 72,
  subjectsTargetHours: 72,
  ministry: Object.freeze({ trigger: 'notifiable', anchor: 'duty', hours: 24 }),
  organisationRole: 'controller',
  // [design] a common processing-agreement term; "without undue delay" has no fixed hours.
  controllerHours: 24,
  fewRecipients: 5,
  profile: NMI_PROFILE,
});
