// The shared lease claims (server/db/lease-claims.ts), used by the outbox, the reminder scheduler
// and the notice-run store: one owner per generation under a real race, takeover of an expired
// lease, an old owner that learns it lost the item, release and retake — for each of the claim
// collections the workers use, every one addressed by a computed _id per generation.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { startRacers } from '../../helpers/race.js';
import { leaseClaimsById, type LeaseClaims } from '../../../server/db/lease-claims.js';
import { NoticeClaim } from '../../../models/notice-claim.model.js';
import { OutboxClaim } from '../../../models/outbox-claim.model.js';
import { ReminderClaim } from '../../../models/reminder-claim.model.js';
import {
  claimOutboxMessage,
  outboxClaims,
  releaseClaim,
  stillOwnsClaim,
} from '../../../notifications/outbox-claims.js';
import { reminderClaims } from '../../../server/deadlines/reminder-scheduler.js';

describe('coordination: claims with a lease', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  const byId = leaseClaimsById<string>({
    model: NoticeClaim,
    idOf: (runId, g) => `${runId}:1:${g}`,
    generationField: 'gen',
    holderField: 'workerId',
    fields: (runId) => ({ runId: new Types.ObjectId(runId), part: '1' }),
  });
  /** A kind whose claims name their item by one ObjectId field. */
  const byItemId = (
    name: string,
    kind: string,
    claims: LeaseClaims<Types.ObjectId>,
    count: (item: Types.ObjectId) => Promise<number>,
  ) => ({
    name,
    kind,
    claims: claims as LeaseClaims<unknown>,
    item: () => new Types.ObjectId() as unknown,
    arg: String,
    count: (item: unknown) => count(item as Types.ObjectId),
  });
  const kinds = [
    byItemId('deadline reminders', 'reminder', reminderClaims, (reminderId) =>
      ReminderClaim.countDocuments({ reminderId }),
    ),
    byItemId('outbox mails', 'outbox', outboxClaims, (messageId) =>
      OutboxClaim.countDocuments({ messageId }),
    ),
    {
      name: 'notice pages',
      kind: 'notice',
      claims: byId as LeaseClaims<unknown>,
      item: () => String(new Types.ObjectId()) as unknown,
      arg: String,
      count: (item: unknown) => NoticeClaim.countDocuments({ runId: new Types.ObjectId(String(item)) }),
    },
  ];

  for (const k of kinds) {
    describe(k.name, () => {
      it('when three processes try to take one item at once (five tries each, behind a barrier), then exactly one wins', async () => {
        const item = k.item();
        const racers = await startRacers<{ won: number[]; lostInserts: number }>(
          'test/helpers/claim-racer.ts',
          3,
          () => [uri, k.arg(item), '5', k.kind],
        );
        const results = await racers.go();
        const won = results.flatMap((r) => r.won);
        const lost = results.reduce((n, r) => n + r.lostInserts, 0);
        console.log(`      tries: 15; won: ${won.length}; lost at the unique key: ${lost}`);
        assert.deepEqual(won, [1]);
        assert.ok(lost >= 1, 'some tries really reached the insert together');
        assert.equal(await k.count(item), 1);
      });

      it('when the lease runs out, then another worker takes over with the next generation and the old owner learns it', async () => {
        const { claims } = k;
        const item = k.item();
        const t0 = new Date('2026-06-01T10:00:00Z');
        assert.equal(await claims.take(item, 'a', t0, 1000), 1);
        assert.equal(
          await claims.take(item, 'b', new Date(t0.getTime() + 500), 1000),
          null,
          'a live lease is respected',
        );
        await claims.renew(item, 1, new Date(t0.getTime() + 2000));
        assert.equal(
          await claims.take(item, 'b', new Date(t0.getTime() + 1500), 1000),
          null,
          'a renewed lease is respected',
        );
        assert.equal(await claims.take(item, 'b', new Date(t0.getTime() + 2500), 1000), 2);
        assert.equal(await claims.stillOwns(item, 1), false);
        assert.equal(await claims.stillOwns(item, 2), true);
      });

      it('when a claim is released, then the item may be taken again at once — unless the caller says its work is final', async () => {
        const { claims } = k;
        const item = k.item();
        const t0 = new Date('2026-06-01T10:00:00Z');
        assert.equal(await claims.take(item, 'a', t0, 60_000), 1);
        await claims.release(item, 1, t0);
        assert.equal(await claims.take(item, 'b', t0, 60_000, { mayRetake: () => false }), null);
        assert.equal(await claims.take(item, 'b', t0, 60_000, { mayRetake: () => true }), 2);
        assert.equal((await claims.latest(item))?.generation, 2);
      });
    });
  }

  it('when _id-addressed claims are searched from a hint behind or ahead of the latest generation, then the next generation is still the one after the latest', async () => {
    const run = String(new Types.ObjectId());
    const t0 = new Date('2026-06-01T10:00:00Z');
    for (let g = 1; g <= 3; g++) {
      assert.equal(await byId.take(run, `w${g}`, t0, 60_000, { hint: g }), g);
      await byId.release(run, g, t0);
    }
    assert.equal((await byId.latest(run, 1))?.generation, 3, 'walks up from a hint behind');
    assert.equal((await byId.latest(run, 9))?.generation, 3, 'walks down from a hint ahead');
    assert.equal(await byId.take(run, 'w4', t0, 60_000, { hint: 9 }), 4);
    const stored = await NoticeClaim.findById(`${run}:1:4`).lean();
    assert.equal(stored?.gen, 4);
    assert.equal(stored?.part, '1');
    assert.equal(stored?.workerId, 'w4');
    assert.equal(String(stored?.runId), run);
  });
  it("when three processes race for one outbox message through the mail worker's own claims, then exactly one wins, the claim is found by its _id, and a takeover after the lease is the next generation", async () => {
    const message = new Types.ObjectId();
    const racers = await startRacers<{ won: number[]; lostInserts: number }>(
      'test/helpers/claim-racer.ts',
      3,
      () => [uri, String(message), '5', 'outbox'],
    );
    const results = await racers.go();
    const won = results.flatMap((r) => r.won);
    const lost = results.reduce((n, r) => n + r.lostInserts, 0);
    console.log(`      tries: 15; won: ${won.length}; lost at the unique key: ${lost}`);
    assert.deepEqual(won, [1]);
    assert.ok(lost >= 1, 'some tries really reached the insert together');
    const stored = await OutboxClaim.findById(`${String(message)}:1`).lean();
    assert.equal(String(stored?.messageId), String(message));
    assert.equal(stored?.generation, 1);
    assert.equal(await OutboxClaim.countDocuments({ messageId: message }), 1);

    const later = new Date(Date.now() + 120_000);
    assert.equal(await claimOutboxMessage(message, 'late', later, 60_000), 2, 'the racers lease ran out');
    assert.equal(await stillOwnsClaim(message, 1), false);
    await releaseClaim(message, 2, later);
    assert.equal(await claimOutboxMessage(message, 'again', later, 60_000), 3, 'released: taken at once');
  });
});
