// Where sessions are kept: the `sessions` collection, through connect-mongo (architecture.md §4).
//
// connect-mongo can remove expired sessions itself, but it does so with an unacknowledged write
// (write concern w: 0). MongoDB sends no reply to such a write; FerretDB 1.24 sends one anyway, and
// the driver then reads that stray reply as the answer to the next command on the same pooled
// connection — every later reply on it is one behind ("BSON element cursor is missing", a find
// answered with an update's count). So the store never removes sessions itself; the
// session-sweep background job does it with an ordinary, acknowledged delete.
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';

export const SESSION_COLLECTION = 'sessions';

/** The session store on the default connection; sessions live `maxAgeMs`. */
export function sessionStore(maxAgeMs: number): MongoStore {
  return MongoStore.create({
    client: mongoose.connection.getClient(),
    collectionName: SESSION_COLLECTION,
    ttl: Math.round(maxAgeMs / 1000),
    autoRemove: 'disabled',
    stringify: false,
  });
}

/** Removes sessions that expired before `now`; returns how many. */
export async function sweepExpiredSessions(now: Date): Promise<number> {
  const r = await mongoose.connection.collection(SESSION_COLLECTION).deleteMany({ expires: { $lt: now } });
  return r.deletedCount;
}
