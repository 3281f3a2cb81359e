// The shared lease claims (server/db/lease-claims.ts), used by the outbox and the reminder
// scheduler: one owner per generation under a real race, takeover of an expired lease, an old
// owner that learns it lost the item, release and retake.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { startRacers } from '../../helpers/race.js';
import { leaseClaims } from '../../../server/db/lease-claims.js';
import { OutboxClaim } from '../../../models/outbox-claim.model.js';

describe('coordination: claims with a lease', function () {
  this.timeout(120_000);
  let uri: string;
  const claims = leaseClaims({ model: OutboxClaim, itemField: 'messageId', holderField: 'workerId' });
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when three processes try to take one item at once (five tries each, behind a barrier), then exactly one wins', async () => {
    const item = new Types.ObjectId();
    const racers = await startRacers<{ won: number[]; lostInserts: number }>('test/helpers/claim-racer.ts', 3, () => [uri, String(item), '5']);
    const results = await racers.go();
    const won = results.flatMap((r) => r.won);
    const lost = results.reduce((n, r) => n + r.lostInserts, 0);
    console.log(`      tries: 15; won: ${won.length}; lost at the unique index: ${lost}`);
    assert.deepEqual(won, [1]);
    assert.ok(lost >= 1, 'some tries really reached the insert together');
    assert.equal(await OutboxClaim.countDocuments({ messageId: item }), 1);
  });

  it('when the lease runs out, then another worker takes over with the next generation and the old owner learns it', async () => {
    const item = new Types.ObjectId();
    const t0 = new Date('2026-06-01T10:00:00Z');
    assert.equal(await claims.take(item, 'a', t0, 1000), 1);
    assert.equal(await claims.take(item, 'b', new Date(t0.getTime() + 500), 1000), null, 'a live lease is respected');
    await claims.renew(item, 1, new Date(t0.getTime() + 2000));
    assert.equal(await claims.take(item, 'b', new Date(t0.getTime() + 1500), 1000), null, 'a renewed lease is respected');
    assert.equal(await claims.take(item, 'b', new Date(t0.getTime() + 2500), 1000), 2);
    assert.equal(await claims.stillOwns(item, 1), false);
    assert.equal(await claims.stillOwns(item, 2), true);
  });

  it('when a claim is released, then the item may be taken again at once — unless the caller says its work is final', async () => {
    const item = new Types.ObjectId();
    const t0 = new Date('2026-06-01T10:00:00Z');
    assert.equal(await claims.take(item, 'a', t0, 60_000), 1);
    await claims.release(item, 1, t0);
    assert.equal(await claims.take(item, 'b', t0, 60_000, { mayRetake: () => false }), null);
    assert.equal(await claims.take(item, 'b', t0, 60_000, { mayRetake: () => true }), 2);
    assert.equal((await claims.latest(item))?.generation, 2);
  });
});
