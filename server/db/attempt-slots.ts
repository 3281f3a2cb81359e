// Counted attempts shared by all processes (issue 11 item 5; architecture.md §4): before an
// attempt is let through, it takes the next number of each of its keys by inserting `{key, n}`
// under a unique index — the insert decides, so parallel attempts in any number of processes
// cannot all pass the count before any of them is written. The attempt is allowed only when, for
// every key, fewer than that key's maximum attempts with a lower number fall in the window. Slots
// stay as the record of counted attempts until the caller forgets them (e.g. a success) or they
// leave the window and are swept.
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';

/** A key and how many attempts it may hold in the window. */
export interface AttemptLimit {
  key: string;
  max: number;
}

/** One attempt, holding a numbered slot under each of its keys. */
export interface AttemptTicket {
  /** True when every key had room for this attempt. */
  allowed: boolean;
  /** When refused: when the oldest attempt counted against a full key leaves the window. */
  retryAt: Date | undefined;
  /** Removes this attempt's own slot under the given keys (all its keys when none are given). */
  forget(keys?: string[]): Promise<void>;
}

export interface AttemptSlots {
  /** Takes a slot under every key; a refused attempt keeps no slot (it is not counted). */
  take(limits: AttemptLimit[], now: Date): Promise<AttemptTicket>;
  /** Forgets every attempt of a key (e.g. a client's failures once it succeeded). */
  clear(key: string): Promise<void>;
  /** Removes slots older than the window; returns how many. */
  sweep(now: Date): Promise<number>;
}

/** Numbers another attempt took first, seen by this process (tests prove races with it). */
export const attemptSlotStats = { collisions: 0 };

/**
 * Attempt slots over one collection with fields `key`, `n`, `at` and a unique (key, n) index;
 * `windowMs` is how long an attempt counts.
 */
export function attemptSlots(spec: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- slot models differ in name and collection
  model: Model<any>;
  windowMs: number;
}): AttemptSlots {
  const { model, windowMs } = spec;

  /** Takes the next number of `key`; whether fewer than `max` earlier ones are in the window. */
  async function takeOne(
    key: string,
    max: number,
    since: Date,
    now: Date,
  ): Promise<{ n: number; allowed: boolean; oldest: number | undefined }> {
    for (let tries = 0; tries < 100; tries++) {
      const last = (await model.findOne({ key }, { n: 1 }).sort({ n: -1 }).lean()) as { n: number } | null;
      const n = (last?.n ?? 0) + 1;
      try {
        await model.create({ key, n, at: now });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        attemptSlotStats.collisions++;
        continue; // another attempt took this number: take the next
      }
      // Earlier numbers still being decided count as well: they may yet become failures.
      const before = (await model
        .find({ key, n: { $lt: n }, at: { $gt: since } }, { at: 1 })
        .sort({ n: -1 })
        .limit(max)
        .lean()) as { at: Date }[];
      return {
        n,
        allowed: before.length < max,
        oldest: before.length ? before[before.length - 1]!.at.getTime() : undefined,
      };
    }
    throw new Error('could not record the attempt');
  }

  return {
    async take(limits, now) {
      const since = new Date(now.getTime() - windowMs);
      const taken: { key: string; n: number; allowed: boolean; oldest: number | undefined }[] = [];
      for (const { key, max } of limits) taken.push({ key, ...(await takeOne(key, max, since, now)) });
      const forget = async (keys?: string[]) => {
        const mine = taken.filter((t) => !keys || keys.includes(t.key));
        if (mine.length) await model.deleteMany({ $or: mine.map((t) => ({ key: t.key, n: t.n })) });
      };
      const full = taken.filter((t) => !t.allowed);
      if (!full.length) return { allowed: true, retryAt: undefined, forget };
      // Refused without trying: the refusal itself is not counted.
      await forget();
      const until = Math.max(...full.map((t) => (t.oldest ?? now.getTime()) + windowMs));
      return { allowed: false, retryAt: new Date(until), forget };
    },
    async clear(key) {
      await model.deleteMany({ key });
    },
    async sweep(now) {
      return (await model.deleteMany({ at: { $lt: new Date(now.getTime() - windowMs) } })).deletedCount;
    },
  };
}
