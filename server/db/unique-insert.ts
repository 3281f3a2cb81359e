// Coordination by inserting under a unique key (architecture.md §4). Correctness comes from the
// database's unique index alone; the per-process queue only avoids needless collisions between
// requests of the same process.
import type { Model } from 'mongoose';
import type { SequenceDoc } from '../../models/sequence.model.js';

/** True for MongoDB's duplicate-key error (E11000), as raised by MongoDB and FerretDB. */
export function isDuplicateKeyError(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    ((err as { code?: unknown }).code === 11000 || /E11000/.test(String((err as Error).message)))
  );
}

const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `fn` after the previous call with the same key on the same owner has settled. */
export function serialised<T>(owner: object, key: string, fn: () => Promise<T>): Promise<T> {
  let perOwner = queues.get(owner);
  if (!perOwner) {
    perOwner = new Map();
    queues.set(owner, perOwner);
  }
  const prev = perOwner.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  perOwner.set(key, tail);
  void tail.then(() => {
    if (perOwner.get(key) === tail) perOwner.delete(key);
  });
  return run;
}

/**
 * Takes the next number in `scope`: reads the highest taken, inserts highest + 1 under the unique
 * index and retries on a duplicate. Gap-free and never reused, across any number of processes.
 */
export async function nextSequence(
  model: Model<SequenceDoc>,
  scope: string,
  maxAttempts = 1000,
): Promise<number> {
  return serialised(model, scope, async () => {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const top = await model.findOne({ scope }).sort({ seq: -1 }).select({ seq: 1 }).lean();
      const seq = (top?.seq ?? 0) + 1;
      try {
        await model.create({ scope, seq, takenAt: new Date() });
        return seq;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // Another process took it; back off a little so contenders spread out.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 + attempt * 2)));
      }
    }
    throw new Error(`could not take a sequence number in ${scope}`);
  });
}
