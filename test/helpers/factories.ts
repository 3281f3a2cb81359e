// Test data builders: each test makes its own, with unique e-mail addresses.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../models/user.model.js';
import { insertUser } from '../../server/users/users.service.js';
import type { SessionUser } from '../../server/context.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an active user with the role and the shared test password. */
export async function makeUser(
  role: Role,
  extra: { name?: string; email?: string; language?: 'nl' | 'en' } = {},
): Promise<SessionUser & { password: string }> {
  const email = extra.email ?? `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const u = await insertUser(
    {
      email,
      name: extra.name ?? `Test ${role}`,
      role,
      language: extra.language ?? 'nl',
      password: TEST_PASSWORD,
    },
    new Date(),
  );
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    language: u.language,
    password: TEST_PASSWORD,
  };
}
