// Collections of earlier versions that this one no longer reads (server/db/earlier-collections.ts):
// the claims of mails and reminders addressed by fields, dropped when a process starts, also when
// two processes start at once.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { dropEarlierCollections, EARLIER_COLLECTIONS } from '../../../server/db/earlier-collections.js';

async function present(): Promise<string[]> {
  const names = (await mongoose.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map(
    (c) => c.name,
  );
  return EARLIER_COLLECTIONS.filter((n) => names.includes(n));
}

describe('coordination: collections of earlier versions', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());

  it('when the claims of an earlier version are in the database, then they are dropped, the other collections are kept, and a second start finds nothing to drop', async () => {
    const db = mongoose.connection.db!;
    await db.collection('outbox_claims').createIndex({ messageId: 1, generation: 1 }, { unique: true });
    await db.collection('outbox_claims').insertOne({ messageId: new Types.ObjectId(), generation: 1 });
    await db.collection('reminder_claims').insertOne({ reminderId: new Types.ObjectId(), generation: 2 });
    await db.collection('kept_by_this_version').insertOne({ n: 1 });
    assert.deepEqual(await present(), ['outbox_claims', 'reminder_claims']);

    // Two processes starting at the same moment: both succeed.
    const [a, b] = await Promise.all([dropEarlierCollections(), dropEarlierCollections()]);
    assert.deepEqual([...new Set([...a, ...b])].sort(), ['outbox_claims', 'reminder_claims']);
    assert.deepEqual(await present(), []);
    assert.equal(await db.collection('kept_by_this_version').countDocuments({}), 1);
    assert.deepEqual(await dropEarlierCollections(), []);
    await db.dropCollection('kept_by_this_version');
  });
});
