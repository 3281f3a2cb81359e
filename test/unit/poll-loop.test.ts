// The shared polling loop (server/db/poll-loop.ts): again at once while work is waiting, otherwise
// after the interval; a failing pass is reported and the loop goes on; stop() waits for the pass.
import assert from 'node:assert/strict';
import { pollLoop } from '../../server/db/poll-loop.js';

describe('poll loop', () => {
  it('when passes report more work, then the next pass runs at once; when not, the loop waits for the interval', async () => {
    let passes = 0;
    let reachedThird!: () => void;
    const third = new Promise<void>((ok) => (reachedThird = ok));
    const loop = pollLoop(
      () => {
        passes++;
        if (passes === 3) reachedThird();
        return Promise.resolve(passes < 3);
      },
      (err) => assert.fail(String(err)),
    );
    loop.start(60_000);
    await third;
    await loop.stop();
    assert.equal(passes, 3, 'two passes with more work, then one without, then the long wait');
  });

  it('when a pass fails, then the error is reported and the loop goes on; stop() waits for the pass in progress', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    let finishSecond!: () => void;
    let secondStarted!: () => void;
    const started = new Promise<void>((ok) => (secondStarted = ok));
    let finished = false;
    const loop = pollLoop(
      async () => {
        passes++;
        if (passes === 1) throw new Error('database down');
        secondStarted();
        await new Promise<void>((ok) => (finishSecond = ok));
        finished = true;
        return false;
      },
      (err) => errors.push(err),
    );
    loop.start(1);
    await started;
    const stopping = loop.stop();
    finishSecond();
    await stopping;
    assert.equal(finished, true, 'stop() waited for the pass');
    assert.equal((errors[0] as Error).message, 'database down');
    assert.equal(passes, 2);
  });
});
