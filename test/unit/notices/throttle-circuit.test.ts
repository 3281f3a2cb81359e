// Throttle (token bucket) and circuit breaker of mass sends (architecture.md §3 rule 10).
import assert from 'node:assert/strict';
import { createThrottle, takeToken } from '../../../notifications/notice-run/throttle.js';
import { CircuitBreaker } from '../../../notifications/notice-run/circuit-breaker.js';

describe('unit: throttle and circuit breaker', () => {
  it('when tokens are taken faster than the rate, then the wait grows by 1/rate per message after the burst', () => {
    const cases: [number, number][] = [];
    let bucket = { tokens: 2, at: 0 };
    for (let i = 0; i < 5; i++) {
      const r = takeToken(bucket, 0, 10, 2);
      bucket = r.bucket;
      cases.push([i, r.waitMs]);
    }
    assert.deepEqual(cases, [
      [0, 0],
      [1, 0],
      [2, 100],
      [3, 200],
      [4, 300],
    ]);
    // After a pause the bucket refills, but never beyond its size.
    const later = takeToken({ tokens: -3, at: 0 }, 10_000, 10, 2);
    assert.equal(later.waitMs, 0);
    assert.equal(later.bucket.tokens, 1);
    // Rate 0 means no limit.
    assert.equal(takeToken({ tokens: -100, at: 0 }, 0, 0, 1).waitMs, 0);
  });

  it('when the throttle runs at 50 per second, then 100 sends wait about two seconds in total (fake time)', async () => {
    let now = 0;
    let waited = 0;
    const th = createThrottle(50, {
      burst: 1,
      now: () => now,
      sleep: (ms) => ((waited += ms), (now += ms), Promise.resolve()),
    });
    for (let i = 0; i < 100; i++) await th.acquire();
    assert.ok(waited >= 1960 && waited <= 2000, `waited ${waited}`);
  });

  it('when failures come in a row, then the breaker trips at the threshold; a success in between resets it; 0 never trips', () => {
    const b = new CircuitBreaker(3);
    assert.equal(b.failure(), false);
    assert.equal(b.failure(), false);
    b.success();
    assert.equal(b.failure(), false);
    assert.equal(b.failure(), false);
    assert.equal(b.failure(), true);
    assert.equal(b.failures, 3);
    const never = new CircuitBreaker(0);
    for (let i = 0; i < 1000; i++) assert.equal(never.failure(), false);
  });
});
