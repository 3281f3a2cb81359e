// The coordination module's concurrency pool (issue 11): never more than `width` in flight, items
// started in order, a stop condition that starts nothing further, and errors after in-flight work.
import assert from 'node:assert/strict';
import { runPool } from '../../server/db/concurrency-pool.js';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { done, open };
}

describe('coordination: the concurrency pool', () => {
  it('when 20 items run with width 3, then at most 3 are in flight and every item runs once, started in order', async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    await runPool(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (i) => {
        started.push(i);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
      },
    );
    assert.equal(most, 3);
    assert.deepEqual(
      started,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('when the stop condition turns true, then no further item starts and those in flight finish', async () => {
    const gates = Array.from({ length: 6 }, gate);
    const finished: number[] = [];
    let halted = false;
    const run = runPool(
      [0, 1, 2, 3, 4, 5],
      2,
      async (i) => {
        await gates[i]!.done;
        finished.push(i);
      },
      () => halted,
    );
    gates[0]!.open();
    await new Promise((r) => setImmediate(r));
    halted = true;
    gates[1]!.open();
    gates[2]!.open();
    await run;
    // 0 and 1 started first; 2 started when 0 finished (before the halt); nothing after.
    assert.deepEqual(finished.sort(), [0, 1, 2]);
  });

  it('when an item fails, then the pool rejects with that error after the items in flight settle', async () => {
    const slow = gate();
    let slowDone = false;
    const run = runPool([0, 1, 2], 2, async (i) => {
      if (i === 0) throw new Error('kapot');
      if (i === 1) {
        await slow.done;
        slowDone = true;
      }
    });
    setImmediate(() => slow.open());
    await assert.rejects(run, /kapot/);
    assert.ok(slowDone, 'the item in flight finished first');
  });

  it('when the list is empty, then nothing runs', async () => {
    let ran = false;
    await runPool([], 4, () => {
      ran = true;
      return Promise.resolve();
    });
    assert.equal(ran, false);
  });
});
