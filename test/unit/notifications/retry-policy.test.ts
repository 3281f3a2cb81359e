// The retry schedule as a table (architecture.md §3 rule 4): pure inputs, including now.
import assert from 'node:assert/strict';
import {
  backoffDelayMs,
  decideAfterAttempt,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
} from '../../../notifications/retry-policy.js';

const NOW = new Date('2026-01-05T09:00:00Z');
const POLICY: RetryPolicy = { baseDelayMs: 1000, factor: 2, maxDelayMs: 10_000, maxAttempts: 5 };
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('retry policy', () => {
  describe('backoffDelayMs', () => {
    const table: [attempts: number, expectedMs: number][] = [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000],
      [5, 10_000], // 16 s capped
      [50, 10_000],
      [10_000, 10_000], // no overflow to Infinity
      [0, 1000], // defensive: never less than the base delay
    ];
    for (const [attempts, expected] of table) {
      it(`when ${attempts} attempts were made, then the delay is ${expected} ms`, () => {
        assert.equal(backoffDelayMs(attempts, POLICY), expected);
      });
    }

    it('when the default policy is used, then delays grow from 1 minute and stop at 1 hour', () => {
      assert.equal(backoffDelayMs(1), 60_000);
      assert.equal(backoffDelayMs(2), 120_000);
      assert.equal(backoffDelayMs(DEFAULT_RETRY_POLICY.maxAttempts), 3_600_000);
    });
  });

  describe('decideAfterAttempt', () => {
    type Outcome = Parameters<typeof decideAfterAttempt>[0];
    const table: {
      when: string;
      outcome: Outcome;
      attempts: number;
      expected: ReturnType<typeof decideAfterAttempt>;
    }[] = [
      {
        when: 'the send succeeded',
        outcome: { ok: true },
        attempts: 1,
        expected: { status: 'sent', sentAt: NOW },
      },
      {
        when: 'the send succeeded on the last attempt',
        outcome: { ok: true },
        attempts: 5,
        expected: { status: 'sent', sentAt: NOW },
      },
      {
        when: 'the first attempt failed temporarily',
        outcome: { ok: false, kind: 'temporary' },
        attempts: 1,
        expected: { status: 'pending', nextAttemptAt: at(1000), delayMs: 1000 },
      },
      {
        when: 'the third attempt failed temporarily',
        outcome: { ok: false, kind: 'temporary' },
        attempts: 3,
        expected: { status: 'pending', nextAttemptAt: at(4000), delayMs: 4000 },
      },
      {
        when: 'the second-last attempt failed temporarily',
        outcome: { ok: false, kind: 'temporary' },
        attempts: 4,
        expected: { status: 'pending', nextAttemptAt: at(8000), delayMs: 8000 },
      },
      {
        when: 'the last attempt failed temporarily',
        outcome: { ok: false, kind: 'temporary' },
        attempts: 5,
        expected: { status: 'dead', reason: 'max-attempts' },
      },
      {
        when: 'more attempts than allowed failed',
        outcome: { ok: false, kind: 'temporary' },
        attempts: 9,
        expected: { status: 'dead', reason: 'max-attempts' },
      },
      {
        when: 'the server refused the first attempt (5xx): it may be repaired, so it is tried again',
        outcome: { ok: false, kind: 'permanent' },
        attempts: 1,
        expected: { status: 'pending', nextAttemptAt: at(1000), delayMs: 1000 },
      },
      {
        when: 'the server refused the fourth attempt',
        outcome: { ok: false, kind: 'permanent' },
        attempts: 4,
        expected: { status: 'pending', nextAttemptAt: at(8000), delayMs: 8000 },
      },
      {
        when: 'the message can never be sent (invalid data)',
        outcome: { ok: false, kind: 'invalid' },
        attempts: 1,
        expected: { status: 'failed', reason: 'invalid' },
      },
      {
        when: 'the server refused the last attempt too',
        outcome: { ok: false, kind: 'permanent' },
        attempts: 5,
        expected: { status: 'failed', reason: 'permanent' },
      },
    ];
    for (const { when, outcome, attempts, expected } of table) {
      it(`when ${when} (attempt ${attempts}), then internal mail becomes ${expected.status}`, () => {
        assert.deepEqual(
          decideAfterAttempt(outcome, attempts, NOW, POLICY, { retryRefused: true }),
          expected,
        );
      });
    }

    it('when a notice to an affected person is refused with 5xx, then it fails at once (a letter follows)', () => {
      for (const attempts of [1, 3, 5])
        assert.deepEqual(decideAfterAttempt({ ok: false, kind: 'permanent' }, attempts, NOW, POLICY), {
          status: 'failed',
          reason: 'permanent',
        });
    });

    it('when temporary failures repeat, then each retry waits at least as long as the one before', () => {
      let previous = 0;
      for (let attempts = 1; attempts < DEFAULT_RETRY_POLICY.maxAttempts; attempts++) {
        const d = decideAfterAttempt({ ok: false, kind: 'temporary' }, attempts, NOW);
        assert.equal(d.status, 'pending');
        if (d.status !== 'pending') return;
        assert.ok(d.delayMs >= previous, `attempt ${attempts}`);
        assert.ok(d.nextAttemptAt.getTime() > NOW.getTime());
        previous = d.delayMs;
      }
    });
  });
});
