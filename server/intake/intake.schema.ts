// The public report form and the reporter's status pages (issue 15), validated at the edge
// (architecture.md §3 rule 5): only plain strings, so operator objects never reach a query.
import { z } from 'zod';
import type { DATA_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
import { SUBJECT_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
import { choiceList, optionalText, requiredText } from '../incidents/incidents.schema.js';
import { optionalDutchLocalField } from '../local-time.js';

/** Who the reporter is, in their own words; decides the discovery channel (domain.md §10.2). */
export const REPORTER_KINDS = ['client', 'partner', 'authority', 'employee', 'public'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

/** The data categories the public form offers: the common ones in plain words, and "I don't know". */
export const PUBLIC_DATA_CATEGORIES = [
  'name_address',
  'phone',
  'email',
  'national_id',
  'id_document',
  'financial',
  'health',
  'access_credentials',
  'other_basic',
  'unknown',
] as const satisfies readonly (typeof DATA_CATEGORIES)[number][];

const CLOCK_SKEW_MS = 5 * 60_000;

const plainLine = (max: number) =>
  optionalText(max).refine((v) => v === undefined || !/[\p{Cc}\u2028\u2029]/u.test(v), 'field.invalid');

/** The public form; `now` decides what is "in the future". The honeypot and form token are checked apart. */
export function publicReportSchema(now: Date) {
  return z
    .object({
      summary: requiredText(10_000),
      reporterKind: z.union([z.literal(''), z.enum(REPORTER_KINDS)], 'field.invalid').optional(),
      occurredAt: optionalDutchLocalField('field.incidents.dateInvalid', {
        notAfter: new Date(now.getTime() + CLOCK_SKEW_MS),
        futureKey: 'field.incidents.future',
      }),
      dataCategories: choiceList(PUBLIC_DATA_CATEGORIES),
      dataDetail: optionalText(5000),
      subjectCategories: choiceList(SUBJECT_CATEGORIES),
      subjectsCount: z
        .string('field.invalid')
        .trim()
        .regex(/^\d{0,9}$/, 'field.incidents.wholeNumber')
        .optional()
        .transform((v) => (v ? Number(v) : undefined)),
      contactName: plainLine(200),
      contactEmail: z
        .string('field.invalid')
        .trim()
        .max(254, 'field.tooLong')
        .optional()
        .transform((v) => (v ? v : undefined))
        .pipe(z.email('field.email').optional()),
      contactPhone: z
        .string('field.invalid')
        .trim()
        .regex(/^[+0-9 ()-]{0,40}$/, 'field.intake.phone')
        .optional()
        .transform((v) => (v ? v : undefined)),
      notify: z
        .enum(['on', 'true', '1', 'yes'], 'field.invalid')
        .optional()
        .transform((v) => v !== undefined),
    })
    .superRefine((v, ctx) => {
      if (v.notify && !v.contactEmail)
        ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: 'field.intake.notifyNeedsEmail' });
    });
}

export type PublicReportInput = z.output<ReturnType<typeof publicReportSchema>>;

/** Signing in to the status page. */
export const statusSignInSchema = z.object({
  receiptCode: requiredText(40),
  passphrase: requiredText(100),
});

/** A message from either side. */
export const messageSchema = z.object({ text: requiredText(10_000) });
