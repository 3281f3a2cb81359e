// The markers of outbox messages that are pending or being sent (models/outbox-due.model.ts): what
// the mail worker polls, so that a poll reads the few messages still to send instead of every mail
// ever stored. Every write is by `_id`, the one lookup FerretDB's SQLite backend does without
// reading the whole collection.
import type { Types } from 'mongoose';
import { OutboxDue } from '../models/outbox-due.model.js';
import { OutboxMessage, type OutboxMessageDoc } from '../models/outbox-message.model.js';
import { isDuplicateKeyError } from '../models/db/unique-insert.js';

type DueFields = Pick<OutboxMessageDoc, '_id' | 'status' | 'nextAttemptAt' | 'leaseUntil'>;

/** When a message needs its worker next, or null once it is final (sent, failed, dead). */
export function dueAtOf(m: Omit<DueFields, '_id'>): Date | null {
  if (m.status === 'pending') return m.nextAttemptAt;
  // A send in progress needs a worker again only if its owner's lease runs out.
  if (m.status === 'sending') return m.leaseUntil ?? m.nextAttemptAt;
  return null;
}

/** Marks the message as due at `at` (creates or moves its marker). */
export async function markDue(id: Types.ObjectId, at: Date): Promise<void> {
  try {
    await OutboxDue.updateOne({ _id: id }, { $set: { dueAt: at } }, { upsert: true });
  } catch (err) {
    // Two writers upserted the same marker at once: it exists now; set the time on it.
    if (!isDuplicateKeyError(err)) throw err;
    await OutboxDue.updateOne({ _id: id }, { $set: { dueAt: at } });
  }
}

/** Removes the message's marker (it is final, or gone). */
export async function unmarkDue(id: Types.ObjectId): Promise<void> {
  await OutboxDue.deleteOne({ _id: id });
}

/** Makes the marker agree with the message as stored (`null`: the message does not exist). */
export async function syncDue(id: Types.ObjectId, m: Omit<DueFields, '_id'> | null): Promise<void> {
  const at = m ? dueAtOf(m) : null;
  if (at) await markDue(id, at);
  else await unmarkDue(id);
}

/** The ids of the messages due at `now`, earliest first. */
export async function dueMessageIds(now: Date, limit: number): Promise<Types.ObjectId[]> {
  const due = await OutboxDue.find({ dueAt: { $lte: now } })
    .sort({ dueAt: 1 })
    .limit(limit)
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }[]>();
  return due.map((d) => d._id);
}

/**
 * Writes the marker of every pending or sending message that has none: messages stored by an
 * earlier version (which kept no markers) and a marker lost to a crash between two writes. Reads the
 * whole outbox once (13 s with 24,000 stored mails on the embedded database), so it runs when a
 * worker starts and then seldom. Returns how many markers it wrote.
 */
export async function restoreDueMarkers(): Promise<number> {
  const open = await OutboxMessage.find({ status: { $in: ['pending', 'sending'] } })
    .select({ _id: 1, status: 1, nextAttemptAt: 1, leaseUntil: 1 })
    .lean<DueFields[]>();
  if (open.length === 0) return 0;
  const marked = new Set(
    (
      await OutboxDue.find({ _id: { $in: open.map((m) => m._id) } })
        .select({ _id: 1 })
        .lean<{ _id: Types.ObjectId }[]>()
    ).map((d) => String(d._id)),
  );
  let written = 0;
  for (const m of open) {
    const at = dueAtOf(m);
    if (at && !marked.has(String(m._id))) {
      await markDue(m._id, at);
      written++;
    }
  }
  return written;
}
