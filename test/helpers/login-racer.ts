// A child process for the lockout race: its own database connection, then GUESSES parallel wrong
// sign-ins for one address from one client address, released by the parent's "go".
// Usage: node --import tsx login-racer.ts URI EMAIL GUESSES
import { authenticate, LockedOutError, LoginFailedError } from '../../server/auth/auth.service.js';
import { attemptSlotStats } from '../../server/db/attempt-slots.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, email, guesses] = process.argv.slice(2);
await connectChild(uri!);
await waitForGo();
const outcomes = await Promise.all(
  Array.from({ length: Number(guesses) }, (_, i) =>
    authenticate(
      email!,
      `wrong guess ${i} xyz`,
      { maxFailures: 5, lockMs: 15 * 60_000 },
      { ip: '198.51.100.7', via: 'web' },
      new Date(),
    ).then(
      () => 'accepted',
      (err: unknown) =>
        err instanceof LockedOutError
          ? 'locked'
          : err instanceof LoginFailedError
            ? 'checked'
            : `error: ${String(err)}`,
    ),
  ),
);
await finishChild({ outcomes, collisions: attemptSlotStats.collisions });
