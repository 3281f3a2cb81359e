// Rate limiting for mass sends (architecture.md §3 rule 10): a token bucket. The decision is a pure
// function of the bucket, the time and the rate; the limiter around it only waits.

/** A token bucket: `tokens` available at time `at` (ms). */
export interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Takes one token at `now` (ms): returns the new bucket and how long to wait before sending.
 * A rate of 0 (or less) means unlimited. `burst` is the bucket size.
 */
export function takeToken(
  bucket: Bucket,
  now: number,
  ratePerSecond: number,
  burst: number,
): { bucket: Bucket; waitMs: number } {
  if (!(ratePerSecond > 0)) return { bucket, waitMs: 0 };
  const size = Math.max(1, burst);
  const refilled = Math.min(size, bucket.tokens + ((now - bucket.at) * ratePerSecond) / 1000);
  const tokens = refilled - 1;
  // A negative balance is the debt this send runs up; it is paid off by waiting.
  const waitMs = tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / ratePerSecond);
  return { bucket: { tokens, at: now }, waitMs };
}

/** Waits as the rate requires before each send; shared by all sends of one worker. */
export interface Throttle {
  acquire(): Promise<void>;
  setRate(ratePerSecond: number): void;
}

/** Creates a throttle; `now` and `sleep` are injectable for tests. */
export function createThrottle(
  ratePerSecond: number,
  opts: { burst?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): Throttle {
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let rate = ratePerSecond;
  // A burst of a tenth of a second's worth keeps the pace even without starving the pool.
  const burstFor = (r: number) => opts.burst ?? Math.max(1, Math.ceil(r / 10));
  let bucket: Bucket = { tokens: burstFor(rate), at: now() };
  return {
    async acquire() {
      const r = takeToken(bucket, now(), rate, burstFor(rate));
      bucket = r.bucket;
      if (r.waitMs > 0) await sleep(r.waitMs);
    },
    setRate(next: number) {
      if (next === rate) return;
      rate = next;
      bucket = { tokens: Math.min(bucket.tokens, burstFor(rate)), at: now() };
    },
  };
}
