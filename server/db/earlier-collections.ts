// Collections of earlier versions that this version no longer reads, dropped when a process starts.
// The claims of mails and of deadline reminders were addressed by fields (`{item, generation}`)
// and are now addressed by `_id` in other collections (models/outbox-claim.model.ts,
// models/reminder-claim.model.ts). Claims hold no mail, address or personal data; a mail or
// reminder one of them held is taken again once its lease has run out.
import mongoose from 'mongoose';

export const EARLIER_COLLECTIONS = ['outbox_claims', 'reminder_claims'] as const;

/** Drops the collections of earlier versions that exist; returns the names dropped. */
export async function dropEarlierCollections(): Promise<string[]> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('dropEarlierCollections: not connected');
  const present = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const dropped: string[] = [];
  for (const name of EARLIER_COLLECTIONS.filter((n) => present.has(n))) {
    try {
      await db.dropCollection(name);
    } catch (err) {
      // Another process starting at the same moment dropped it first.
      if ((err as { codeName?: string }).codeName !== 'NamespaceNotFound') throw err;
    }
    dropped.push(name);
  }
  return dropped;
}
