// Signing in (argon2id, lockout after repeated failures) and the first-run setup link.
import { createHash, randomBytes } from 'node:crypto';
import { LoginFailure } from '../../models/login-failure.model.js';
import { SetupToken } from '../../models/setup-token.model.js';
import { User } from '../../models/user.model.js';
import { recordAudit, type AuditOrigin } from '../audit/audit.service.js';
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

/** Checks the credentials; records failures; throws LockedOutError or LoginFailedError. */
export async function authenticate(
  email: string,
  password: string,
  policy: LoginPolicy,
  origin: AuditOrigin,
  now: Date,
): Promise<SessionUser> {
  const key = sha256(`login:${email.trim().toLowerCase()}`);
  const since = new Date(now.getTime() - policy.lockMs);
  const recentFailures = await LoginFailure.find({ key, at: { $gt: since } })
    .sort({ at: -1 })
    .limit(policy.maxFailures)
    .lean();
  if (recentFailures.length >= policy.maxFailures) {
    // Locked until the oldest of the last N failures leaves the window.
    const oldest = recentFailures[recentFailures.length - 1]!.at.getTime();
    const minutes = Math.max(1, Math.ceil((oldest + policy.lockMs - now.getTime()) / 60_000));
    await recordAudit(
      {
        actor: { kind: 'anonymous' },
        origin,
        action: 'auth.login',
        object: { type: 'session' },
        result: 'denied',
        details: { reason: 'locked' },
      },
      now,
    );
    throw new LockedOutError(minutes);
  }
  const user = await User.findOne({ email: email.trim().toLowerCase() }).select('+passwordHash').lean();
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || !user.active) {
    await LoginFailure.create({ key, at: now });
    await recordAudit(
      {
        actor: { kind: 'anonymous' },
        origin,
        action: 'auth.login',
        object: { type: 'session' },
        result: 'denied',
        details: { reason: 'bad-credentials' },
      },
      now,
    );
    throw new LoginFailedError();
  }
  await LoginFailure.deleteMany({ key });
  const sessionUser: SessionUser = {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language === 'en' ? 'en' : 'nl',
  };
  await recordAudit(
    {
      actor: { kind: 'user', id: sessionUser.id, label: sessionUser.email, role: sessionUser.role },
      origin,
      action: 'auth.login',
      object: { type: 'session' },
    },
    now,
  );
  return sessionUser;
}

/** Removes failure records older than the lock window (run by the sweeper). */
export async function sweepLoginFailures(policy: LoginPolicy, now: Date): Promise<number> {
  const r = await LoginFailure.deleteMany({ at: { $lt: new Date(now.getTime() - policy.lockMs) } });
  return r.deletedCount;
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
  const user = await insertUser({ ...input, role: 'admin', language: 'nl' }, now);
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
