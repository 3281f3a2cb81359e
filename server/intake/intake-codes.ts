// The secrets of the public report page (issue 15 items 2 and 5): the receipt code and passphrase a
// reporter gets once, and the signed token that proves the form was loaded from this server.
// The code is kept only as a keyed hash (to find the report), the passphrase only as argon2id.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hashPassword, verifyPassword } from '../users/password.js';

// No look-alike characters (0/O, 1/I/L): codes are copied from paper and read aloud.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const PASS_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function randomChars(alphabet: string, n: number): string {
  // 256 is not a multiple of the alphabet's length: bytes above the last full round are skipped.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < n)
    for (const b of randomBytes(n * 2)) if (b < limit && out.length < n) out += alphabet[b % alphabet.length];
  return out;
}

const groups = (s: string, size: number) => s.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');

/** A new receipt code: 16 characters in groups of four (about 79 bits). */
export function newReceiptCode(): string {
  return groups(randomChars(CODE_ALPHABET, 16), 4);
}

/** A new passphrase: 20 characters in groups of five (about 98 bits). */
export function newPassphrase(): string {
  return groups(randomChars(PASS_ALPHABET, 20), 5);
}

/** A typed receipt code without spaces and dashes, upper case; undefined when it cannot be one. */
export function normaliseReceiptCode(typed: string): string | undefined {
  const s = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{16}$/.test(s) ? s : undefined;
}

/** A typed passphrase without spaces and dashes, lower case. */
export function normalisePassphrase(typed: string): string {
  return typed.replace(/[\s-]/g, '').toLowerCase();
}

/** The keyed hash a receipt code is stored and found under. */
export function receiptCodeLookup(secret: string, code: string): string {
  return createHmac('sha256', secret)
    .update(`intake-code:${normaliseReceiptCode(code) ?? code}`)
    .digest('hex');
}

/** The argon2id hash of a passphrase. */
export function hashPassphrase(passphrase: string): Promise<string> {
  return hashPassword(normalisePassphrase(passphrase));
}

/** Checks a typed passphrase against its hash. */
export function verifyPassphrase(hash: string, typed: string): Promise<boolean> {
  return verifyPassword(hash, normalisePassphrase(typed));
}

const tokenMac = (secret: string, issuedAt: number) =>
  createHmac('sha256', secret).update(`intake-form:${issuedAt}`).digest('base64url');

/** The hidden token of a freshly loaded form: when it was loaded, signed by the server. */
export function newFormToken(secret: string, now: Date): string {
  const issuedAt = now.getTime();
  return `${issuedAt}.${tokenMac(secret, issuedAt)}`;
}

/** At least this long between loading the form and sending it: faster is a script, not a person. */
export const MIN_FILL_MS = 3_000;
/** A form older than this is loaded again (the token would otherwise last for ever). */
export const MAX_FORM_AGE_MS = 6 * 60 * 60_000;

/** Why a form token is refused, or null when it is good. */
export function formTokenProblem(
  secret: string,
  token: unknown,
  now: Date,
): 'missing' | 'forged' | 'tooFast' | 'expired' | null {
  if (typeof token !== 'string' || !token) return 'missing';
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'forged';
  const issuedAt = Number(m[1]);
  const expected = Buffer.from(tokenMac(secret, issuedAt));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
  const age = now.getTime() - issuedAt;
  if (age < MIN_FILL_MS) return 'tooFast';
  if (age > MAX_FORM_AGE_MS) return 'expired';
  return null;
}
