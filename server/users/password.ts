// Password hashing with argon2id (architecture.md §5).
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 12;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Verifies a password against its hash; false for any malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A random password that is easy to read aloud or type (no look-alike characters). */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

// A hash of a random password, verified against when the user is unknown so that timing does
// not reveal whether an e-mail address has an account.
let dummyHash: Promise<string> | undefined;
/** The hash used for unknown users. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(generatePassword(24));
  return dummyHash;
}
