// Issue 11 item 8: a send rate holds for all worker processes together. Three processes with their
// own connections, released together by a barrier, each take 12 slots of one scope at 6 per
// second: no window gets more than 6, all 36 are taken, and the processes really contended.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestDatabase } from '../../helpers/db.js';
import { startRacers } from '../../helpers/race.js';
import { RateSlot } from '../../../models/rate-slot.model.js';
import { slotPlan } from '../../../server/db/rate-slots.js';

describe('coordination: a rate shared by all processes', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when three processes send at once at 6 per second, then no second holds more than 6 sends', async () => {
    const scope = `test:${randomUUID()}`;
    const racers = await startRacers<{ at: number[]; collisions: number }>(
      'test/helpers/rate-racer.ts',
      3,
      () => [uri, scope, '6', '12'],
    );
    const results = await racers.go();
    const slots = await RateSlot.find({ scope }).lean();
    assert.equal(slots.length, 36, 'every send took one slot');
    const perWindow = new Map<number, number>();
    for (const s of slots) perWindow.set(s.at.getTime(), (perWindow.get(s.at.getTime()) ?? 0) + 1);
    const busiest = Math.max(...perWindow.values());
    const collisions = results.reduce((n, r) => n + r.collisions, 0);
    console.log(
      `      processes: 3; sends: 36; windows used: ${perWindow.size}; busiest window: ${busiest} (limit 6); slot collisions: ${collisions}`,
    );
    assert.ok(busiest <= 6, `a window held ${busiest} sends`);
    assert.ok(perWindow.size >= 6, 'the sends were spread over at least six windows');
    assert.ok(collisions > 0, 'the processes really contended for slots');
  });

  it('when the rate is below one per second or fractional, then windows and slots follow it', () => {
    assert.deepEqual(slotPlan(0.5), { windowMs: 2000, perWindow: 1 });
    assert.deepEqual(slotPlan(6), { windowMs: 1000, perWindow: 6 });
    assert.deepEqual(slotPlan(2.5), { windowMs: 1000, perWindow: 2 });
  });
});
