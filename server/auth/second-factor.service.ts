// The second factor of local accounts (issue 16 item 3): TOTP (RFC 6238, 30-second steps, six
// digits) from an authenticator app, and ten recovery codes shown once and stored as argon2id
// hashes. A code is accepted once: the step it belongs to must be later than the last accepted one,
// written with a conditional update so two parallel uses of one code cannot both pass.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { LoginAttempt } from '../../models/login-attempt.model.js';
import { attemptSlots } from '../db/attempt-slots.js';
import { Secret, TOTP, URI } from 'otpauth';
import { RecoveryCode, SecondFactor } from '../../models/second-factor.model.js';
import { SsoIdentity } from '../../models/sso-identity.model.js';
import { User, type Role } from '../../models/user.model.js';
import type { AuditOrigin } from '../audit/audit.service.js';
import { assertRole, type ActionContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { Types } from 'mongoose';
import { auditAction, auditOwnStep } from '../audit/audit-action.js';

const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_CODES = 10;
/** Codes of the step before and after are accepted too (clock drift of the phone). */
const WINDOW = 1;

/** Seals the TOTP secret at rest with its own key derived from the master secret. */
export class SecretSealer {
  private readonly key: Buffer;
  constructor(masterSecret: string) {
    this.key = Buffer.from(
      hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), 'meldpunt', 'second factor v1', 32),
    );
  }
  seal(secret: string, userId: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(`totp:${userId}`));
    const data = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return `t1.${Buffer.concat([iv, c.getAuthTag(), data]).toString('base64url')}`;
  }
  open(sealed: string, userId: string): string {
    const [v, payload] = sealed.split('.');
    if (v !== 't1' || !payload) throw new Error('second factor: unknown format');
    const raw = Buffer.from(payload, 'base64url');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAAD(Buffer.from(`totp:${userId}`));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
}

function totp(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: 'Meldpunt',
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, base32) for enrolment. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (as a QR code or typed in). */
export function totpUri(secret: string, accountLabel: string): string {
  return URI.stringify(totp(secret, accountLabel));
}

/** The secret in groups of four, easier to type. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** The time step a code belongs to, or null when it is wrong (checked around `now`). */
export function codeStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** Does the user have a confirmed second factor? */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await SecondFactor.countDocuments({ userId })) > 0;
}

/** The users (of those given) with a second factor. */
export async function usersWithSecondFactor(userIds: string[]): Promise<Set<string>> {
  const rows = await SecondFactor.find({ userId: { $in: userIds } }, { userId: 1 }).lean();
  return new Set(rows.map((r) => r.userId));
}

/** Must a local account with this role use a second factor? */
export function secondFactorRequired(role: Role, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(role);
}

function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const pick = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${pick()}-${pick()}`;
}

export type CodeOutcome = 'ok' | 'wrong' | 'replayed';

/**
 * Confirms enrolment with the first code from the app: stores the secret and new recovery codes
 * (returned once, in plain text, for the page to show). 'wrong' when the code does not fit.
 */
export async function confirmEnrolment(
  user: { id: string; email: string; role: string },
  secret: string,
  code: string,
  sealer: SecretSealer,
  origin: AuditOrigin,
  now: Date,
): Promise<{ outcome: 'ok'; recoveryCodes: string[] } | { outcome: 'wrong' }> {
  const step = codeStep(secret, code, now);
  if (step === null) {
    await auditOwnStep(user, origin, now, {
      action: 'auth.second-factor.enrol',
      object: { type: 'user', id: user.id, ref: user.email },
      result: 'denied',
      details: { reason: 'wrong-code' },
    });
    return { outcome: 'wrong' };
  }
  // A new enrolment replaces an earlier factor and its recovery codes.
  await SecondFactor.deleteMany({ userId: user.id });
  await RecoveryCode.deleteMany({ userId: user.id });
  await SecondFactor.create({
    userId: user.id,
    sealedSecret: sealer.seal(secret, user.id),
    lastStep: step,
    createdAt: now,
  });
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await RecoveryCode.insertMany(
    await Promise.all(
      recoveryCodes.map(async (c) => ({
        userId: user.id,
        hash: await hashPassword(c),
        usedAt: null,
        createdAt: now,
      })),
    ),
  );
  await auditOwnStep(user, origin, now, {
    action: 'auth.second-factor.enrol',
    object: { type: 'user', id: user.id, ref: user.email },
    details: { recoveryCodes: RECOVERY_CODES },
  });
  return { outcome: 'ok', recoveryCodes };
}

/** Checks a code from the app (once per step) or a recovery code (once ever); audits the outcome. */
export async function verifySecondFactor(
  user: { id: string; email: string; role: string },
  input: string,
  sealer: SecretSealer,
  origin: AuditOrigin,
  now: Date,
): Promise<CodeOutcome> {
  const object = { type: 'user', id: user.id, ref: user.email };
  const factor = await SecondFactor.findOne({ userId: user.id }).lean();
  if (!factor) return 'wrong';
  const typed = input.trim().toLowerCase();
  if (/^[a-z0-9]{5}-?[a-z0-9]{5}$/.test(typed)) {
    const code = typed.includes('-') ? typed : `${typed.slice(0, 5)}-${typed.slice(5)}`;
    const unused = await RecoveryCode.find({ userId: user.id, usedAt: null }).lean();
    for (const rc of unused) {
      if (!(await verifyPassword(rc.hash, code))) continue;
      // Spent once: only the request that flips usedAt from null wins.
      const spent = await RecoveryCode.updateOne({ _id: rc._id, usedAt: null }, { $set: { usedAt: now } });
      if (spent.modifiedCount !== 1) break;
      await auditOwnStep(user, origin, now, {
        action: 'auth.second-factor.recovery',
        object,
        details: { left: unused.length - 1 },
      });
      return 'ok';
    }
    await auditOwnStep(user, origin, now, {
      action: 'auth.second-factor.recovery',
      object,
      result: 'denied',
      details: { reason: 'wrong-or-used' },
    });
    return 'wrong';
  }
  const step = codeStep(sealer.open(factor.sealedSecret, user.id), typed, now);
  if (step === null) {
    await auditOwnStep(user, origin, now, {
      action: 'auth.second-factor.verify',
      object,
      result: 'denied',
      details: { reason: 'wrong-code' },
    });
    return 'wrong';
  }
  const taken = await SecondFactor.updateOne(
    { _id: factor._id, lastStep: { $lt: step } },
    { $set: { lastStep: step } },
  );
  if (taken.modifiedCount !== 1) {
    await auditOwnStep(user, origin, now, {
      action: 'auth.second-factor.verify',
      object,
      result: 'denied',
      details: { reason: 'replayed' },
    });
    return 'replayed';
  }
  await auditOwnStep(user, origin, now, { action: 'auth.second-factor.verify', object });
  return 'ok';
}

/** How many unused recovery codes the user has left. */
export async function recoveryCodesLeft(userId: string): Promise<number> {
  return RecoveryCode.countDocuments({ userId, usedAt: null });
}

/** An administrator removes a user's second factor (lost phone): the next sign-in sets up a new one. */
export async function resetSecondFactor(userId: string, ctx: ActionContext): Promise<void> {
  assertRole(ctx.user, 'admin');
  if (!Types.ObjectId.isValid(userId)) throw new NotFoundError();
  const user = await User.findById(userId).lean();
  if (!user) throw new NotFoundError();
  const removed = await SecondFactor.deleteMany({ userId });
  await RecoveryCode.deleteMany({ userId });
  await auditAction(ctx, {
    action: 'auth.second-factor.reset',
    object: { type: 'user', id: userId, ref: user.email },
    details: { hadFactor: removed.deletedCount > 0 },
  });
}

/** Users as the admin list shows them, with the state of their second factor (issue 16). */
export async function withSecondFactorStatus<U extends { id: string }>(
  users: U[],
): Promise<(U & { secondFactor: 'on' | 'off' | 'sso' })[]> {
  const ids = users.map((u) => u.id);
  const on = await usersWithSecondFactor(ids);
  const sso = new Set(
    (await SsoIdentity.find({ userId: { $in: ids } }, { userId: 1 }).lean()).map((r) => r.userId),
  );
  return users.map((u) => ({ ...u, secondFactor: on.has(u.id) ? 'on' : sso.has(u.id) ? 'sso' : 'off' }));
}

/** Wrong codes per user allowed in the sign-in lock window, across password entries and clients. */
const CODE_FAILURES_FACTOR = 2;

/**
 * Counts a code attempt against the user in the database (shared by every process), so guessing
 * codes cannot go on by entering the password again: at most twice the sign-in failure limit of
 * wrong codes per lock window. Call `settle(true)` when the code was right.
 */
export async function takeCodeAttempt(
  userId: string,
  policy: { maxFailures: number; lockMs: number },
  now: Date,
): Promise<{ allowed: true; settle(ok: boolean): Promise<void> } | { allowed: false; minutes: number }> {
  const key = createHash('sha256').update(`second-factor:${userId}`).digest('hex');
  const slots = attemptSlots({ model: LoginAttempt, windowMs: policy.lockMs });
  const ticket = await slots.take([{ key, max: policy.maxFailures * CODE_FAILURES_FACTOR }], now);
  if (!ticket.allowed)
    return {
      allowed: false,
      minutes: Math.max(1, Math.ceil((ticket.retryAt!.getTime() - now.getTime()) / 60_000)),
    };
  return { allowed: true, settle: async (ok) => (ok ? slots.clear(key) : undefined) };
}
