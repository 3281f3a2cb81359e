// Users: creating, listing, changing roles and deactivating (admin only, checked here).
import { Types } from 'mongoose';
import { User, type Role } from '../../models/user.model.js';

import { assertRole, type ActionContext, type SessionUser } from '../context.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { generatePassword, hashPassword } from './password.js';
import type { CreateUserInput } from './users.schema.js';
import { auditAction } from '../audit/audit-action.js';

/** A user as lists and pages show it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: 'nl' | 'en';
  active: boolean;
  createdAt: Date;
}

function toView(u: {
  _id: Types.ObjectId;
  email: string;
  name: string;
  role: string;
  language: string;
  active: boolean;
  createdAt: Date;
}): UserView {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    role: u.role as Role,
    language: u.language === 'en' ? 'en' : 'nl',
    active: u.active,
    createdAt: u.createdAt,
  };
}

/** Inserts a user; the e-mail address is unique (duplicate → a field error, nothing stored). */
export async function insertUser(
  input: CreateUserInput & { password: string },
  now: Date,
): Promise<UserView> {
  try {
    const doc = await User.create({
      email: input.email,
      name: input.name,
      role: input.role,
      language: input.language,
      active: true,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
    });
    return toView(doc);
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ValidationError({ email: 'field.emailTaken' });
    throw err;
  }
}

/** Admin creates a user with a generated temporary password, shown once. */
export async function createUser(
  input: CreateUserInput,
  ctx: ActionContext,
): Promise<{ user: UserView; password: string }> {
  assertRole(ctx.user, 'admin');
  const password = generatePassword();
  const user = await insertUser({ ...input, password }, ctx.now);
  await auditAction(ctx, {
    action: 'user.create',
    object: { type: 'user', id: user.id, ref: user.email },
    details: { role: user.role },
  });
  return { user, password };
}

/** All users, newest first (admin only). */
export async function listUsers(ctx: ActionContext): Promise<UserView[]> {
  assertRole(ctx.user, 'admin');
  const rows = await User.find({}).sort({ createdAt: -1 }).lean();
  return rows.map(toView);
}

/** Active users with one of the roles (for mail recipients); not tied to a request. */
export async function activeUsersWithRole(...roles: Role[]): Promise<UserView[]> {
  const rows = await User.find({ role: { $in: roles }, active: true }).lean();
  return rows.map(toView);
}

/** Changes a user's role or active flag; admins cannot lock themselves out or remove the last admin. */
export async function updateUser(
  id: string,
  change: { role?: Role; active?: boolean },
  ctx: ActionContext,
): Promise<UserView> {
  assertRole(ctx.user, 'admin');
  if (!Types.ObjectId.isValid(id)) throw new NotFoundError();
  if (id === ctx.user.id) throw new ConflictError('SELF_CHANGE', 'users.cannotChangeSelf');
  const user = await User.findById(id).lean();
  if (!user) throw new NotFoundError();
  const losesAdmin =
    user.role === 'admin' &&
    user.active &&
    (change.active === false || (change.role && change.role !== 'admin'));
  if (losesAdmin) {
    const admins = await User.countDocuments({ role: 'admin', active: true });
    if (admins <= 1) throw new ConflictError('LAST_ADMIN', 'users.lastAdmin');
  }
  const set: Record<string, unknown> = { updatedAt: ctx.now };
  if (change.role) set.role = change.role;
  if (change.active !== undefined) set.active = change.active;
  await User.updateOne({ _id: user._id }, { $set: set });
  await auditAction(ctx, {
    action: 'user.update',
    object: { type: 'user', id, ref: user.email },
    details: { from: { role: user.role, active: user.active }, to: change },
  });
  const updated = await User.findById(id).lean();
  return toView(updated!);
}

/** The signed-in user's own language preference. */
export async function setOwnLanguage(user: SessionUser, language: 'nl' | 'en', now: Date): Promise<void> {
  await User.updateOne({ _id: user.id }, { $set: { language, updatedAt: now } });
}

/** Loads the session user; null when the account is gone or deactivated. */
export async function loadSessionUser(id: unknown): Promise<SessionUser | null> {
  if (typeof id !== 'string' || !Types.ObjectId.isValid(id)) return null;
  const u = await User.findById(id).lean();
  if (!u || !u.active) return null;
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    role: u.role,
    language: u.language === 'en' ? 'en' : 'nl',
  };
}
