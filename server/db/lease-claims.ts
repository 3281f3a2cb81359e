// Claims with a lease (architecture.md §4), one implementation for every kind of work item: a
// worker owns an item by inserting `{item, generation}` under a unique index — the only
// coordination FerretDB 1.x makes atomic. A claim whose lease ran out (its owner presumed dead)
// is taken over by inserting generation + 1; the old owner learns it has lost the item through
// `stillOwns`. A claim document is only ever updated by the worker that inserted it (renew,
// release). Used by the outbox (mail) and the reminder scheduler; notice pages keep claims under
// computed `_id`s instead (notifications/notice-run/mongo-store.ts) because every lookup there
// must be by `_id` to stay fast on FerretDB's SQLite backend.
import type { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from './unique-insert.js';

/** The latest claim of an item, as far as taking it over is concerned. */
export interface ClaimState {
  generation: number;
  leaseUntil: Date;
  releasedAt?: Date | null;
}

/** How one claim collection names its fields. */
export interface LeaseClaimSpec {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- claim models differ in their other fields
  model: Model<any>;
  /** The field holding the claimed item's id (e.g. `messageId`). */
  itemField: string;
  /** The field naming the claimant (e.g. `workerId`). */
  holderField: string;
}

/** Statistics of this process (tests prove races with them). */
export const claimStats = { lostInserts: 0 };

export interface LeaseClaims {
  /** The item's latest claim, or null. */
  latest(item: Types.ObjectId): Promise<ClaimState | null>;
  /**
   * Takes the item unless its latest claim is live (not released, lease not over). A released
   * claim may be taken again only when `mayRetake` says so (e.g. the work is not final yet).
   * Returns the generation won, or null.
   */
  take(item: Types.ObjectId, holder: string, now: Date, leaseMs: number, opts?: { mayRetake?: (last: ClaimState) => Promise<boolean> | boolean }): Promise<number | null>;
  /** True while nobody has claimed a later generation (nobody took the item over). */
  stillOwns(item: Types.ObjectId, generation: number): Promise<boolean>;
  /** Extends the lease of our claim. */
  renew(item: Types.ObjectId, generation: number, leaseUntil: Date): Promise<void>;
  /** Ends our claim, so the next attempt need not wait for the lease. */
  release(item: Types.ObjectId, generation: number, now: Date): Promise<void>;
}

/** Lease claims over one claim collection. */
export function leaseClaims(spec: LeaseClaimSpec): LeaseClaims {
  const { model, itemField, holderField } = spec;
  const latest = async (item: Types.ObjectId): Promise<ClaimState | null> =>
    (await model.findOne({ [itemField]: item }).sort({ generation: -1 }).lean()) as ClaimState | null;
  return {
    latest,
    async take(item, holder, now, leaseMs, opts = {}) {
      const last = await latest(item);
      if (last && !last.releasedAt && last.leaseUntil.getTime() > now.getTime()) return null;
      if (last?.releasedAt && opts.mayRetake && !(await opts.mayRetake(last))) return null;
      const generation = (last?.generation ?? 0) + 1;
      try {
        await model.create({ [itemField]: item, generation, [holderField]: holder, claimedAt: now, leaseUntil: new Date(now.getTime() + leaseMs) });
        return generation;
      } catch (err) {
        // Another worker inserted this generation first: it owns the item.
        if (isDuplicateKeyError(err)) {
          claimStats.lostInserts++;
          return null;
        }
        throw err;
      }
    },
    async stillOwns(item, generation) {
      return !(await model.exists({ [itemField]: item, generation: { $gt: generation } }));
    },
    async renew(item, generation, leaseUntil) {
      await model.updateOne({ [itemField]: item, generation }, { $set: { leaseUntil } });
    },
    async release(item, generation, now) {
      await model.updateOne({ [itemField]: item, generation }, { $set: { releasedAt: now } });
    },
  };
}
