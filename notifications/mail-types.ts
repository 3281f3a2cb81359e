// The explicit registry of email types (architecture.md §3 rule 8): each name maps to the schema of
// the data its templates may use. Adding an email means adding a line here plus its template files
// in every language; nothing is discovered from file names at run time.
//
// Schemas are strict objects: a field that is not declared (a password, an affected person's
// address) is refused before it can reach a template or the outbox.
import { z } from 'zod';

/** Languages every email exists in. */
export const MAIL_LANGS = ['nl', 'en'] as const;
/** A language of the email templates. */
export type MailLang = (typeof MAIL_LANGS)[number];

// No control characters: these values end up in subjects, and a newline there would be header injection.
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'must be a single line');
const reference = singleLine(64);
const dutyName = singleLine(200);
// Only web links: a javascript: or data: URL in a mail client is an attack, not a link.
const link = z.url({ protocol: /^https?$/ }).max(2000);
const instant = z.coerce.date();
const wholeHours = z
  .number()
  .nonnegative()
  .transform((h) => Math.floor(h));

/** The data schema of every email type, by template name. */
export const MAIL_TYPES = {
  /** To the reporter: their report was received. */
  'report-receipt': z.strictObject({ reference, link, reportedAt: instant }),
  /** To privacy officers: a new report waits for assessment. */
  'report-alert': z.strictObject({ reference, link, reportedAt: instant }),
  /** To privacy officers: a duty's deadline is approaching. */
  'deadline-reminder': z.strictObject({
    dutyName,
    reference,
    deadline: instant,
    hoursLeft: wholeHours,
    link,
  }),
  /** To management: a duty's deadline has passed. */
  'deadline-escalation': z.strictObject({
    dutyName,
    reference,
    deadline: instant,
    hoursOverdue: wholeHours,
    link,
  }),
  /** To a new user: the account exists; the link lets them set their own password. */
  'user-welcome': z.strictObject({ name: singleLine(200), signInLink: link }),
  /** To a reporter from the public page who asked for it: a new message waits; never its content (issue 15). */
  'intake-message': z.strictObject({ link }),
  /**
   * To privacy officers: the reporter of a report from the public page wrote a message or added a
   * file (issue 15). Only the reference and the incident page, never the content.
   */
  'intake-reporter-message': z.strictObject({ reference, link, file: z.boolean() }),
  /**
   * To the ministry (domain.md §8.4, §10.6): the breach notice — summary, risk decision, AP
   * reference, counts, measures, contact. Staff-written texts only, never affected persons' data.
   */
  'ministry-notice': z.strictObject({
    reference,
    followUp: z.boolean(),
    processor: z.boolean(),
    organisation: singleLine(300),
    summary: z.string().trim().min(1).max(5000),
    riskLevel: singleLine(200),
    apReference: reference.nullable(),
    apFiledAt: instant.nullable(),
    apWithdrawn: z.boolean(),
    subjectsCount: singleLine(200),
    recordsCount: singleLine(200),
    measures: z.string().trim().min(1).max(5000),
    contactName: singleLine(200),
    contactEmail: z.email(),
    contactPhone: singleLine(100).nullable(),
    discoveredAt: instant,
    link,
  }),
  /** To the ministry: a notice has not been acknowledged in the portal yet. */
  'ministry-notice-reminder': z.strictObject({ reference, sentAt: instant, link }),
  /** To privacy officers: a notice run was paused after too many failures in a row (architecture.md §3 rule 10). */
  'notice-run-paused': z.strictObject({
    reference,
    failures: z.number().int().nonnegative(),
    pausedAt: instant,
    link,
  }),
} as const;

/** The name of a registered email type. */
export type MailTemplateName = keyof typeof MAIL_TYPES;
/** The data a caller provides for an email type. */
export type MailData<N extends MailTemplateName> = z.input<(typeof MAIL_TYPES)[N]>;

/** The registered email type names. */
export const MAIL_TEMPLATE_NAMES = Object.keys(MAIL_TYPES) as MailTemplateName[];

/** True when `name` is a registered email type. */
export function isMailTemplateName(name: string): name is MailTemplateName {
  return Object.hasOwn(MAIL_TYPES, name);
}

/** True when `lang` is a language the emails exist in. */
export function isMailLang(lang: string): lang is MailLang {
  return (MAIL_LANGS as readonly string[]).includes(lang);
}

/** Validates template data for an email type; throws a ZodError listing every problem. */
export function parseMailData(name: MailTemplateName, data: unknown): Record<string, unknown> {
  return MAIL_TYPES[name].parse(data);
}
