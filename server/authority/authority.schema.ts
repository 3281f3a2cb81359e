// Zod at the edge for the filing forms (architecture.md §3 rule 5). Times come from
// <input type="datetime-local"> and are Europe/Amsterdam wall-clock time (domain.md §10.5).
import { z } from 'zod';
import { dutchLocalField } from '../local-time.js';

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

/** Recording a filing: the initial notification or a follow-up (vervolgmelding). */
export const recordFilingSchema = z.object({
  kind: z.enum(['initial', 'followup']),
  submittedAt: localDateTime,
  apReference,
  complete: z.enum(['yes', 'no'], 'field.required').transform((v) => v === 'yes'),
  summary: z.string('field.required').trim().min(1, 'field.required').max(5000, 'field.tooLong'),
  reasonForDelay: optionalText(5000),
  note: optionalText(5000),
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
