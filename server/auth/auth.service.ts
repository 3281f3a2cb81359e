// Signing in (argon2id, lockout after repeated failures) and the first-run setup link.
import { createHash, randomBytes } from 'node:crypto';
import { LoginAttempt } from '../../models/login-attempt.model.js';
import { LoginFailure } from '../../models/login-failure.model.js';
import { attemptSlots } from '../db/attempt-slots.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { SetupClaim } from '../../models/setup-claim.model.js';
import { SetupToken } from '../../models/setup-token.model.js';
import { User } from '../../models/user.model.js';
import { recordAudit, type AuditOrigin } from '../audit/audit.service.js';
import { auditOwnStep, auditRefusedSignIn } from '../audit/audit-action.js';
import type { SessionUser } from '../context.js';
import { AppError, TooManyRequestsError, ValidationError } from '../errors.js';
import { dummyPasswordHash, verifyPassword } from '../users/password.js';
import { passwordStrengthProblem, personalWords } from '../users/password-strength.js';
import { insertUser } from '../users/users.service.js';

/** Wrong e-mail or password: one generic error for both, so accounts cannot be probed. */
export class LoginFailedError extends AppError {
  constructor() {
    super(401, 'LOGIN_FAILED', 'login.failed');
  }
}

/** The account (or the e-mail address tried) is locked for a while. */
export class LockedOutError extends TooManyRequestsError {
  constructor(readonly minutes: number) {
    super('login.locked');
  }
}

export interface LoginPolicy {
  maxFailures: number;
  lockMs: number;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** How many failed guesses per address may come from everywhere together, relative to one client's. */
const ANY_CLIENT_FACTOR = 10;

/** Sign-in attempts over the login_attempts collection, counted for the lock window. */
const loginSlots = (policy: LoginPolicy) => attemptSlots({ model: LoginAttempt, windowMs: policy.lockMs });

/** Checks the credentials; records failures; throws LockedOutError or LoginFailedError. */
export async function authenticate(
  email: string,
  password: string,
  policy: LoginPolicy,
  origin: AuditOrigin,
  now: Date,
  secondStep?: (user: SessionUser) => Promise<'none' | 'verify' | 'enrol'>,
): Promise<SessionUser> {
  const address = email.trim().toLowerCase();
  // Per client (so a stranger elsewhere cannot lock someone out with a few guesses), and per
  // address across all clients with a higher ceiling (so spreading guesses over many clients does
  // not help either).
  const clientKey = sha256(`login:${address}:${origin.ip ?? ''}`);
  const anyKey = sha256(`login:${address}`);
  // One limiter, shared by every process through the database (issue 11 item 5): each guess takes
  // a slot per key before the password is checked. Per client as well across all addresses, so
  // trying many accounts from one client is braked too.
  const clientOnlyKey = sha256(`login-client:${origin.ip ?? ''}`);
  const slots = loginSlots(policy);
  const guess = await slots.take(
    [
      { key: clientKey, max: policy.maxFailures },
      { key: anyKey, max: policy.maxFailures * ANY_CLIENT_FACTOR },
      { key: clientOnlyKey, max: policy.maxFailures * ANY_CLIENT_FACTOR },
    ],
    now,
  );
  if (!guess.allowed) {
    // Locked until the oldest of the counted attempts leaves the window.
    const minutes = Math.max(1, Math.ceil((guess.retryAt!.getTime() - now.getTime()) / 60_000));
    await auditRefusedSignIn(origin, { reason: 'locked' }, now);
    throw new LockedOutError(minutes);
  }
  const user = await User.findOne({ email: email.trim().toLowerCase() }).select('+passwordHash').lean();
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    // The attempt documents stay as the failures.
    await auditRefusedSignIn(origin, { reason: 'bad-credentials' }, now);
    throw new LoginFailedError();
  }
  // Signed in: this client's failures on this address are forgiven; the wider counts keep only
  // failures, so this guess leaves them.
  await slots.clear(clientKey);
  await guess.forget([anyKey, clientOnlyKey]);
  const sessionUser: SessionUser = {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language === 'en' ? 'en' : 'nl',
  };
  // With a second step still due (issue 16), the password alone is recorded; the sign-in is
  // recorded when the code is right.
  const step = secondStep ? await secondStep(sessionUser) : 'none';
  await auditOwnStep(sessionUser, origin, now, {
    action: step === 'none' ? 'auth.login' : 'auth.password',
    object: { type: 'session' },
    ...(step === 'none' ? {} : { details: { secondFactor: step } }),
  });
  return sessionUser;
}

/** Removes failure records older than the lock window (run by the sweeper). */
export async function sweepLoginFailures(policy: LoginPolicy, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - policy.lockMs);
  const removed = await loginSlots(policy).sweep(now);
  // Records of the earlier design (one document per failure) expire the same way.
  const old = await LoginFailure.deleteMany({ at: { $lt: cutoff } });
  return removed + old.deletedCount;
}

/** On an empty database, creates a one-time setup token (valid 24 h) and returns it; otherwise null. */
export async function issueSetupTokenIfEmpty(now: Date): Promise<string | null> {
  if ((await User.estimatedDocumentCount()) > 0 && (await User.countDocuments({})) > 0) return null;
  const token = randomBytes(24).toString('base64url');
  const created = await SetupToken.create({
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + 24 * 3600_000),
    createdAt: now,
  });
  // Only the newest link works (issue 11 item 11): links printed at earlier starts are withdrawn.
  await SetupToken.deleteMany({ _id: { $ne: created._id } });
  return token;
}

/** True when the token is valid and no user exists yet. */
export async function setupTokenUsable(token: string, now: Date): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const t = await SetupToken.findOne({ tokenHash: sha256(token) }).lean();
  if (!t || t.usedAt || t.expiresAt <= now) return false;
  return (await User.countDocuments({})) === 0;
}

/** Setup claims this process lost at the unique key (tests prove the race with it). */
export const setupStats = { lostClaims: 0 };

/** Creates the first administrator with a valid setup token; the token is then spent. */
export async function completeSetup(
  token: string,
  input: { email: string; name: string; password: string },
  origin: AuditOrigin,
  now: Date,
): Promise<SessionUser | null> {
  if (!(await setupTokenUsable(token, now))) return null;
  // The first administrator can do everything: the password must be hard to guess, not only long.
  const weak = await passwordStrengthProblem(input.password, personalWords(input.name, input.email));
  if (weak) throw new ValidationError({ password: weak });
  // One first administrator, ever (issue 11 item 6): the right to create it is claimed by inserting
  // under a fixed unique key before the user is created, so two concurrent uses of a setup link
  // (or of two links) cannot both create one. Checking "no users yet" first is not enough: both
  // checks can pass before either insert.
  try {
    await SetupClaim.create({ _id: 'first-admin', at: now });
  } catch (err) {
    if (isDuplicateKeyError(err)) {
      setupStats.lostClaims++;
      return null;
    }
    throw err;
  }
  let user;
  try {
    user = await insertUser({ ...input, role: 'admin', language: 'nl' }, now);
  } catch (err) {
    // Nothing was created: the link may be used again.
    await SetupClaim.deleteOne({ _id: 'first-admin' });
    throw err;
  }
  await SetupToken.updateMany({}, { $set: { usedAt: now } });
  await recordAudit(
    {
      actor: { kind: 'anonymous' },
      origin,
      action: 'setup.first-admin',
      object: { type: 'user', id: user.id, ref: user.email },
    },
    now,
  );
  return { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language };
}
