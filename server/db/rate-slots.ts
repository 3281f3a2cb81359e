// A rate limit shared by all processes (issue 11 item 8): instead of a token bucket in each worker
// (N workers sending at N times the rate), every send takes a slot of the current time window by
// inserting it under a unique key. A window of `windowMs` holds `perWindow` slots; when they are
// all taken, the sender waits for the next window. Correct on MongoDB and FerretDB alike, with any
// number of processes: the unique index decides (architecture.md §4).
import { RateSlot } from '../../models/rate-slot.model.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';

/** Slots already taken by another sender that this process tried (tests prove the race with it). */
export const rateSlotStats = { collisions: 0, taken: 0 };

/** The window and slots per window for a rate: whole seconds, at least one slot. */
export function slotPlan(ratePerSecond: number): { windowMs: number; perWindow: number } {
  const windowMs = Math.max(1000, Math.ceil(1000 / ratePerSecond));
  return { windowMs, perWindow: Math.max(1, Math.floor((ratePerSecond * windowMs) / 1000)) };
}

export interface RateSlots {
  /** Waits until a slot of `scope` at `ratePerSecond` is taken (at once when the rate is 0: unlimited). */
  acquire(scope: string, ratePerSecond: number): Promise<void>;
}

/** Creates the shared limiter; `now` and `sleep` are injectable. */
export function createRateSlots(
  opts: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): RateSlots {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // Per scope: the window this process last used and the next slot number worth trying in it.
  const hints = new Map<string, { window: number; n: number }>();
  return {
    async acquire(scope, ratePerSecond) {
      if (!(ratePerSecond > 0)) return;
      const { windowMs, perWindow } = slotPlan(ratePerSecond);
      for (;;) {
        const t = now();
        const window = Math.floor(t / windowMs);
        let hint = hints.get(scope);
        if (!hint || hint.window !== window) hint = { window, n: 0 };
        hints.set(scope, hint);
        while (hint.n < perWindow) {
          const n = hint.n++;
          try {
            await RateSlot.create({
              _id: `${scope}:${windowMs}:${window}:${n}`,
              scope,
              at: new Date(window * windowMs),
            });
            rateSlotStats.taken++;
            return;
          } catch (err) {
            if (!isDuplicateKeyError(err)) throw err;
            rateSlotStats.collisions++;
          }
        }
        await sleep(Math.max(1, (window + 1) * windowMs - now()));
      }
    },
  };
}

/** Removes slots of windows long past (run by the sweeper). */
export async function sweepRateSlots(now: Date): Promise<number> {
  const r = await RateSlot.deleteMany({ at: { $lt: new Date(now.getTime() - 10 * 60_000) } });
  return r.deletedCount;
}
