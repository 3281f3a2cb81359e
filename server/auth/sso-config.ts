// Single sign-on and second-factor settings (issue 16): parsing of the group-to-role map and the
// roles that must use a second factor. Pure: config.ts calls these while reading the environment.
import { ROLES, type Role } from '../../models/user.model.js';

/** One entry of OIDC_ROLE_MAP: members of `group` get `role`. The first entry that matches wins. */
export interface RoleMapping {
  readonly group: string;
  readonly role: Role;
}

function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

/**
 * Parses "group=role,group=role" (spaces around names are ignored; a group name may itself contain
 * "=" signs, the last one separates it from the role). Returns the problems instead of throwing.
 */
export function parseRoleMap(text: string): { map: RoleMapping[]; problems: string[] } {
  const map: RoleMapping[] = [];
  const problems: string[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.lastIndexOf('=');
    const group = at > 0 ? part.slice(0, at).trim() : '';
    const role = at > 0 ? part.slice(at + 1).trim() : '';
    if (!group || !isRole(role)) {
      problems.push(`"${part}" is not group=role with a role among ${ROLES.join(', ')}`);
      continue;
    }
    map.push({ group, role });
  }
  return { map, problems };
}

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

/** Parses MFA_REQUIRED_ROLES: a comma-separated list of roles, or "none". */
export function parseRoleList(text: string): { roles: Role[]; problems: string[] } {
  if (text.trim() === 'none') return { roles: [], problems: [] };
  const roles: Role[] = [];
  const problems: string[] = [];
  for (const r of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (isRole(r)) roles.push(r);
    else problems.push(`"${r}" is not a role (${ROLES.join(', ')}) nor "none"`);
  }
  return { roles, problems };
}
