// The markers of outbox messages that are pending or being sent (models/outbox-due.model.ts,
// server/db/due-markers.ts): what the mail worker polls, so that a poll reads the few messages
// still to send instead of every mail ever stored.
import type { Types } from 'mongoose';
import { OutboxDue } from '../models/outbox-due.model.js';
import { OutboxMessage, type OutboxMessageDoc } from '../models/outbox-message.model.js';
import { dueMarkers } from '../server/db/due-markers.js';

type DueFields = Pick<OutboxMessageDoc, '_id' | 'status' | 'nextAttemptAt' | 'leaseUntil'>;

/** When a message needs its worker next, or null once it is final (sent, failed, dead). */
export function dueAtOf(m: Omit<DueFields, '_id'>): Date | null {
  if (m.status === 'pending') return m.nextAttemptAt;
  // A send in progress needs a worker again only if its owner's lease runs out.
  if (m.status === 'sending') return m.leaseUntil ?? m.nextAttemptAt;
  return null;
}

const markers = dueMarkers(OutboxDue);

/** Marks the message as due at `at` (creates or moves its marker). */
export const markDue = markers.mark;

/** Removes the message's marker (it is final, or gone). */
export const unmarkDue = markers.unmark;

/** Makes the marker agree with the message as stored (`null`: the message does not exist). */
export async function syncDue(id: Types.ObjectId, m: Omit<DueFields, '_id'> | null): Promise<void> {
  const at = m ? dueAtOf(m) : null;
  if (at) await markDue(id, at);
  else await unmarkDue(id);
}

/** The ids of the messages due at `now`, earliest first. */
export const dueMessageIds = markers.dueIds;

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
  return markers.restore(open.map((m) => ({ _id: m._id, dueAt: dueAtOf(m) })));
}
