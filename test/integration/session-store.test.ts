// Sessions and the embedded database (server/db/session-store.ts): why no write may go out
// unacknowledged, and the acknowledged sweep that removes expired sessions instead.
import assert from 'node:assert/strict';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { startTestDatabase } from '../helpers/db.js';
import { SESSION_COLLECTION, sessionStore, sweepExpiredSessions } from '../../server/db/session-store.js';

describe('integration: the session store on the embedded database', function () {
  this.timeout(30_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when an unacknowledged write (w: 0) is sent on a connection, then the embedded database answers it anyway and the next command there gets that answer', async function () {
    if (process.env.TEST_MONGODB_URI) this.skip(); // MongoDB sends no reply to such a write
    // One connection only, so the next command surely goes where the stray answer waits.
    const client = await MongoClient.connect(uri, { maxPoolSize: 1, minPoolSize: 1 });
    try {
      const coll = client.db().collection('w0_probe');
      await coll.insertOne({ probe: 1 });
      await coll.deleteMany({ probe: 2 }, { writeConcern: { w: 0 } });
      // The find is answered with the delete's {n, ok}: the driver finds no cursor in it.
      await assert.rejects(coll.findOne({ probe: 1 }), /cursor/i);
    } finally {
      await client.close();
      await mongoose.connection.collection('w0_probe').drop();
    }
  });

  it('when sessions are swept, then the expired ones are removed with an acknowledged delete and live ones stay', async () => {
    const sessions = mongoose.connection.collection<{ _id: string; expires: Date; session: object }>(
      SESSION_COLLECTION,
    );
    const now = new Date('2031-02-03T10:00:00Z');
    const tag = `sweep-${Date.now()}`;
    await sessions.insertMany([
      { _id: `${tag}-old`, expires: new Date(now.getTime() - 1000), session: {} },
      { _id: `${tag}-live`, expires: new Date(now.getTime() + 60_000), session: {} },
    ]);
    const removed = await sweepExpiredSessions(now);
    assert.ok(removed >= 1);
    assert.equal(await sessions.countDocuments({ _id: `${tag}-old` }), 0);
    assert.equal(await sessions.countDocuments({ _id: `${tag}-live` }), 1);
    // Sweeping at the real time: sessions other tests keep (expiring in the future) stay.
    await sessions.deleteMany({ _id: `${tag}-live` });
  });

  it('when the app makes its session store, then the store itself never removes sessions (no timer with unacknowledged deletes)', async () => {
    const store = sessionStore(60_000);
    // connect-mongo's own removal would be a timer; the store must not run one.
    const options = (store as unknown as { options: { autoRemove: string } }).options;
    assert.equal(options.autoRemove, 'disabled');
    await new Promise<void>((ok) => store.length((_err, n) => ok(void n)));
  });
});
