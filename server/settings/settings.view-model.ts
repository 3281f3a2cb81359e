// What the settings page and the "missing setting" notices show: each field with its value as
// text, its default from the environment, whether an administrator changed it, and its error.
import type { Role } from '../../models/user.model.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { FieldErrors } from '../errors.js';
import type { EffectiveSettings } from './settings.service.js';
import {
  SETTINGS,
  type SettingDefinition,
  type SettingGroup,
  type SettingKey,
  type SettingsValues,
} from './settings.schema.js';

/** One field of the form. */
export interface SettingFieldView {
  key: SettingKey;
  input: SettingDefinition['input'];
  /** The text in the field: what was typed (after an error), else the value in force. */
  value: string;
  defaultText: string;
  overridden: boolean;
  error: string | undefined;
  hasHint: boolean;
  /** Not set, but a page needs it: the AP dossier or the ministry notice. */
  neededBy: SettingsNeed | null;
}

export interface SettingsPageView {
  version: number;
  changedAt: Date | null;
  changedBy: string | null;
  groups: Array<{ id: SettingGroup; fields: SettingFieldView[] }>;
}

const HINTS = new Set<SettingKey>([
  'orgPhone',
  'orgRegistrationNumber',
  'orgSector',
  'orgCommissioningParty',
  'ministryEmails',
  'escalationEmail',
  'deputyEmail',
  'reminderApHours',
  'reminderMinistryPercents',
  'reminderOverdueHours',
  'reminderFollowupDays',
]);

/** A value as the form shows it; numbers in the page's language (a decimal comma in Dutch). */
export function settingText(value: SettingsValues[SettingKey], lang: Lang): string {
  const num = (n: number) =>
    n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2, useGrouping: false });
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? num(v) : v)).join(', ');
  return typeof value === 'number' ? num(value) : value;
}

/** The page for the settings in force; `typed` and `errors` after a refused save. */
export function settingsPageView(
  s: EffectiveSettings,
  lang: Lang,
  typed?: Record<string, unknown>,
  errors?: FieldErrors,
): SettingsPageView {
  const needed = new Map<SettingKey, SettingsNeed>();
  for (const need of ['dossier', 'ministry'] as const)
    for (const key of missingSettings(need, s.values)) needed.set(key, need);
  const field = (d: SettingDefinition): SettingFieldView => {
    const raw = typed?.[d.key];
    return {
      key: d.key,
      input: d.input,
      value: typed ? (typeof raw === 'string' ? raw : '') : settingText(s.values[d.key], lang),
      // The role is shown by its name, never its code (controller, processor).
      defaultText:
        d.input === 'role'
          ? translate(lang, `settings.role.${s.defaults.orgRole}`)
          : settingText(s.defaults[d.key], lang),
      overridden: s.overridden.has(d.key),
      error: errors?.[d.key],
      hasHint: HINTS.has(d.key),
      neededBy: needed.get(d.key) ?? null,
    };
  };
  const groups: SettingGroup[] = ['organisation', 'mail', 'reminders'];
  return {
    version: s.version,
    changedAt: s.changedAt,
    changedBy: s.changedBy,
    groups: groups.map((id) => ({ id, fields: SETTINGS.filter((d) => d.group === id).map(field) })),
  };
}

/** What a page needs a setting for. */
export type SettingsNeed = 'ministry' | 'dossier';

/**
 * The settings a page needs that are not set. The AP dossier asks for the organisation's name and
 * address (or, as processor, the controller's name), sector, phone and contact (domain.md §8.1
 * section 1); the ministry notice needs the ministry's addresses (§8.4).
 */
export function missingSettings(need: SettingsNeed, v: SettingsValues): SettingKey[] {
  const wanted: SettingKey[] =
    need === 'ministry'
      ? ['ministryEmails']
      : [
          ...(v.orgRole === 'processor'
            ? (['orgCommissioningParty'] as const)
            : (['orgName', 'orgAddress'] as const)),
          'orgSector',
          'orgPhone',
          'dpoName',
          'dpoEmail',
        ];
  return wanted.filter((k) => {
    const value = v[k];
    return Array.isArray(value) ? value.length === 0 : typeof value === 'string' && value.trim() === '';
  });
}

/** The inline notice about missing settings: a link for administrators, whom to ask for everyone else. */
export interface SettingsNotice {
  keys: SettingKey[];
  /** The settings page (administrators only). */
  link: string | null;
  adminEmails: string[];
}

/** The notice for `keys`, or null when nothing is missing. */
export function settingsNotice(keys: SettingKey[], role: Role, adminEmails: string[]): SettingsNotice | null {
  if (!keys.length) return null;
  const isAdmin = role === 'admin';
  return {
    keys,
    link: isAdmin ? `/admin/settings#${keys[0]}` : null,
    adminEmails: isAdmin ? [] : adminEmails,
  };
}
