// What the audit page shows instead of raw codes (issue 14 item 5): the readable name of an action
// and of its group, and the details as "key: value" lines. Pure.
import { translate, type Lang } from '../i18n/i18n.js';
import { auditActionMessages } from './audit-actions.messages.js';

const ACTION_PREFIX = 'audit.action.';
const GROUP_PREFIX = 'audit.group.';

/** Every action code with a name, in the catalogue's order. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(auditActionMessages.nl)
  .filter((k) => k.startsWith(ACTION_PREFIX))
  .map((k) => k.slice(ACTION_PREFIX.length));

/** The action groups (an action's first part, e.g. "incident"), in the catalogue's order. */
export const ACTION_GROUPS: readonly string[] = Object.keys(auditActionMessages.nl)
  .filter((k) => k.startsWith(GROUP_PREFIX))
  .map((k) => k.slice(GROUP_PREFIX.length));

/** The group of an action code: its part before the first dot. */
export function actionGroup(code: string): string {
  return code.split('.', 1)[0]!;
}

/** The readable name of an action; the code itself for one without a name (e.g. from an older version). */
export function actionLabel(lang: Lang, code: string): string {
  const key = `${ACTION_PREFIX}${code}`;
  return key in auditActionMessages.nl ? translate(lang, key) : code;
}

/** The groups as options of the page's filter, by their names. */
export function groupOptions(lang: Lang): { value: string; label: string }[] {
  return ACTION_GROUPS.map((g) => ({ value: g, label: translate(lang, `${GROUP_PREFIX}${g}`) })).sort(
    (a, b) => a.label.localeCompare(b.label, lang),
  );
}

/** One line of an entry's details. */
export interface DetailLine {
  key: string;
  value: string;
}

/** The details flattened to lines: nested keys joined with dots, lists with commas, empty ones left out. */
export function detailLines(details: unknown, prefix = ''): DetailLine[] {
  if (
    details === null ||
    details === undefined ||
    typeof details !== 'object' ||
    Array.isArray(details) ||
    details instanceof Date
  ) {
    const value = valueText(details);
    return value === '' ? [] : [{ key: prefix, value }];
  }
  const out: DetailLine[] = [];
  for (const [k, v] of Object.entries(details as Record<string, unknown>))
    out.push(...detailLines(v, prefix ? `${prefix}.${k}` : k));
  return out;
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(scalarText).join(', ');
  return scalarText(v);
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? '';
}
