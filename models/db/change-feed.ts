// A change feed for in-memory read models (issue 10, architecture.md §4).
//
// FerretDB 1.x answers only `{_id: value}` from an index; every other query reads the whole
// collection. Pages that list or count incidents therefore read from small in-memory models, and
// those models stay current through this feed: every write to a tracked collection appends an
// entry numbered 1, 2, 3, … whose `_id` is the zero-padded number. Entries are taken like
// insertUnderNextNumber's numbers (one is inserted only right after a taken one), so the feed has no
// gaps and a reader follows it with `_id` lookups alone: "is there an entry after the last one I
// applied?" costs one indexed lookup, on FerretDB and on MongoDB alike.
//
// (A reset racing with a write already past its check could still leave a gap; resets are
// restores of a backup, made with the application stopped.)
//
// An entry names the collection and the changed document's `_id`, or no `_id` when a write could
// have touched any document (updateMany, deleteMany, bulkWrite): the reader then reloads that
// collection. Readers also reload everything when they fall far behind or when the entry they
// applied last has gone (the feed was reset), and after a set interval as a safety net.
import type { Connection, Schema } from 'mongoose';
import { Types } from 'mongoose';
import { isDuplicateKeyError, numberStats, serialised } from './unique-insert.js';

/** The feed's collection. It is not a Mongoose model, so clearing all models leaves it alone. */
export const FEED_COLLECTION = 'change_feed';

const WIDTH = 12;
/** The `_id` of entry number `n`. */
export const feedId = (n: number): string => String(n).padStart(WIDTH, '0');

interface FeedEntry {
  _id: string;
  /** collection name */
  c: string;
  /** the changed document; absent (with `ids`) when any document of the collection may have changed */
  id?: Types.ObjectId | string;
  /** documents inserted together (a bulk import), with field values they all share in `f` */
  ids?: (Types.ObjectId | string)[];
  f?: Record<string, unknown>;
  at: Date;
}

/**
 * Changes per collection: 'all' (any document may have changed) or the changed ids, each with the
 * field values known from its insert (a bulk import), or undefined when the document must be read.
 */
export type FeedChanges = Map<string, Map<string, Record<string, unknown> | undefined> | 'all'>;

function feedOf(conn: Connection) {
  return conn.collection<FeedEntry>(FEED_COLLECTION);
}

async function entryExists(conn: Connection, n: number): Promise<boolean> {
  return n === 0 || (await feedOf(conn).findOne({ _id: feedId(n) }, { projection: { _id: 1 } })) !== null;
}

/**
 * The number of the last entry, found with `_id` lookups only: doubling steps from `from` (an
 * entry known to exist, or 0) to the first missing one, then halving. About 2·log2(n) lookups.
 */
export async function feedHead(conn: Connection, from = 0): Promise<number> {
  let lo = from;
  let step = 1;
  while (await entryExists(conn, lo + step)) {
    lo += step;
    step *= 2;
  }
  let hi = lo + step; // missing
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await entryExists(conn, mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

// The last number this process took or saw taken, per connection, and when.
const heads = new WeakMap<Connection, { n: number; at: number }>();

/** Forgets the feed's end this process knows on `conn` (its database was replaced, e.g. between test files). */
export function forgetFeedHead(conn: Connection): void {
  heads.delete(conn);
}
/** A cached feed end older than this is checked before use (the feed may have been reset). */
const RECHECK_MS = 2000;

/**
 * Appends one entry: `id` changed in collection `c` (no `id`: any document may have changed).
 * Numbers are taken like insertUnderNextNumber's (architecture.md §4): insert known + 1, and on a
 * duplicate key the number after it. Before trusting its cached number a writer checks that the
 * entry still exists (one `_id` lookup, when its number is more than two seconds old), so after a
 * reset of the feed every writer starts again from the real end instead of leaving a gap that
 * readers would stop at.
 */
export async function recordChange(
  conn: Connection,
  c: string,
  id?: Types.ObjectId | string,
): Promise<number> {
  return appendEntry(conn, { c, ...(id === undefined ? {} : { id }) });
}

/**
 * Appends one entry for documents inserted together outside Mongoose's hooks (a bulk import): their
 * ids and the field values they share, so that indexes on those fields need not read them back.
 */
export async function recordInserts(
  conn: Connection,
  c: string,
  ids: readonly (Types.ObjectId | string)[],
  shared: Record<string, unknown>,
): Promise<number | undefined> {
  if (ids.length === 0) return undefined;
  return appendEntry(conn, { c, ids: [...ids], f: shared });
}

async function appendEntry(conn: Connection, content: Omit<FeedEntry, '_id' | 'at'>): Promise<number> {
  return serialised(conn, FEED_COLLECTION, async () => {
    const cached = heads.get(conn);
    let known: number = cached?.n ?? -1;
    // The check costs a lookup; while this process keeps writing, its own last entry is recent.
    if (!cached || (Date.now() - cached.at > RECHECK_MS && !(await entryExists(conn, known))))
      known = await feedHead(conn);
    for (let attempt = 0; attempt < 1000; attempt++) {
      const n: number = known + 1;
      try {
        await feedOf(conn).insertOne({ _id: feedId(n), ...content, at: new Date() });
        heads.set(conn, { n, at: Date.now() });
        return n;
      } catch (err) {
        if (!isDuplicateKeyError(err)) {
          heads.delete(conn);
          throw err;
        }
        numberStats.collisions++;
        // Another writer took n; after several collisions in a row, look for the end from there.
        known = attempt % 8 === 7 ? await feedHead(conn, n) : n;
      }
    }
    throw new Error('could not append to the change feed');
  });
}

/** Forgets this process's feed end, as a restart would (tests of a restored database). */
export function forgetFeedEnd(conn: Connection): void {
  heads.delete(conn);
}

/** The `_id` a query filter pins down to one document, if it does. */
function pinnedId(filter: Record<string, unknown> | undefined): Types.ObjectId | string | undefined {
  const id = filter?._id;
  if (id instanceof Types.ObjectId || typeof id === 'string') return id;
  return undefined;
}

/**
 * Mongoose plugin: every write through the model appends a feed entry after it succeeded. A
 * failed append fails the write's caller (the data changed, readers learn of it at their next
 * full reload), so a change is never silently unannounced.
 */
export function trackChanges(schema: Schema): void {
  // A document's own save or delete: its model is its constructor.
  const ofDocument = async (doc: { constructor: unknown; _id: unknown }) => {
    const model = doc.constructor as ModelLike;
    await recordChange(model.db, model.collection.name, doc._id as Types.ObjectId);
  };
  schema.post('save', ofDocument);
  schema.post('insertMany', async function (this: ModelLike, inserted: unknown) {
    const docs = (Array.isArray(inserted) ? inserted : [inserted]) as { _id: Types.ObjectId }[];
    if (docs.length > 20) await recordChange(this.db, this.collection.name);
    else for (const d of docs) await recordChange(this.db, this.collection.name, d._id);
  });
  const single = [
    'updateOne',
    'replaceOne',
    'deleteOne',
    'findOneAndUpdate',
    'findOneAndDelete',
    'findOneAndReplace',
  ] as const;
  for (const op of single) {
    schema.post(op, { query: true, document: false }, async function (this: QueryLike, res: unknown) {
      const fromResult =
        res && typeof res === 'object' && '_id' in res ? (res as { _id: Types.ObjectId })._id : undefined;
      await recordChange(this.model.db, this.model.collection.name, fromResult ?? pinnedId(this.getFilter()));
    });
  }
  for (const op of ['updateMany', 'deleteMany'] as const) {
    schema.post(op, { query: true, document: false }, async function (this: QueryLike) {
      await recordChange(this.model.db, this.model.collection.name, pinnedId(this.getFilter()));
    });
  }
  schema.post('deleteOne', { query: false, document: true }, ofDocument);
  schema.post('bulkWrite', async function (this: ModelLike) {
    await recordChange(this.db, this.collection.name);
  });
}

interface ModelLike {
  db: Connection;
  collection: { name: string };
}

interface QueryLike {
  model: { db: Connection; collection: { name: string } };
  getFilter(): Record<string, unknown>;
}

/**
 * Why a follower reads everything afresh: its first pass, the feed was reset (a restored database),
 * too many entries to apply one by one, or the safety interval passed.
 */
export type ReloadReason = 'first' | 'reset' | 'behind' | 'interval';

/** What a follower does with the feed. */
export interface FeedHandlers {
  /** Reads everything afresh (first use, reset, far behind, safety interval). */
  reload(reason: ReloadReason): Promise<void>;
  /**
   * Applies changes: per collection, the changed ids, or 'all' when any document may have changed;
   * `upTo` is the number of the last entry they include.
   */
  apply(changes: FeedChanges, upTo: number): Promise<void>;
}

/** Beyond this many unapplied entries a follower reloads instead of applying them one by one. */
export const FEED_FAR_BEHIND = 256;

/**
 * Follows the feed for the read models of a process (ReadModels). `sync()` brings the model up to date with every write
 * committed before the call (a request calls it before reading, so a user sees their own change
 * on the next page, whichever process made it). Concurrent calls share passes.
 */
export class FeedFollower {
  private position = -1; // -1: never loaded
  private loadedAt = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** Counters for tests and benchmarks. */
  readonly stats = { reloads: 0, applied: 0 };

  constructor(
    private readonly conn: () => Connection,
    private readonly handlers: FeedHandlers,
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  /** Starts again as if never loaded: the next pass reloads (the database was replaced). */
  restart(): void {
    this.position = -1;
    this.loadedAt = 0;
  }

  /** Applies every entry committed before this call. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.sync();
      });
    return this.queued;
  }

  private async reload(reason: ReloadReason): Promise<void> {
    const conn = this.conn();
    // The head is read before the data, so a change made during the reload is applied again
    // afterwards (applying is idempotent: it re-reads the changed documents).
    const head = await feedHead(conn, Math.max(0, this.position));
    await this.handlers.reload(reason);
    this.position = head;
    this.loadedAt = Date.now();
    this.stats.reloads++;
  }

  private async pass(): Promise<void> {
    const conn = this.conn();
    if (this.position < 0) return this.reload('first');
    if (Date.now() - this.loadedAt > this.maxAgeMs) return this.reload('interval');
    // The entry applied last has gone: the feed was reset (a restored or replaced database).
    if (!(await entryExists(conn, this.position))) {
      this.position = 0;
      return this.reload('reset');
    }
    if (!(await entryExists(conn, this.position + 1))) return;
    if (await entryExists(conn, this.position + FEED_FAR_BEHIND)) return this.reload('behind');
    const { upTo: n, changes } = await collectChanges(conn, this.position);
    if (changes.size > 0) await this.handlers.apply(changes, n);
    this.stats.applied += n - this.position;
    this.position = n;
  }
}

/**
 * The changes of the entries after `from`, read one by one by `_id` up to the feed's end (or `max`
 * entries: `more` says the feed goes on), and the number of the last entry read.
 */
export async function collectChanges(
  conn: Connection,
  from: number,
  max = Number.POSITIVE_INFINITY,
): Promise<{ upTo: number; changes: FeedChanges; more: boolean }> {
  const changes: FeedChanges = new Map();
  let n = from;
  while (n - from < max) {
    const e = await feedOf(conn).findOne({ _id: feedId(n + 1) });
    if (!e) return { upTo: n, changes, more: false };
    n++;
    const seen = changes.get(e.c);
    if (seen === 'all') continue;
    const mine = seen ?? new Map<string, Record<string, unknown> | undefined>();
    if (e.ids) for (const id of e.ids) mine.set(String(id), e.f ?? undefined);
    else if (e.id === undefined || e.id === null) {
      changes.set(e.c, 'all');
      continue;
    } else mine.set(String(e.id), undefined);
    changes.set(e.c, mine);
  }
  return { upTo: n, changes, more: await entryExists(conn, n + 1) };
}

/** When entry `n` was written (epoch ms), or undefined when the feed has no such entry. */
export async function feedEntryTime(conn: Connection, n: number): Promise<number | undefined> {
  const e = await feedOf(conn).findOne({ _id: feedId(n) }, { projection: { at: 1 } });
  return e?.at instanceof Date ? e.at.getTime() : undefined;
}

/** An in-memory model fed by the change feed (the incident index, foreign-key indexes). */
export interface ReadModel {
  /** Collections whose changes the model applies. */
  readonly collections: readonly string[];
  /**
   * Reads the model's data afresh: on first use (no reason), or when the process's follower reloads
   * (the reason; a model may do costly reloads in the background on the safety interval).
   */
  load(reason?: ReloadReason): Promise<void>;
  /**
   * Applies changed ids (or 'all') per collection; only collections of `collections` are passed.
   * `upTo`, when given, is the feed entry up to which every change has now been passed to the model.
   */
  apply(changes: FeedChanges, upTo?: number): Promise<void>;
}

/**
 * The read models of a process, following one feed: each request costs the same one or two `_id`
 * lookups however many models there are. A model is loaded on first use; changes that arrive
 * while it loads are applied after the load, so none is lost between the scan and the feed.
 */
export class ReadModels {
  private readonly loaded = new Set<ReadModel>();
  private readonly loading = new Map<ReadModel, { done: Promise<void>; pending: FeedChanges[] }>();
  private readonly follower: FeedFollower;

  constructor(conn: () => Connection) {
    this.follower = new FeedFollower(conn, {
      reload: async (reason) => {
        for (const m of this.loaded) await m.load(reason);
      },
      apply: async (changes, upTo) => {
        for (const m of this.loaded) {
          const mine = only(changes, m.collections);
          if (mine.size > 0) await m.apply(mine, upTo);
        }
        for (const [m, l] of this.loading) {
          const mine = only(changes, m.collections);
          if (mine.size > 0) l.pending.push(mine);
        }
      },
    });
  }

  /** Feed counters (tests check that pages were served by following, not reloading). */
  get stats(): { reloads: number; applied: number } {
    return this.follower.stats;
  }

  /**
   * Forgets every model and the feed position: each model loads afresh on its next use. For a
   * database replaced under a running process (each test file has its own); a feed that was reset
   * is noticed without this, unless the new feed has already grown past the old position.
   */
  forgetAll(): void {
    this.loaded.clear();
    this.follower.restart();
  }

  /** Brings `model` up to date with every write committed before the call, loading it if new. */
  async use<M extends ReadModel>(model: M): Promise<M> {
    await this.follower.sync();
    if (this.loaded.has(model)) return model;
    let l = this.loading.get(model);
    if (!l) {
      const pending: FeedChanges[] = [];
      const done = (async () => {
        try {
          await model.load();
          for (const changes of pending) await model.apply(changes);
          this.loaded.add(model);
        } finally {
          this.loading.delete(model);
        }
      })();
      l = { done, pending };
      this.loading.set(model, l);
    }
    await l.done;
    return model;
  }
}

/** The changes of the given collections only. */
export function only(changes: FeedChanges, collections: readonly string[]): FeedChanges {
  return new Map([...changes].filter(([c]) => collections.includes(c)));
}
