// The process's read models (issue 10): one change-feed follower for all of them, and the
// foreign-key index that turns "the documents of this incident" into `_id` lookups.
//
// On FerretDB 1.x `find({incidentId})` reads the whole collection (1.7 s for one incident's events
// at 10,000 incidents). A ForeignKeyIndex keeps, for one collection, which document ids belong to
// which key, in memory (about 100 bytes per document), current through the change feed; a page
// then fetches its few documents by `_id`, which every backend answers from an index.
import mongoose, { type Model } from 'mongoose';
import { runPool } from './concurrency-pool.js';
import { idText } from '../../models/db/kept-text.js';
import { ReadModels, type FeedChanges, type ReadModel } from '../../models/db/change-feed.js';

/** The read models of this process, on the default connection. */
export const readModels = new ReadModels(() => mongoose.connection);

/**
 * Which documents of a collection carry which value of one field (e.g. events by incidentId).
 * Only key → ids is kept, not id → key as well (1.6 MB more for the events at 10,000 incidents,
 * issue 10 item 5): the key of a document does not change, so the old key of a changed or deleted
 * document is found by looking through the keys, which only a change that is not an announced
 * bulk insert costs (about a millisecond at 10,000 keys).
 */
export class ForeignKeyIndex implements ReadModel {
  readonly collections: readonly string[];
  private readonly byKey = new Map<string, Set<string>>();
  private readonly sorted = new Map<string, string[]>();

  constructor(
    private readonly model: Model<never>,
    private readonly field: string,
  ) {
    this.collections = [model.collection.name];
  }

  async load(): Promise<void> {
    const fresh = new Map<string, Set<string>>();
    for await (const d of this.model
      .find()
      .select({ [this.field]: 1 })
      .lean<Record<string, unknown>>()
      .cursor({ batchSize: 2000 })) {
      const k = keyTextOf(d[this.field]);
      if (k !== undefined) fileUnder(fresh, k, idText(d._id));
    }
    // Replaced at once, after the scan: readers never see a half-loaded index.
    this.byKey.clear();
    this.sorted.clear();
    for (const [k, set] of fresh) this.byKey.set(k, set);
  }

  async apply(changes: FeedChanges): Promise<void> {
    const ids = changes.get(this.collections[0]!);
    if (!ids) return;
    if (ids === 'all') return this.load();
    const unknown: string[] = [];
    for (const [id, known] of ids) {
      // Inserted in bulk with the key named in the entry: a new document, no need to read it back.
      if (known && this.field in known) {
        const k = keyTextOf(known[this.field]);
        if (k !== undefined) this.add(idText(id), k);
      } else unknown.push(id);
    }
    await runPool(unknown, 8, async (id) => {
      const d = await this.model
        .findById(id)
        .select({ [this.field]: 1 })
        .lean<Record<string, unknown>>();
      this.place(idText(id), keyTextOf(d?.[this.field]));
    });
  }

  /** Files `id` under `k` (none: the document is gone or has no key), wherever it was before. */
  private place(id: string, k: string | undefined): void {
    if (k !== undefined && this.byKey.get(k)?.has(id)) return;
    for (const [before, set] of this.byKey) {
      if (!set.delete(id)) continue;
      if (set.size === 0) this.byKey.delete(before);
      this.sorted.delete(before);
      break;
    }
    if (k !== undefined) this.add(id, k);
  }

  /** Files a new document's `id` under `k`. */
  private add(id: string, k: string): void {
    fileUnder(this.byKey, k, id);
    this.sorted.delete(k);
  }

  /** The ids under `key` in `_id` order (ObjectIds: creation order), cached until the key changes. */
  async sortedIdsOf(key: unknown): Promise<readonly string[]> {
    await readModels.use(this);
    const k = idText(key);
    let ids = this.sorted.get(k);
    if (!ids) this.sorted.set(k, (ids = [...(this.byKey.get(k) ?? [])].sort()));
    return ids;
  }

  /** Documents by `_id`, in the order given, fetched a few at a time; deleted ones are left out. */
  async fetch<T>(ids: readonly string[], select?: Record<string, 0 | 1>): Promise<T[]> {
    const out: (T | null)[] = new Array<T | null>(ids.length).fill(null);
    await runPool(
      ids.map((id, i) => [id, i] as const),
      8,
      async ([id, i]) => {
        const q = this.model.findById(id);
        out[i] = await (select ? q.select(select) : q).lean<T>();
      },
    );
    return out.filter((d): d is T => d !== null);
  }

  /** Loads the index if it is not loaded yet, and brings it up to date. */
  async ready(): Promise<void> {
    await readModels.use(this);
  }

  /** The ids of the documents whose field equals `key`, current as of the call. */
  async idsOf(key: unknown): Promise<string[]> {
    await readModels.use(this);
    return [...(this.byKey.get(idText(key)) ?? [])];
  }

  /**
   * The documents whose field equals `key`, fetched by `_id` (lean, in no particular order).
   * `select` is a Mongoose projection.
   */
  async find<T>(key: unknown, select?: Record<string, 0 | 1>): Promise<T[]> {
    // A document deleted since the index learned of it is simply not there.
    return this.fetch<T>(await this.idsOf(key), select);
  }
}

/** A document's key as text (ObjectIds and strings alike, flat as they are kept); none: no key. */
function keyTextOf(key: unknown): string | undefined {
  return key === undefined || key === null ? undefined : idText(key);
}

/** Files `id` under the key text `k` in `into` (the index's map, or one being built). */
function fileUnder(into: Map<string, Set<string>>, k: string, id: string): void {
  let set = into.get(k);
  if (!set) into.set(k, (set = new Set()));
  set.add(id);
}

/** Declares a foreign-key index (loaded on first use). */
export function foreignKeyIndex(model: { collection: { name: string } }, field: string): ForeignKeyIndex {
  return new ForeignKeyIndex(model as unknown as Model<never>, field);
}
