// Coordination by inserting under a unique key (architecture.md §4). Correctness comes from the
// database's unique index alone; the per-process queue only avoids needless collisions between
// requests of the same process.
import type { Model } from 'mongoose';
import type { SequenceDoc } from '../sequence.model.js';

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

// The highest number known to be taken per model, database and scope. Every number below it is
// taken too (numbers are only ever inserted right after a taken one), so the next attempt can go
// straight to known + 1 instead of reading the highest again: on FerretDB 1.x that read scans the
// whole collection, while an insert is checked by the unique index alone.
const knownTaken = new WeakMap<object, Map<string, number>>();

/** Identifies the database a model talks to, so a reconnect elsewhere starts afresh. */
export function databaseKey(model: { db: { host?: string; port?: number; name?: string } }): string {
  return `${model.db.host ?? ''}:${model.db.port ?? ''}/${model.db.name ?? ''}`;
}

async function highestTaken(model: Model<SequenceDoc>, scope: string): Promise<number> {
  const top = await model.findOne({ scope }).sort({ seq: -1 }).select({ seq: 1 }).lean();
  return top?.seq ?? 0;
}

/** Numbers found taken by another writer, in this process (tests prove the race with it). */
export const numberStats = { collisions: 0 };

/**
 * Inserts a document under the next free number of `scope`: tries `insert(known + 1)` and, on a
 * duplicate key, the number after it — the unique index decides, so numbers are never taken twice,
 * and a number is only ever taken by the insert that uses it (no gaps, even if the process dies).
 * `highest` reads the highest number in use (a scan on FerretDB 1.x, so it is cached per process
 * and read again only after repeated collisions).
 */
export async function insertUnderNextNumber<T>(
  owner: { db: { host?: string; port?: number; name?: string } },
  scope: string,
  highest: () => Promise<number>,
  insert: (seq: number) => Promise<T>,
  maxAttempts = 1000,
): Promise<{ seq: number; result: T }> {
  return serialised(owner, scope, async () => {
    let cache = knownTaken.get(owner);
    if (!cache) knownTaken.set(owner, (cache = new Map<string, number>()));
    const key = `${databaseKey(owner)}#${scope}`;
    let known = cache.get(key) ?? (await highest());
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const seq = known + 1;
      try {
        const result = await insert(seq);
        cache.set(key, seq);
        return { seq, result };
      } catch (err) {
        if (!isDuplicateKeyError(err)) {
          cache.delete(key);
          throw err;
        }
        numberStats.collisions++;
        // Another process took it, so it and everything below it is taken; after several
        // collisions in a row the others are far ahead: read the highest again.
        known = attempt % 8 === 7 ? await highest() : seq;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, 1 + attempt)));
      }
    }
    throw new Error(`could not take a number in ${scope}`);
  });
}

/** Takes the next number of `scope` in a sequence collection (audit positions and other counters). */
export async function nextSequence(
  model: Model<SequenceDoc>,
  scope: string,
  maxAttempts = 1000,
): Promise<number> {
  const { seq } = await insertUnderNextNumber(
    model,
    scope,
    () => highestTaken(model, scope),
    (n) => model.create({ scope, seq: n, takenAt: new Date() }),
    maxAttempts,
  );
  return seq;
}
