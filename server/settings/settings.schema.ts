// The settings an administrator can change in the app (issue 12): the organisation's details
// (domain.md §8.1 section 1, §8.5), the ministry's addresses (§8.4), the escalation addresses and
// the reminder schedule (§10.5). Each one's default is what the environment says (server/config.ts).
// None of them is a secret: the SMTP address, keys and session secret stay in the environment only
// and never appear on the settings page or in its audit entries.
import { z } from 'zod';
import type { Config } from '../config.js';

/** The settings' values, as the app uses them. Empty text means "not set". */
export interface SettingsValues {
  orgName: string;
  orgAddress: string;
  orgEmail: string;
  orgPhone: string;
  orgRegistrationNumber: string;
  orgSector: string;
  orgRole: 'controller' | 'processor';
  orgCommissioningParty: string;
  dpoName: string;
  dpoEmail: string;
  ministryEmails: string[];
  escalationEmail: string;
  deputyEmail: string;
  /** Hours after awareness at which the AP clock reminds (§10.5: 24, 48, 60, 68). */
  reminderApHours: number[];
  /** Points in the ministry window, in percent (§10.5: 50 and 90). */
  reminderMinistryPercents: number[];
  reminderOverdueHours: number;
  reminderFollowupDays: number;
}

export type SettingKey = keyof SettingsValues;
export type SettingGroup = 'organisation' | 'mail' | 'reminders';

/** One setting: where it is shown, and which environment variable gives its default (server/config.ts). */
export interface SettingDefinition {
  key: SettingKey;
  group: SettingGroup;
  env: string;
  input: 'text' | 'email' | 'tel' | 'textarea' | 'role' | 'list';
}

export const SETTINGS: readonly SettingDefinition[] = [
  { key: 'orgName', group: 'organisation', env: 'ORG_NAME', input: 'text' },
  { key: 'orgAddress', group: 'organisation', env: 'ORG_ADDRESS', input: 'text' },
  { key: 'orgEmail', group: 'organisation', env: 'ORG_EMAIL', input: 'email' },
  { key: 'orgPhone', group: 'organisation', env: 'ORG_PHONE', input: 'tel' },
  { key: 'orgRegistrationNumber', group: 'organisation', env: 'ORG_REGISTRATION_NUMBER', input: 'text' },
  { key: 'orgSector', group: 'organisation', env: 'ORG_SECTOR', input: 'text' },
  { key: 'orgRole', group: 'organisation', env: 'ORG_ROLE', input: 'role' },
  { key: 'orgCommissioningParty', group: 'organisation', env: 'ORG_COMMISSIONING_PARTY', input: 'text' },
  { key: 'dpoName', group: 'organisation', env: 'ORG_DPO_NAME', input: 'text' },
  { key: 'dpoEmail', group: 'organisation', env: 'ORG_DPO_EMAIL', input: 'email' },
  { key: 'ministryEmails', group: 'mail', env: 'MINISTRY_EMAILS', input: 'textarea' },
  { key: 'escalationEmail', group: 'mail', env: 'ESCALATION_EMAIL', input: 'email' },
  { key: 'deputyEmail', group: 'mail', env: 'PRIVACY_OFFICER_DEPUTY_EMAIL', input: 'email' },
  { key: 'reminderApHours', group: 'reminders', env: 'REMINDER_AP_HOURS', input: 'list' },
  { key: 'reminderMinistryPercents', group: 'reminders', env: 'REMINDER_MINISTRY_FRACTIONS', input: 'list' },
  { key: 'reminderOverdueHours', group: 'reminders', env: 'REMINDER_OVERDUE_EVERY_HOURS', input: 'text' },
  { key: 'reminderFollowupDays', group: 'reminders', env: 'REMINDER_FOLLOWUP_EVERY_DAYS', input: 'text' },
];

export const SETTING_KEYS = SETTINGS.map((s) => s.key);

const TEXT_MAX = 200;
const required = z.string().trim().min(1, 'field.required').max(TEXT_MAX, 'field.tooLong');
const optional = z.string().trim().max(TEXT_MAX, 'field.tooLong');
const email = z
  .string()
  .trim()
  .min(1, 'field.required')
  .pipe(z.email('field.email').max(320, 'field.tooLong'));
const optionalEmail = z.union([z.literal(''), email], { error: 'field.email' });

/** Items separated by commas, semicolons, spaces or new lines. */
const items = (v: string) => v.split(/[\s,;]+/).filter(Boolean);

/** A list of whole numbers between min and max, each once, ascending. */
function wholeNumbers(min: number, max: number, message: string) {
  return z
    .string()
    .transform((v) => items(v))
    .refine((list) => list.length > 0 && list.length <= 20, message)
    .refine((list) => list.every((x) => /^\d{1,4}$/.test(x) && Number(x) >= min && Number(x) <= max), message)
    .transform((list) => [...new Set(list.map(Number))].sort((a, b) => a - b));
}

function wholeNumber(min: number, max: number, message: string) {
  return z
    .string()
    .trim()
    .refine((x) => /^\d{1,4}$/.test(x) && Number(x) >= min && Number(x) <= max, message)
    .transform(Number);
}

/**
 * The settings form: every field arrives as text; the result is typed. Message keys name what is
 * wrong with each field (settings.messages.ts).
 */
export const settingsFormSchema = z
  .object({
    version: z.coerce.number().int().min(0),
    orgName: required,
    orgAddress: required,
    orgEmail: email,
    // A Dutch or international number: digits, spaces, +, -, ( and ).
    orgPhone: optional.refine((v) => v === '' || /^\+?[0-9 ()-]{6,20}$/.test(v), 'field.settings.phone'),
    // The KvK number has eight digits (Handelsregisterwet).
    orgRegistrationNumber: optional.refine((v) => v === '' || /^\d{8}$/.test(v), 'field.settings.kvk'),
    orgSector: optional,
    orgRole: z.enum(['controller', 'processor'], { error: 'field.invalid' }),
    orgCommissioningParty: optional,
    dpoName: required,
    dpoEmail: email,
    ministryEmails: z
      .string()
      .max(4000, 'field.tooLong')
      .transform((v) => items(v))
      .refine((list) => list.length <= 20, 'field.settings.tooManyEmails')
      .refine((list) => list.every((x) => z.email().safeParse(x).success), 'field.settings.emails')
      // Each address once, however it is capitalised.
      .transform((list) =>
        list.filter((x, i) => list.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i),
      ),
    escalationEmail: optionalEmail,
    deputyEmail: optionalEmail,
    // Reminders before the 72-hour AP deadline (domain.md §10.5): the expiry reminder comes on its own.
    reminderApHours: wholeNumbers(1, 71, 'field.settings.apHours'),
    reminderMinistryPercents: wholeNumbers(1, 99, 'field.settings.percents'),
    reminderOverdueHours: wholeNumber(1, 720, 'field.settings.overdueHours'),
    reminderFollowupDays: wholeNumber(1, 90, 'field.settings.followupDays'),
  })
  .superRefine((v, ctx) => {
    // As processor the dossier and the notices name the controller the work is done for.
    if (v.orgRole === 'processor' && !v.orgCommissioningParty)
      ctx.addIssue({
        code: 'custom',
        path: ['orgCommissioningParty'],
        message: 'field.settings.commissioningParty',
      });
  });

export type SettingsFormInput = z.infer<typeof settingsFormSchema>;

export const resetSettingSchema = z.object({
  version: z.coerce.number().int().min(0),
  key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]),
});

/** The settings' defaults: what the environment says (server/config.ts). */
export function defaultsFrom(config: Config): SettingsValues {
  const o = config.organisation;
  const r = config.reminders;
  return {
    orgName: o.name,
    orgAddress: o.address,
    orgEmail: o.email,
    orgPhone: o.phone,
    orgRegistrationNumber: o.registrationNumber ?? '',
    orgSector: o.sector ?? '',
    orgRole: o.role,
    orgCommissioningParty: o.commissioningParty,
    dpoName: o.dpoName,
    dpoEmail: o.dpoEmail,
    ministryEmails: [...config.mail.ministryEmails],
    escalationEmail: config.mail.escalationEmail ?? '',
    deputyEmail: config.mail.deputyEmail ?? '',
    reminderApHours: [...r.authorityHours],
    reminderMinistryPercents: r.ministryFractions.map((f) => Math.round(f * 1000) / 10),
    reminderOverdueHours: r.overdueEveryHours,
    reminderFollowupDays: r.followupEveryHours / 24,
  };
}

/** The configuration with the settings' values in place of the environment's. */
export function applySettings(base: Config, v: SettingsValues): Config {
  const config: Config = {
    ...base,
    organisation: {
      name: v.orgName,
      address: v.orgAddress,
      email: v.orgEmail,
      phone: v.orgPhone,
      dpoName: v.dpoName,
      dpoEmail: v.dpoEmail,
      commissioningParty: v.orgCommissioningParty,
      role: v.orgRole,
      sector: v.orgSector || undefined,
      registrationNumber: v.orgRegistrationNumber || undefined,
    },
    mail: {
      ...base.mail,
      ministryEmails: [...v.ministryEmails],
      escalationEmail: v.escalationEmail || undefined,
      deputyEmail: v.deputyEmail || undefined,
    },
    reminders: {
      authorityHours: [...v.reminderApHours],
      ministryFractions: v.reminderMinistryPercents.map((p) => p / 100),
      overdueEveryHours: v.reminderOverdueHours,
      followupEveryHours: v.reminderFollowupDays * 24,
    },
  };
  return deepFreeze(config);
}

/**
 * The stored overrides, each checked again on read: a value the current rules refuse (stored by an
 * older version) is ignored and its default applies.
 */
export function storedOverrides(raw: unknown): Partial<SettingsValues> {
  if (!raw || typeof raw !== 'object') return {};
  const src = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const shape = settingsFormSchema.shape;
  for (const key of SETTING_KEYS) {
    const v = src[key];
    const asText = Array.isArray(v)
      ? v.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '')).join(', ')
      : typeof v === 'string' || typeof v === 'number'
        ? String(v)
        : undefined;
    if (asText === undefined) continue;
    const parsed = shape[key].safeParse(asText);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

/** Two values of one setting are the same (lists compared item by item). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
