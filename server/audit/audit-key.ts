// The key of the audit trail (issue 11 item 10; domain.md §8.3, BIO 5.24/8.15). Each entry's hash
// is also sealed with an HMAC under a key kept outside the database (AUDIT_KEY, or a key file in
// DATA_DIR made once with mode 0600), so that someone who can write the database cannot rewrite the
// trail from any entry onwards and recompute a consistent chain: without the key the seals do not
// match. A small keying record in the database names which key sealed the trail (by a key id, never
// the key) and from which position on; it is sealed too.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_KEY_FILE = '.audit-key';

/**
 * The configured key, or the one kept in `dataDir/.audit-key`. With `create`, a missing key file is
 * made (the app and commands that write); without it (verification), a missing key is `undefined`.
 */
export function resolveAuditKey(
  configured: string | undefined,
  dataDir: string,
  create: boolean,
): string | undefined {
  if (configured) return configured;
  const file = join(dataDir, AUDIT_KEY_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  if (!create) return undefined;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

/** A public name of the key (not the key): tells which key sealed a trail. */
export function auditKeyId(key: string): string {
  return hmac(key, 'meldpunt:audit-key-id').slice(0, 16);
}

/** The seal of one entry: its position and hash under the key. */
export function entrySeal(key: string, seq: number, hash: string): string {
  return hmac(key, `meldpunt:audit-entry:${seq}:${hash}`);
}

/** The seal of the keying record. */
export function keyingSeal(key: string, keyedFrom: number, createdAt: Date): string {
  return hmac(key, `meldpunt:audit-keying:${keyedFrom}:${createdAt.toISOString()}`);
}

/** The seal of an anchor (a head written outside the database). */
export function anchorSeal(key: string, seq: number, hash: string): string {
  return hmac(key, `meldpunt:audit-anchor:${seq}:${hash}`);
}

/** Compares two hex seals in constant time. */
export function sealsEqual(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
