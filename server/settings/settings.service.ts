// The one way the app and the worker read the settings an administrator can change (issue 12):
// the environment gives the defaults (server/config.ts), the newest stored version overrides them.
// Every process keeps what it read for a short while (SETTINGS_CACHE_MS): a change made through
// this process applies at once, one made elsewhere (another app instance, the worker) within that
// time. Saving and resetting are for administrators only and are audited as old → new.
import { SettingsVersion } from '../../models/settings-version.model.js';
import { User } from '../../models/user.model.js';

import type { Config } from '../config.js';
import { assertRole, type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import {
  applySettings,
  defaultsFrom,
  sameValue,
  SETTING_KEYS,
  storedOverrides,
  type SettingKey,
  type SettingsFormInput,
  type SettingsValues,
} from './settings.schema.js';
import {
  missingSettings,
  settingsNotice,
  type SettingsNeed,
  type SettingsNotice,
} from './settings.view-model.js';
import type { Role } from '../../models/user.model.js';
import { auditAction } from '../audit/audit-action.js';

/** How long a process trusts what it read before it looks for a newer version. */
export const SETTINGS_CACHE_MS = 2_000;

/** The newest stored version as read (version 0: nothing stored, every default applies). */
interface StoredSettings {
  version: number;
  overrides: Partial<SettingsValues>;
  at: Date | null;
  byLabel: string | null;
  readAt: number;
}

let cached: StoredSettings | undefined;
let generation = 0;
let loading: { generation: number; read: Promise<StoredSettings> } | undefined;
const applied = new WeakMap<Config, { from: StoredSettings; config: Config }>();

async function readStored(): Promise<StoredSettings> {
  const doc = await SettingsVersion.findOne().sort({ version: -1 }).lean();
  return {
    version: doc?.version ?? 0,
    overrides: storedOverrides(doc?.values),
    at: doc?.at ?? null,
    byLabel: doc?.byLabel ?? null,
    readAt: Date.now(),
  };
}

async function stored(): Promise<StoredSettings> {
  if (cached && Date.now() - cached.readAt < SETTINGS_CACHE_MS) return cached;
  // One read at a time; a read begun before a save in this process is not reused after it.
  if (!loading || loading.generation !== generation) {
    const started = generation;
    const read = readStored().then((s) => {
      if (started === generation) cached = s;
      return s;
    });
    const entry = { generation: started, read };
    loading = entry;
    void read
      .finally(() => {
        if (loading === entry) loading = undefined;
      })
      .catch(() => undefined);
  }
  return loading.read;
}

/** Forgets what this process read, so the next read goes to the database. */
export function forgetCachedSettings(): void {
  generation++;
  cached = undefined;
}

/** The settings in force, with their defaults and which ones an administrator changed. */
export interface EffectiveSettings {
  version: number;
  values: SettingsValues;
  defaults: SettingsValues;
  overridden: ReadonlySet<SettingKey>;
  changedAt: Date | null;
  changedBy: string | null;
}

function effectiveFrom(base: Config, s: StoredSettings): EffectiveSettings {
  const defaults = defaultsFrom(base);
  return {
    version: s.version,
    values: { ...defaults, ...s.overrides },
    defaults,
    overridden: new Set(Object.keys(s.overrides) as SettingKey[]),
    changedAt: s.at,
    changedBy: s.byLabel,
  };
}

/** The settings in force for the app configured with `base`. */
export async function effectiveSettings(base: Config): Promise<EffectiveSettings> {
  return effectiveFrom(base, await stored());
}

/**
 * The configuration in force: `base` (from the environment) with the stored settings applied. Every
 * request and every worker run reads its configuration through this.
 */
export async function effectiveConfig(base: Config): Promise<Config> {
  const s = await stored();
  if (s.version === 0 || !Object.keys(s.overrides).length) return base;
  const known = applied.get(base);
  if (known?.from === s) return known.config;
  const config = applySettings(base, effectiveFrom(base, s).values);
  applied.set(base, { from: s, config });
  return config;
}

/** The active administrators' addresses: whom to ask for a missing setting. */
export async function administratorEmails(): Promise<string[]> {
  const admins = await User.find({ role: 'admin', active: true }).select({ email: 1 }).lean();
  return admins.map((a) => a.email).sort();
}

/**
 * The inline notice for a page that needs settings that are not set (issue 12): null when nothing
 * is missing; otherwise a link for administrators, and whom to ask for everyone else.
 */
export async function missingSettingsNotice(
  need: SettingsNeed,
  config: Config,
  role: Role,
): Promise<SettingsNotice | null> {
  const keys = missingSettings(need, defaultsFrom(config));
  if (!keys.length) return null;
  return settingsNotice(keys, role, role === 'admin' ? [] : await administratorEmails());
}

/** One changed setting as the audit trail keeps it. */
export interface SettingChange {
  key: SettingKey;
  from: SettingsValues[SettingKey];
  to: SettingsValues[SettingKey];
}

async function assertAdmin(ctx: ActionContext): Promise<void> {
  try {
    assertRole(ctx.user, 'admin');
  } catch (err) {
    if (err instanceof ForbiddenError) {
      await auditAction(ctx, {
        action: 'settings.access',
        object: { type: 'settings' },
        result: 'denied',
      });
    }
    throw err;
  }
}

/** The settings page's data (administrators only). */
export async function settingsForAdmin(base: Config, ctx: ActionContext): Promise<EffectiveSettings> {
  await assertAdmin(ctx);
  return effectiveSettings(base);
}

/** Stores a new version with `overrides` after `current`; a concurrent save makes it a conflict. */
async function storeVersion(
  current: StoredSettings,
  overrides: Partial<SettingsValues>,
  action: 'settings.update' | 'settings.reset',
  changes: SettingChange[],
  ctx: ActionContext,
): Promise<number> {
  const version = current.version + 1;
  try {
    await SettingsVersion.create({
      version,
      values: overrides,
      byId: ctx.user.id,
      byLabel: ctx.user.email,
      at: ctx.now,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ConflictError('SETTINGS_CHANGED', 'settings.error.changed');
    throw err;
  }
  forgetCachedSettings();
  // Only the settings' own values, old → new per setting: none of them is a secret (settings.schema.ts).
  await auditAction(ctx, {
    action,
    object: { type: 'settings', id: String(version) },
    details: { changes: Object.fromEntries(changes.map((c) => [c.key, { from: c.from, to: c.to }])) },
  });
  return version;
}

async function currentFor(form: { version: number }): Promise<StoredSettings> {
  const current = await readStored();
  // The form was filled in on an older version: saving it would undo someone else's change.
  if (form.version !== current.version) throw new ConflictError('SETTINGS_CHANGED', 'settings.error.changed');
  return current;
}

/**
 * Saves the form: every value that differs from the one in force is stored (a value equal to the
 * default follows the environment again). Returns the changes; none when nothing differs.
 */
export async function saveSettings(
  input: SettingsFormInput,
  base: Config,
  ctx: ActionContext,
): Promise<{ version: number; changes: SettingChange[] }> {
  await assertAdmin(ctx);
  const current = await currentFor(input);
  const defaults = defaultsFrom(base);
  const effective: SettingsValues = { ...defaults, ...current.overrides };
  const overrides: Record<string, unknown> = { ...current.overrides };
  const changes: SettingChange[] = [];
  for (const key of SETTING_KEYS) {
    const next = input[key];
    if (sameValue(next, effective[key])) continue;
    changes.push({ key, from: effective[key], to: next });
    if (sameValue(next, defaults[key])) delete overrides[key];
    else overrides[key] = next;
  }
  if (!changes.length) return { version: current.version, changes };
  const version = await storeVersion(current, overrides, 'settings.update', changes, ctx);
  return { version, changes };
}

/** Puts one setting back to its environment default. */
export async function resetSetting(
  input: { key: SettingKey; version: number },
  base: Config,
  ctx: ActionContext,
): Promise<{ version: number; changes: SettingChange[] }> {
  await assertAdmin(ctx);
  const current = await currentFor(input);
  if (!(input.key in current.overrides)) return { version: current.version, changes: [] };
  const defaults = defaultsFrom(base);
  const overrides: Partial<SettingsValues> = { ...current.overrides };
  const from = overrides[input.key] as SettingsValues[SettingKey];
  delete overrides[input.key];
  const changes: SettingChange[] = [{ key: input.key, from, to: defaults[input.key] }];
  const version = await storeVersion(current, overrides, 'settings.reset', changes, ctx);
  return { version, changes };
}
