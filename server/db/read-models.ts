// The process's read models (issue 10): one change-feed follower for all of them, and the
// foreign-key index that turns "the documents of this incident" into `_id` lookups.
//
// On FerretDB 1.x `find({incidentId})` reads the whole collection (1.7 s for one incident's events
// at 10,000 incidents). A ForeignKeyIndex keeps, for one collection, which document ids belong to
// which key, in memory (about 100 bytes per document), current through the change feed; a page
// then fetches its few documents by `_id`, which every backend answers from an index.
import mongoose, { type Model } from 'mongoose';
import { ReadModels, type ReadModel } from './change-feed.js';

/** The read models of this process, on the default connection. */
export const readModels = new ReadModels(() => mongoose.connection);

/** Runs `fn` over `items` with at most `width` at a time. */
export async function eachLimited<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Which documents of a collection carry which value of one field (e.g. events by incidentId). */
export class ForeignKeyIndex implements ReadModel {
  readonly collections: readonly string[];
  private readonly byKey = new Map<string, Set<string>>();
  private readonly keyOf = new Map<string, string>();

  constructor(
    private readonly model: Model<never>,
    private readonly field: string,
  ) {
    this.collections = [model.collection.name];
  }

  async load(): Promise<void> {
    const byKey = new Map<string, Set<string>>();
    const keyOf = new Map<string, string>();
    for await (const d of this.model.find().select({ [this.field]: 1 }).lean<Record<string, unknown>>().cursor({ batchSize: 2000 })) {
      const key = d[this.field];
      if (key === undefined || key === null) continue;
      const k = keyText(key);
      const id = keyText(d._id);
      keyOf.set(id, k);
      let set = byKey.get(k);
      if (!set) byKey.set(k, (set = new Set()));
      set.add(id);
    }
    this.byKey.clear();
    this.keyOf.clear();
    for (const [k, v] of byKey) this.byKey.set(k, v);
    for (const [k, v] of keyOf) this.keyOf.set(k, v);
  }

  async apply(changes: Map<string, Set<string> | 'all'>): Promise<void> {
    const ids = changes.get(this.collections[0]!);
    if (!ids) return;
    if (ids === 'all') return this.load();
    await eachLimited([...ids], 8, async (id) => {
      const d = await this.model.findById(id).select({ [this.field]: 1 }).lean<Record<string, unknown>>();
      const before = this.keyOf.get(id);
      if (before !== undefined) this.byKey.get(before)?.delete(id);
      this.keyOf.delete(id);
      const key = d?.[this.field];
      if (key === undefined || key === null) return;
      const k = keyText(key);
      this.keyOf.set(id, k);
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(id);
    });
  }

  /** The ids of the documents whose field equals `key`, current as of the call. */
  async idsOf(key: unknown): Promise<string[]> {
    await readModels.use(this);
    return [...(this.byKey.get(keyText(key)) ?? [])];
  }

  /**
   * The documents whose field equals `key`, fetched by `_id` (lean, in no particular order).
   * `select` is a Mongoose projection.
   */
  async find<T>(key: unknown, select?: Record<string, 0 | 1>): Promise<T[]> {
    const ids = await this.idsOf(key);
    const out: T[] = [];
    await eachLimited(ids, 8, async (id) => {
      const q = this.model.findById(id);
      const d = await (select ? q.select(select) : q).lean<T>();
      // A document deleted since the index learned of it is simply not there.
      if (d) out.push(d);
    });
    return out;
  }
}

/** A key as text: ObjectIds and strings alike. */
function keyText(key: unknown): string {
  return typeof key === 'string' ? key : (key as { toString(): string }).toString();
}

/** Declares a foreign-key index (loaded on first use). */
export function foreignKeyIndex(model: { collection: { name: string } }, field: string): ForeignKeyIndex {
  return new ForeignKeyIndex(model as unknown as Model<never>, field);
}
