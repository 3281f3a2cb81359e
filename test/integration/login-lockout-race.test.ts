// Issue 11 item 5: the sign-in lockout cannot be raced. 30 wrong guesses for one address, from
// three processes with their own database connections, released together by a barrier: at most
// five are checked, the rest are refused as locked, and then even the right password is refused
// from that client — while the owner signing in from elsewhere is not locked out by a stranger.
import assert from 'node:assert/strict';
import { startTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { startRacers } from '../helpers/race.js';
import { authenticate, LockedOutError } from '../../server/auth/auth.service.js';

describe('sign-in lockout under a real race', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when 30 wrong guesses arrive at once from three processes, then at most 5 are checked, and the right password is refused from that client', async () => {
    const user = await makeUser('privacy_officer');
    const racers = await startRacers<{ outcomes: string[]; collisions: number }>(
      'test/helpers/login-racer.ts',
      3,
      () => [uri, user.email, '10'],
    );
    const results = await racers.go();
    const outcomes = results.flatMap((r) => r.outcomes);
    const checked = outcomes.filter((o) => o === 'checked').length;
    const locked = outcomes.filter((o) => o === 'locked').length;
    const collisions = results.reduce((n, r) => n + r.collisions, 0);
    console.log(
      `      parallel guesses: 30; checked before the lock: ${checked}; refused as locked: ${locked}; attempt-number collisions: ${collisions}`,
    );
    assert.deepEqual(
      outcomes.filter((o) => o !== 'checked' && o !== 'locked'),
      [],
      'no guess errored or got in',
    );
    assert.ok(checked <= 5, `${checked} guesses were checked`);
    assert.ok(checked >= 1);
    assert.equal(checked + locked, 30);
    assert.ok(collisions > 0, 'the guesses really contended for attempt numbers');

    await assert.rejects(
      authenticate(
        user.email,
        user.password,
        { maxFailures: 5, lockMs: 15 * 60_000 },
        { ip: '198.51.100.7', via: 'web' },
        new Date(),
      ),
      LockedOutError,
      'the right password is refused from the guessing client while locked',
    );
    const owner = await authenticate(
      user.email,
      user.password,
      { maxFailures: 5, lockMs: 15 * 60_000 },
      { ip: '192.0.2.44', via: 'web' },
      new Date(),
    );
    assert.equal(owner.id, user.id, 'the owner elsewhere is not locked out by a stranger');
  });
});
