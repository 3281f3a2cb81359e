// Zod at the edge for the notices pages (architecture.md §3 rule 5). Messages are catalogue keys.
import { dutchLocalField, parseDutchLocal as parseLocal } from '../local-time.js';
import { z } from 'zod';

/** `<input type="datetime-local">` (or a date, read as midday) in Dutch time; undefined when not a real date. */
export function parseDutchLocal(value: string): Date | undefined {
  return parseLocal(value, { dateOnly: true });
}

const localDate = (required: string) =>
  dutchLocalField({ required, invalid: 'field.invalid' }, { dateOnly: true });

/** The manual person form (the same fields as an import row). */
export const personSchema = z.object({
  name: z.string().default(''),
  email: z.string().default(''),
  language: z.string().default(''),
  address1: z.string().default(''),
  address2: z.string().default(''),
  address3: z.string().default(''),
  postcode: z.string().default(''),
  city: z.string().default(''),
  country: z.string().default(''),
});

/** A language code as admins may add it: 2–3 letters, optionally a region (pt-br). */
export const langCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, 'notices.template.langCode');

/** Sending settings (start and resume). */
export const settingsSchema = z.object({
  concurrency: z.coerce
    .number('field.invalid')
    .int('field.invalid')
    .min(1, 'field.invalid')
    .max(100, 'field.invalid'),
  ratePerSecond: z.coerce.number('field.invalid').min(0, 'field.invalid').max(10_000, 'field.invalid'),
  failureThreshold: z.coerce
    .number('field.invalid')
    .int('field.invalid')
    .min(0, 'field.invalid')
    .max(100_000, 'field.invalid'),
});

/** Recording a public communication. */
export const publicationSchema = z.object({
  where: z.string().trim().min(1, 'field.required').max(1000, 'field.tooLong'),
  publishedAt: localDate('field.required'),
});

/** Recording that the letters were posted. */
export const postedSchema = z.object({ postedOn: localDate('field.required') });

/** A template edit. */
export const templateSchema = z.object({
  langName: z.string().trim().min(1, 'field.required').max(60, 'field.tooLong'),
  subject: z.string().trim().min(1, 'field.required').max(500, 'field.tooLong'),
  body: z.string().min(1, 'field.required').max(20_000, 'field.tooLong'),
});

/** Adding a language. */
export const addLanguageSchema = z.object({
  lang: langCode,
  langName: z.string().trim().min(1, 'field.required').max(60, 'field.tooLong'),
});
