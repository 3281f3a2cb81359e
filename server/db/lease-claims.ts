// Claims with a lease (architecture.md §4), one implementation for every kind of work item: a
// worker owns an item by inserting a claim for `{item, generation}` under a unique key — the only
// coordination FerretDB 1.x makes atomic. A claim whose lease ran out (its owner presumed dead)
// is taken over by inserting generation + 1; the old owner learns it has lost the item through
// `stillOwns`. A claim document is only ever updated by the worker that inserted it (renew,
// release).
//
// A claim is addressed by a computed `_id` per generation (`leaseClaimsById`: outbox mails,
// deadline reminders, notice pages and enqueue steps), because FerretDB's SQLite backend finds a
// document without reading the whole collection only by `_id` equality; claims addressed by fields
// cost a scan of every claim ever made per lookup (2 s and more at 10,000 incidents). The latest
// generation is found by walking `_id`s up from a hint the caller may keep.
import type { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';

/** The latest claim of an item, as far as taking it over is concerned. */
export interface ClaimState {
  generation: number;
  leaseUntil: Date;
  releasedAt?: Date | null;
}

/** A claim collection whose documents are addressed by a computed `_id` per generation. */
export interface IdLeaseClaimSpec<K> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- claim models differ in their other fields
  model: Model<any>;
  /** The `_id` of the item's claim of one generation; distinct for every (item, generation). */
  idOf: (item: K, generation: number) => string;
  /** The field holding the generation number (e.g. `gen`). */
  generationField: string;
  /** The field naming the claimant (e.g. `workerId`). */
  holderField: string;
  /** Further fields stored with a new claim (e.g. the run and part it names). */
  fields?: (item: K) => Record<string, unknown>;
}

/** Statistics of this process (tests prove races with them). */
export const claimStats = { lostInserts: 0 };

export interface TakeOptions {
  /** A released claim may be taken again only when this says so (e.g. the work is not final yet). */
  mayRetake?: (last: ClaimState) => Promise<boolean> | boolean;
  /** A generation known to exist or to be next (`_id`-addressed claims start their search there). */
  hint?: number;
}

export interface LeaseClaims<K = Types.ObjectId> {
  /** The item's latest claim, or null. */
  latest(item: K, hint?: number): Promise<ClaimState | null>;
  /**
   * Takes the item unless its latest claim is live (not released, lease not over). A released
   * claim may be taken again only when `mayRetake` says so. Returns the generation won, or null.
   */
  take(item: K, holder: string, now: Date, leaseMs: number, opts?: TakeOptions): Promise<number | null>;
  /** True while nobody has claimed a later generation (nobody took the item over). */
  stillOwns(item: K, generation: number): Promise<boolean>;
  /** Extends the lease of our claim. */
  renew(item: K, generation: number, leaseUntil: Date): Promise<void>;
  /** Ends our claim, so the next attempt need not wait for the lease. */
  release(item: K, generation: number, now: Date): Promise<void>;
}

/** Where the claims of one collection live; the rules above are the same for every addressing. */
interface Addressing<K> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see IdLeaseClaimSpec
  model: Model<any>;
  latest(item: K, hint: number): Promise<ClaimState | null>;
  /** The document of a new claim. */
  doc(item: K, generation: number, holder: string, now: Date, leaseUntil: Date): Record<string, unknown>;
  /** Selects exactly the item's claim of one generation. */
  one(item: K, generation: number): Record<string, unknown>;
  /** True when a claim of a later generation exists. */
  later(item: K, generation: number): Promise<boolean>;
}

function claimsOver<K>(a: Addressing<K>): LeaseClaims<K> {
  return {
    latest: (item, hint = 1) => a.latest(item, hint),
    async take(item, holder, now, leaseMs, opts = {}) {
      const last = await a.latest(item, opts.hint ?? 1);
      if (last && !last.releasedAt && last.leaseUntil.getTime() > now.getTime()) return null;
      if (last?.releasedAt && opts.mayRetake && !(await opts.mayRetake(last))) return null;
      const generation = (last?.generation ?? 0) + 1;
      try {
        await a.model.create(a.doc(item, generation, holder, now, new Date(now.getTime() + leaseMs)));
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
      return !(await a.later(item, generation));
    },
    async renew(item, generation, leaseUntil) {
      await a.model.updateOne(a.one(item, generation), { $set: { leaseUntil } });
    },
    async release(item, generation, now) {
      await a.model.updateOne(a.one(item, generation), { $set: { releasedAt: now } });
    },
  };
}

/**
 * Lease claims addressed by a computed `_id` per generation. Generations are inserted one after
 * the other (generation g + 1 only by a worker that saw g as the latest), so "a later claim
 * exists" is "claim g + 1 exists", and the latest is found by walking up from the hint.
 */
export function leaseClaimsById<K>(spec: IdLeaseClaimSpec<K>): LeaseClaims<K> {
  const { model, idOf, generationField, holderField, fields } = spec;
  type Doc = { leaseUntil: Date; releasedAt?: Date | null } & Record<string, unknown>;
  const read = async (item: K, g: number): Promise<ClaimState | null> => {
    const d = await model.findById(idOf(item, g)).lean<Doc>();
    return d
      ? { generation: Number(d[generationField]), leaseUntil: d.leaseUntil, releasedAt: d.releasedAt ?? null }
      : null;
  };
  return claimsOver<K>({
    model,
    async latest(item, hint) {
      let latest: ClaimState | null = null;
      let g = Math.max(1, hint);
      for (let c = await read(item, g); c; c = await read(item, ++g)) latest = c;
      // A hint ahead of the claims (a caller's stale or wrong guess): walk down instead.
      for (let d = g - 1; !latest && d >= 1; d--) latest = await read(item, d);
      return latest;
    },
    doc: (item, generation, holder, now, leaseUntil) => ({
      ...fields?.(item),
      _id: idOf(item, generation),
      [generationField]: generation,
      [holderField]: holder,
      claimedAt: now,
      leaseUntil,
    }),
    one: (item, generation) => ({ _id: idOf(item, generation) }),
    later: async (item, generation) => !!(await model.exists({ _id: idOf(item, generation + 1) })),
  });
}

/**
 * Claims on items named by one id (an outbox mail, a deadline reminder): generation g of item x is
 * stored under `<x>:<g>` with the generation in `generation` and the item's id in `itemField`.
 */
export function itemClaimsById(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see IdLeaseClaimSpec
  model: Model<any>,
  itemField: string,
  holderField: string,
): LeaseClaims<Types.ObjectId> {
  return leaseClaimsById<Types.ObjectId>({
    model,
    idOf: (id, generation) => `${String(id)}:${generation}`,
    generationField: 'generation',
    holderField,
    fields: (id) => ({ [itemField]: id }),
  });
}
