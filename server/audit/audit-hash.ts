// The hash chain of the audit trail: pure functions, shared by writing and verifying.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields an entry's hash covers (everything but the hash itself). */
export interface HashedAuditFields {
  seq: number;
  at: Date;
  actor: unknown;
  action: string;
  object: unknown;
  result: string;
  origin: unknown;
  details: unknown;
  prevHash: string;
}

/** sha256 over the canonical form of the entry, including the previous entry's hash. */
export function auditHash(e: HashedAuditFields): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        object: e.object,
        result: e.result,
        origin: e.origin,
        details: e.details ?? null,
        prevHash: e.prevHash,
      }),
    )
    .digest('hex');
}
