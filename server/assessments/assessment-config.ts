// Thresholds and contract settings of the assessment engine. None of these are legal numbers
// (domain.md §10.4 "[design]", §8.4 "configurable", §9 watch items): they are configuration.

/** Which breaches must be reported to the ministry (domain.md §8.4). */
export const MINISTRY_TRIGGERS = ['notifiable', 'all', 'high', 'never'] as const;
/** Which breaches must be reported to the ministry. */
export type MinistryTrigger = (typeof MINISTRY_TRIGGERS)[number];

/** Which moment starts the ministry clock (domain.md §8.4). */
export const CLOCK_ANCHORS = ['discovery', 'awareness'] as const;
/** Which moment starts the ministry clock. */
export type ClockAnchor = (typeof CLOCK_ANCHORS)[number];

/** Whether the organisation is the controller or a processor (domain.md §2, §8.4). */
export const ORGANISATION_ROLES = ['controller', 'processor'] as const;
/** Whether the organisation is the controller or a processor. */
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

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
}

/** The defaults of domain.md §10.4–§10.5 (NMI reference profile). */
export const DEFAULT_ASSESSMENT_CONFIG: AssessmentConfig = Object.freeze({
  largeScaleThreshold: 1000,
  veryLargeScaleThreshold: 10000,
  availabilityHoursThreshold: 24,
  largeNumberFlag: 100,
  authorityHours: 72,
  subjectsTargetHours: 72,
  ministry: Object.freeze({ trigger: 'notifiable', anchor: 'discovery', hours: 24 }),
  organisationRole: 'controller',
});
