// Zod at the edge for the filing forms (architecture.md §3 rule 5). Times come from
// <input type="datetime-local"> and are Europe/Amsterdam wall-clock time (domain.md §10.5).
import { z } from 'zod';
import { dutchLocalField, optionalDutchLocalField } from '../local-time.js';
import { REPORT_AUTHORITIES, TRI_STATES } from '../../models/vocabulary/assessment.enums.js';
import { FOLLOWS_ADVICE, type FollowsAdvice } from '../../models/dossier-details.model.js';

// Read by the shared helper (server/local-time.ts): a time that does not exist (31 February, the
// hour skipped when summer time starts) is refused rather than moved.
const localDateTime = dutchLocalField({ required: 'field.required', invalid: 'field.invalid' });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'field.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined));

/** The AP's meldingsnummer: letters, digits and simple separators on one line. */
const apReference = z
  .string()
  .trim()
  .max(64, 'field.tooLong')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$|^$/u, 'field.invalid')
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * The filer's direct telephone number (domain.md §8.1 section 1: name, function and phone of the
 * person filing are mandatory in the AP form): digits with the usual separators, optionally +.
 */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()./-]{5,23}[0-9]$/;
const phone = z
  .string('field.invalid')
  .trim()
  .max(32, 'field.tooLong')
  .refine((v) => v === '' || PHONE_PATTERN.test(v), 'field.authorityPhone')
  .optional()
  .transform((v) => (v ? v : undefined));

/** Recording a filing: the initial notification or a follow-up (vervolgmelding). */
export const recordFilingSchema = z.object({
  kind: z.enum(['initial', 'followup']),
  submittedAt: localDateTime,
  apReference,
  complete: z.enum(['yes', 'no'], 'field.required').transform((v) => v === 'yes'),
  summary: z.string('field.required').trim().min(1, 'field.required').max(5000, 'field.tooLong'),
  reasonForDelay: optionalText(5000),
  note: optionalText(5000),
  filerPhone: phone,
  confirmPersonalData: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
  personalDataFingerprint: z.string().max(64).optional(),
});
/** A filing to record (the validated form; optional texts may be left out). */
export interface RecordFilingInput {
  kind: 'initial' | 'followup';
  submittedAt: Date;
  apReference?: string | undefined;
  complete: boolean;
  /** The summary for the AP, written by the officer (issue 12, problem 5). */
  summary: string;
  reasonForDelay?: string | undefined;
  note?: string | undefined;
  /** The direct number of the officer filing (the AP calls the filer back, §8.1 section 1). */
  filerPhone?: string | undefined;
  confirmPersonalData?: boolean;
  personalDataFingerprint?: string | undefined;
}

/** Withdrawing the notification (intrekken): a reason is required (domain.md §10.5). */
export const withdrawFilingSchema = z.object({
  submittedAt: localDateTime,
  reason: z.string('field.required').trim().min(1, 'field.required').max(5000, 'field.tooLong'),
  // The reason goes into the dossier for the AP: flagged personal data needs a confirmation.
  confirmPersonalData: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
  personalDataFingerprint: z.string().max(64).optional(),
});
/** A validated withdrawal form. */
export interface WithdrawFilingInput {
  submittedAt: Date;
  reason: string;
  confirmPersonalData?: boolean;
  personalDataFingerprint?: string | undefined;
}

/** Download formats of the dossier. */
export const dossierFormatSchema = z.enum(['pdf', 'json']);

/** An optional Dutch wall-clock time; empty is "not given". */
const optionalLocalTime = optionalDutchLocalField('field.invalid');

/** An optional choice; empty is "not given". */
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values)], 'field.invalid')
    .optional()
    .transform((v) => (v ? v : undefined));

/** A check-box group of authorities (absent, one value or several). */
const reportList = z
  .union([z.string(), z.array(z.string())], 'field.invalid')
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(REPORT_AUTHORITIES, 'field.invalid')).max(REPORT_AUTHORITIES.length, 'field.invalid'))
  .transform((v) => [...new Set(v)]);

/**
 * What the AP form asks beyond the intake and the assessment (domain.md §8.1 sections 6, 8, 9),
 * with the FG's advice kept apart from the decision and the decider. The rules between fields:
 * "which" when other authorities were notified, "namely" for another authority, "nowhere else" not
 * together with an authority, the moment of the advice with the advice, the decider, moment and
 * "follows the advice?" with a decision, and a reason when it does not (fully) follow the advice.
 */
export function dossierDetailsSchema(now: Date) {
  const latest = now.getTime() + 5 * 60_000;
  return z
    .object({
      measuresBefore: optionalText(5000),
      protectionMethod: optionalText(2000),
      crossBorder: optionalChoice(TRI_STATES),
      otherAuthorities: optionalChoice(TRI_STATES),
      otherAuthoritiesWhich: optionalText(1000),
      notInformingReason: optionalText(5000),
      reportedTo: reportList,
      reportedToOther: optionalText(500),
      fgName: optionalText(200),
      fgAdvice: optionalText(5000),
      fgAdvisedAt: optionalLocalTime,
      decision: optionalText(5000),
      decidedBy: optionalText(200),
      decidedAt: optionalLocalTime,
      followsAdvice: optionalChoice(FOLLOWS_ADVICE),
      deviationReason: optionalText(5000),
      // The texts go to the AP: flagged personal data needs a confirmation (issue 12, problem 5).
      confirmPersonalData: z
        .literal('yes')
        .optional()
        .transform((v) => v === 'yes'),
      personalDataFingerprint: z.string().max(64).optional(),
    })
    .superRefine(
      (v, ctx) => {
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: 'custom', path: [path], message });
        const list = Array.isArray(v.reportedTo) ? (v.reportedTo as string[]) : [];
        if (v.otherAuthorities === 'yes' && !v.otherAuthoritiesWhich)
          issue('otherAuthoritiesWhich', 'field.required');
        if (list.includes('other') && !v.reportedToOther) issue('reportedToOther', 'field.required');
        if (list.includes('none') && list.length > 1) issue('reportedTo', 'field.authorityNoneAndOthers');
        if (v.fgAdvice && !v.fgAdvisedAt) issue('fgAdvisedAt', 'field.required');
        if (v.decision) {
          if (!v.decidedBy) issue('decidedBy', 'field.required');
          if (!v.decidedAt) issue('decidedAt', 'field.required');
          if (v.fgAdvice && !v.followsAdvice) issue('followsAdvice', 'field.required');
        }
        if ((v.followsAdvice === 'no' || v.followsAdvice === 'partly') && !v.deviationReason)
          issue('deviationReason', 'field.authorityDeviationReason');
        for (const f of ['fgAdvisedAt', 'decidedAt'] as const) {
          const d = v[f];
          if (d instanceof Date && d.getTime() > latest) issue(f, 'field.authorityFuture');
        }
      },
      { when: () => true },
    );
}

/** The validated details form. */
export interface DossierDetailsInput {
  measuresBefore?: string | undefined;
  protectionMethod?: string | undefined;
  crossBorder?: 'yes' | 'no' | 'unknown' | undefined;
  otherAuthorities?: 'yes' | 'no' | 'unknown' | undefined;
  otherAuthoritiesWhich?: string | undefined;
  notInformingReason?: string | undefined;
  reportedTo: Array<(typeof REPORT_AUTHORITIES)[number]>;
  reportedToOther?: string | undefined;
  fgName?: string | undefined;
  fgAdvice?: string | undefined;
  fgAdvisedAt?: Date | undefined;
  decision?: string | undefined;
  decidedBy?: string | undefined;
  decidedAt?: Date | undefined;
  followsAdvice?: FollowsAdvice | undefined;
  deviationReason?: string | undefined;
  confirmPersonalData?: boolean;
  personalDataFingerprint?: string | undefined;
}
