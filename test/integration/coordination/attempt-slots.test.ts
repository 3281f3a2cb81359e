// The shared attempt limiter (server/db/attempt-slots.ts) behind sign-in: counts per key in a
// window, a refused attempt is not counted, forgetting and clearing, and the three sign-in keys
// (address with client, address, client) — the race itself is in login-lockout-race.test.ts.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { attemptSlots } from '../../../server/db/attempt-slots.js';
import { authenticate, LockedOutError, LoginFailedError } from '../../../server/auth/auth.service.js';
import { LoginAttempt } from '../../../models/login-attempt.model.js';

describe('coordination: counted attempts', function () {
  this.timeout(60_000);
  const slots = attemptSlots({ model: LoginAttempt, windowMs: 60_000 });
  before(async () => {
    await startTestDatabase();
  });

  it('when a key is full, then further attempts are refused until its oldest leaves the window, and refusals are not counted', async () => {
    const key = `k-${String(new Types.ObjectId())}`;
    const t0 = new Date('2026-06-01T10:00:00Z');
    for (let i = 0; i < 3; i++)
      assert.equal((await slots.take([{ key, max: 3 }], new Date(t0.getTime() + i * 1000))).allowed, true);
    const refused = await slots.take([{ key, max: 3 }], new Date(t0.getTime() + 5000));
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAt?.getTime(), t0.getTime() + 60_000);
    assert.equal(await LoginAttempt.countDocuments({ key }), 3, 'the refused attempt left no slot');
    assert.equal(
      (await slots.take([{ key, max: 3 }], new Date(t0.getTime() + 60_500))).allowed,
      true,
      'the oldest left the window',
    );
  });

  it('when one of several keys is full, then the attempt is refused and keeps no slot under any key', async () => {
    const a = `a-${String(new Types.ObjectId())}`;
    const b = `b-${String(new Types.ObjectId())}`;
    const now = new Date('2026-06-01T10:00:00Z');
    assert.equal(
      (
        await slots.take(
          [
            { key: a, max: 1 },
            { key: b, max: 5 },
          ],
          now,
        )
      ).allowed,
      true,
    );
    assert.equal(
      (
        await slots.take(
          [
            { key: a, max: 1 },
            { key: b, max: 5 },
          ],
          now,
        )
      ).allowed,
      false,
    );
    assert.equal(await LoginAttempt.countDocuments({ key: b }), 1);
  });

  it('when an attempt is forgotten under one key or a key is cleared, then only those slots go', async () => {
    const a = `a-${String(new Types.ObjectId())}`;
    const b = `b-${String(new Types.ObjectId())}`;
    const now = new Date('2026-06-01T10:00:00Z');
    await slots.take(
      [
        { key: a, max: 9 },
        { key: b, max: 9 },
      ],
      now,
    );
    const second = await slots.take(
      [
        { key: a, max: 9 },
        { key: b, max: 9 },
      ],
      now,
    );
    await second.forget([b]);
    assert.deepEqual(
      [await LoginAttempt.countDocuments({ key: a }), await LoginAttempt.countDocuments({ key: b })],
      [2, 1],
    );
    await slots.clear(a);
    assert.deepEqual(
      [await LoginAttempt.countDocuments({ key: a }), await LoginAttempt.countDocuments({ key: b })],
      [0, 1],
    );
  });

  it('when one client guesses at many addresses, then after 50 failed guesses it is braked for every address (the former per-client request limit)', async () => {
    const policy = { maxFailures: 5, lockMs: 15 * 60_000 };
    const origin = { ip: '203.0.113.50', via: 'web' as const };
    const now = new Date();
    const outcomes: string[] = [];
    for (let i = 0; i < 51; i++) {
      // Four guesses per address: never the per-address-and-client limit of five.
      outcomes.push(
        await authenticate(
          `spray-${Math.floor(i / 4)}@example.test`,
          'wrong guess xyz',
          policy,
          origin,
          now,
        ).then(
          () => 'accepted',
          (err: unknown) =>
            err instanceof LockedOutError
              ? 'locked'
              : err instanceof LoginFailedError
                ? 'checked'
                : String(err),
        ),
      );
    }
    assert.deepEqual(outcomes.slice(0, 50), Array<string>(50).fill('checked'));
    assert.equal(outcomes[50], 'locked');
    const user = await makeUser('reporter');
    await assert.rejects(
      authenticate(user.email, user.password, policy, origin, now),
      LockedOutError,
      'braked for an address it never tried',
    );
    const elsewhere = await authenticate(
      user.email,
      user.password,
      policy,
      { ip: '192.0.2.80', via: 'web' },
      now,
    );
    assert.equal(elsewhere.id, user.id, 'other clients are not braked');
  });
});
