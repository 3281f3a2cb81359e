// A child process for the first-administrator race: its own database connection, then ATTEMPTS
// concurrent uses of one setup link, released by the parent's "go"; prints the outcomes and how
// many uses lost the setup claim at the unique key. The password-strength estimator is warmed
// before "ready", so the uses reach the claim together.
// Usage: node --import tsx setup-racer.ts URI TOKEN ATTEMPTS NAME
import { completeSetup, setupStats } from '../../server/auth/auth.service.js';
import { AppError } from '../../server/errors.js';
import { passwordStrengthProblem } from '../../server/users/password-strength.js';
import { connectChild, finishChild, waitForGo } from './race.js';
import '../../models/index.js';

const [uri, token, attempts, name] = process.argv.slice(2);
await connectChild(uri!);
await passwordStrengthProblem('kaars fiets onweer lepel', []);
await waitForGo();
const outcomes = await Promise.all(
  Array.from({ length: Number(attempts) }, (_, i) =>
    completeSetup(
      token!,
      {
        email: `${name}-${i}@example.test`,
        name: `Beheerder ${name} ${i}`,
        password: 'kaars fiets onweer lepel',
      },
      { via: 'web' },
      new Date(),
    ).then(
      (user) => (user ? 'created' : 'refused'),
      (err: unknown) => (err instanceof AppError ? err.code : `error: ${String(err)}`),
    ),
  ),
);
await finishChild({ outcomes, lostClaims: setupStats.lostClaims });
