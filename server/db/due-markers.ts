// Due markers (architecture.md §4): one small document per open work item (a mail to send, a
// reminder to handle), stored under the item's own `_id` with the moment it is due. A worker polls
// the markers instead of the items: items are kept after they are done, and on FerretDB's SQLite
// backend every query other than `_id` equality reads the whole collection — the polls of the full
// outbox and the full reminders collection each cost seconds at 10,000 incidents (issue 10). A
// marker is written before its item (so no open item goes unseen), removed once the item is final,
// and a marker whose item is not due is corrected by the worker that reads it.
import type { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';

export interface DueMarkers {
  /** Marks the item as due at `at` (creates or moves its marker). */
  mark: (id: Types.ObjectId, at: Date) => Promise<void>;
  /** Removes the item's marker (it is final, or gone). */
  unmark: (id: Types.ObjectId) => Promise<void>;
  /** The ids of the items due at `now`, earliest first. */
  dueIds: (now: Date, limit: number) => Promise<Types.ObjectId[]>;
  /**
   * Marks each open item that has no marker (items stored by an earlier version, which kept none,
   * or a marker lost to a crash between two writes). Returns how many markers it wrote.
   */
  restore: (open: readonly { _id: Types.ObjectId; dueAt: Date | null }[]) => Promise<number>;
}

/** The markers kept in `model` (documents `{ _id, dueAt }`, indexed on `dueAt`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- marker models differ only in name
export function dueMarkers(model: Model<any>): DueMarkers {
  const mark = async (id: Types.ObjectId, at: Date) => {
    try {
      await model.updateOne({ _id: id }, { $set: { dueAt: at } }, { upsert: true });
    } catch (err) {
      // Two writers upserted the same marker at once: it exists now; set the time on it.
      if (!isDuplicateKeyError(err)) throw err;
      await model.updateOne({ _id: id }, { $set: { dueAt: at } });
    }
  };
  return {
    mark,
    unmark: async (id) => {
      await model.deleteOne({ _id: id });
    },
    dueIds: async (now, limit) => {
      const due = await model
        .find({ dueAt: { $lte: now } })
        .sort({ dueAt: 1 })
        .limit(limit)
        .select({ _id: 1 })
        .lean<{ _id: Types.ObjectId }[]>();
      return due.map((d) => d._id);
    },
    restore: async (open) => {
      const items = open.filter((o): o is { _id: Types.ObjectId; dueAt: Date } => o.dueAt !== null);
      if (items.length === 0) return 0;
      const marked = new Set(
        (
          await model
            .find({ _id: { $in: items.map((o) => o._id) } })
            .select({ _id: 1 })
            .lean<{ _id: Types.ObjectId }[]>()
        ).map((d) => String(d._id)),
      );
      let written = 0;
      for (const o of items) {
        if (marked.has(String(o._id))) continue;
        await mark(o._id, o.dueAt);
        written++;
      }
      return written;
    },
  };
}

/**
 * The restore pass of a worker's markers: `due(now)` is true on the first call and then once every
 * `everyMs` (default hourly), when the worker should look for open items without a marker.
 */
export function restoreSchedule(everyMs = 3_600_000): { due: (now: Date) => boolean } {
  let last: number | undefined;
  return {
    due: (now) => {
      if (last !== undefined && now.getTime() - last < everyMs) return false;
      last = now.getTime();
      return true;
    },
  };
}
