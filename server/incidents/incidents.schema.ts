// The intake form (domain.md §10.2) and the reporter's later additions, validated at the edge
// (architecture.md §3 rule 5). Every value must be a plain string (or a list of strings for
// check boxes), so an operator object such as {"$ne": null} is refused here and never reaches a
// query. Message keys name the problem per field; the form re-renders with them.
import { z } from 'zod';
import {
  AVAILABILITY_IMPACTS,
  BACKUP_AVAILABILITY,
  BREACH_TYPES,
  CONFIDENTIALITY_SCOPES,
  DATA_CATEGORIES,
  DISCOVERY_CHANNELS,
  INCIDENT_CAUSES,
  INCIDENT_NATURES,
  INTEGRITY_IMPACTS,
  REPORT_AUTHORITIES,
  SUBJECT_CATEGORIES,
  TRI_STATES,
  UNINTELLIGIBILITY_LEVELS,
} from '../../models/vocabulary/assessment.enums.js';
import { optionalDutchLocalField } from '../local-time.js';

/** Free text; empty means "not given". */
export const optionalText = (max: number) =>
  z
    .string('field.invalid')
    .trim()
    .max(max, 'field.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined));

/** Free text that must be filled in. */
export const requiredText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'field.required' : 'field.invalid') })
    .trim()
    .min(1, 'field.required')
    .max(max, 'field.tooLong');

/** A check-box group: absent, one string or several strings, each one of `values`. */
export const choiceList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())], 'field.invalid')
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, 'field.invalid')).max(values.length, 'field.invalid'))
    .transform((v) => [...new Set(v)]);

/** A single choice that must be made. */
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined || issue.input === '' ? 'field.required' : 'field.invalid'),
  });

/** A choice with a default ("I don't know" is pre-selected on the form). */
const choiceOr = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z
    .union([z.literal(''), z.enum(values)], 'field.invalid')
    .optional()
    .transform((v) => (v ? v : fallback));

/** A check box: present (any of the usual "on" values) or absent. */
const checkbox = z
  .enum(['on', 'true', '1', 'yes'], 'field.invalid')
  .optional()
  .transform((v) => v !== undefined);

/** A whole number ≥ 0, or empty for "I don't know". */
const count = z
  .string('field.invalid')
  .trim()
  .regex(/^\d{0,9}$/, 'field.incidents.wholeNumber')
  .optional()
  .transform((v) => (v ? Number(v) : undefined));

/** Hours, possibly with a decimal, or empty. */
const hours = z
  .string('field.invalid')
  .trim()
  .regex(/^(\d{1,6}([.,]\d{1,2})?)?$/, 'field.incidents.number')
  .optional()
  .transform((v) => (v ? Number(v.replace(',', '.')) : undefined));

/** A datetime-local value in Dutch time, converted to UTC; empty means not given. */
const localDateTime = optionalDutchLocalField('field.incidents.dateInvalid');

const reportFields = z.object({
  // What happened
  summary: requiredText(10_000),
  incidentCause: choice(INCIDENT_CAUSES),
  incidentNature: choiceList(INCIDENT_NATURES),
  breachTypes: choiceList(BREACH_TYPES),
  // When
  occurredFrom: localDateTime,
  occurredTo: localDateTime,
  ongoing: checkbox,
  occurrenceUnknown: checkbox,
  discoveredAt: localDateTime,
  discoveryChannel: choice(DISCOVERY_CHANNELS),
  // Which data, whose, how many
  personalDataInvolved: choice(TRI_STATES),
  dataCategories: choiceList(DATA_CATEGORIES),
  dataDetail: optionalText(5000),
  subjectCategories: choiceList(SUBJECT_CATEGORIES),
  subjectsCountMin: count,
  subjectsCountMax: count,
  recordsCount: count,
  vulnerableSubjects: choiceOr(TRI_STATES, 'unknown'),
  // Where did it go
  dataLeftOrganisation: choiceOr(TRI_STATES, 'unknown'),
  recipients: optionalText(5000),
  recipientTrusted: choiceOr(TRI_STATES, 'unknown'),
  deletionConfirmed: choiceOr(TRI_STATES, 'unknown'),
  dataRetrieved: choiceOr(TRI_STATES, 'unknown'),
  confidentialityScope: choiceOr(CONFIDENTIALITY_SCOPES, 'unknown'),
  integrityImpact: choiceOr(INTEGRITY_IMPACTS, 'not_applicable'),
  availabilityImpact: choiceOr(AVAILABILITY_IMPACTS, 'not_applicable'),
  unavailableHours: hours,
  backupAvailable: choiceOr(BACKUP_AVAILABILITY, 'unknown'),
  malicious: choiceOr(TRI_STATES, 'unknown'),
  unintelligibility: choiceOr(UNINTELLIGIBILITY_LEVELS, 'unknown'),
  // Systems, processors, other countries
  systemsInvolved: optionalText(2000),
  processorInvolved: choiceOr(TRI_STATES, 'unknown'),
  processorName: optionalText(500),
  processorNotifiedAt: localDateTime,
  otherEeaCountries: optionalText(1000),
  // Also reported elsewhere (optional; domain.md §8.1 section 9)
  reportedTo: choiceList(REPORT_AUTHORITIES),
  reportedToOther: optionalText(500),
  // What has been done
  measuresTaken: requiredText(10_000),
});

/** The validated intake, with the field names of the incident model. */
export type ReportInput = z.output<typeof reportFields>;

// A few minutes of clock difference between a phone and the server is not an error.
const CLOCK_SKEW_MS = 5 * 60_000;

/** The report form's schema; `now` decides what counts as "in the future". */
export function reportSchema(now: Date) {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  return reportFields
    .superRefine(
      (v, ctx) => {
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: [path], message });
        // Runs even when other fields failed (see `when` below), so every value is checked for its type.
        const list = (x: unknown): unknown[] => (Array.isArray(x) ? (x as unknown[]) : []);
        const date = (x: unknown) => (x instanceof Date ? x : undefined);
        const num = (x: unknown) => (typeof x === 'number' ? x : undefined);
        if (list(v.incidentNature).length === 0) issue('incidentNature', 'field.incidents.chooseOne');
        if (list(v.breachTypes).length === 0) issue('breachTypes', 'field.incidents.chooseOne');
        if (v.occurrenceUnknown !== true && !date(v.occurredFrom))
          issue('occurredFrom', 'field.incidents.occurredFromRequired');
        if (!date(v.discoveredAt)) issue('discoveredAt', 'field.required');
        for (const f of ['occurredFrom', 'occurredTo', 'discoveredAt', 'processorNotifiedAt'] as const) {
          const d = date(v[f]);
          if (d && d.getTime() > latest) issue(f, 'field.incidents.future');
        }
        const from = date(v.occurredFrom);
        const to = date(v.occurredTo);
        const discovered = date(v.discoveredAt);
        if (from && to && v.ongoing !== true && to < from)
          issue('occurredTo', 'field.incidents.endBeforeStart');
        if (from && discovered && discovered < from)
          issue('discoveredAt', 'field.incidents.discoveredBeforeOccurred');
        // "No personal data" makes it a security incident only (domain.md §10.4 step 1): no categories needed.
        if (v.personalDataInvolved !== 'no') {
          if (list(v.dataCategories).length === 0)
            issue('dataCategories', 'field.incidents.chooseOneOrUnknown');
          if (list(v.subjectCategories).length === 0)
            issue('subjectCategories', 'field.incidents.chooseOneOrUnknown');
        }
        const min = num(v.subjectsCountMin);
        const max = num(v.subjectsCountMax);
        if (min !== undefined && max !== undefined && min > max)
          issue('subjectsCountMax', 'field.incidents.countRange');
        // "Another authority" needs its name; "nowhere else" excludes the others.
        const reported = list(v.reportedTo);
        if (reported.includes('other') && !v.reportedToOther)
          issue('reportedToOther', 'field.incidents.reportedToOther');
        if (reported.includes('none') && reported.length > 1)
          issue('reportedTo', 'field.incidents.reportedToNone');
      },
      // Check the cross-field rules even when a field failed, so the form lists every problem at once.
      { when: () => true },
    )
    .transform((v) => ({
      ...v,
      discoveredAt: v.discoveredAt as Date,
      occurredFrom: v.occurrenceUnknown ? undefined : v.occurredFrom,
      occurredTo: v.occurrenceUnknown || v.ongoing ? undefined : v.occurredTo,
      // Minors are always vulnerable affected persons (domain.md §10.2: auto-yes if minors).
      vulnerableSubjects: v.subjectCategories.includes('minors') ? ('yes' as const) : v.vulnerableSubjects,
      unavailableHours: v.availabilityImpact === 'not_applicable' ? undefined : v.unavailableHours,
      processorName: v.processorInvolved === 'yes' ? v.processorName : undefined,
      processorNotifiedAt: v.processorInvolved === 'yes' ? v.processorNotifiedAt : undefined,
      reportedToOther: v.reportedTo.includes('other') ? v.reportedToOther : undefined,
    }));
}

/** Further information from the reporter, appended to the timeline (never overwriting). */
export const additionSchema = z.object({ text: requiredText(10_000) });
