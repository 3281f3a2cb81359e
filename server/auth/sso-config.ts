// Single sign-on (issue 16): the role for a user's groups, by the map config.ts read. Pure.
import type { Role } from '../../models/user.model.js';
import type { RoleMapping } from '../config.js';

/** The role for a user's groups: the first map entry whose group the user is in; null when none. */
export function roleForGroups(map: readonly RoleMapping[], groups: readonly string[]): Role | null {
  const have = new Set(groups);
  return map.find((m) => have.has(m.group))?.role ?? null;
}

/** The groups in a claim value: a list of names, or one name (some providers send a string). */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
