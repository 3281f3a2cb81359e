// Proves Mongoose works against the embedded FerretDB (architecture.md §4) and that the
// insert-under-unique-key pattern is safe where read-modify-write is not.
import assert from 'node:assert/strict';
import mongoose, { Schema } from 'mongoose';
import { startTestDatabase } from '../helpers/db.js';
import { sequenceSchema, type SequenceDoc } from '../../models/sequence.model.js';
import { isDuplicateKeyError, nextSequence } from '../../models/db/unique-insert.js';

interface Thing {
  key: string;
  group: string;
  n: number;
}
const thingSchema = new Schema<Thing>({ key: { type: String, unique: true }, group: String, n: Number });
const Thing = mongoose.model<Thing>('DbProbeThing', thingSchema);

describe('database: Mongoose on the embedded FerretDB', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
    await Thing.init();
    await Thing.deleteMany({});
  });

  it('when documents are created, read, updated and deleted, then each step is visible', async () => {
    const created = await Thing.create({ key: 'a', group: 'g', n: 1 });
    assert.equal((await Thing.findById(created._id).lean())?.n, 1);
    await Thing.updateOne({ _id: created._id }, { $set: { n: 2 } });
    assert.equal((await Thing.findById(created._id).lean())?.n, 2);
    await Thing.deleteOne({ _id: created._id });
    assert.equal(await Thing.countDocuments({ key: 'a' }), 0);
  });

  it('when a unique key is inserted twice, then the second insert fails with a duplicate-key error', async () => {
    await Thing.create({ key: 'dup', group: 'g', n: 1 });
    await assert.rejects(Thing.create({ key: 'dup', group: 'g', n: 2 }), (e: unknown) =>
      isDuplicateKeyError(e),
    );
    assert.equal(await Thing.countDocuments({ key: 'dup' }), 1);
  });

  it('when findOneAndUpdate upserts, then it creates once and updates afterwards', async () => {
    const first = await Thing.findOneAndUpdate(
      { key: 'up' },
      { $set: { n: 5, group: 'u' } },
      { upsert: true, returnDocument: 'after' },
    );
    const second = await Thing.findOneAndUpdate(
      { key: 'up' },
      { $set: { n: 6 } },
      { upsert: true, returnDocument: 'after' },
    );
    assert.equal(String(first?._id), String(second?._id));
    assert.equal(second?.n, 6);
    assert.equal(await Thing.countDocuments({ key: 'up' }), 1);
  });

  it('when aggregating with $match and $group, then the totals are right', async () => {
    await Thing.insertMany([
      { key: 'ag1', group: 'agg-x', n: 1 },
      { key: 'ag2', group: 'agg-x', n: 2 },
      { key: 'ag3', group: 'agg-y', n: 10 },
    ]);
    // FerretDB 1.24 computes only the first of several $sum accumulators in one $group (the
    // others come back 0), so the code base uses one accumulator per $group.
    const match = { $match: { group: { $in: ['agg-x', 'agg-y'] } } };
    const totals = await Thing.aggregate<{ _id: string; total: number }>([
      match,
      { $group: { _id: '$group', total: { $sum: '$n' } } },
      { $sort: { _id: 1 } },
    ]);
    const counts = await Thing.aggregate<{ _id: string; count: number }>([
      match,
      { $group: { _id: '$group', count: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    assert.deepEqual(totals, [
      { _id: 'agg-x', total: 3 },
      { _id: 'agg-y', total: 10 },
    ]);
    assert.deepEqual(counts, [
      { _id: 'agg-x', count: 2 },
      { _id: 'agg-y', count: 1 },
    ]);
  });

  it('when iterating a cursor over 10,000 documents, then every document is seen once', async () => {
    const docs = Array.from({ length: 10_000 }, (_, i) => ({ key: `c${i}`, group: 'cursor', n: i }));
    for (let i = 0; i < docs.length; i += 2000)
      await Thing.insertMany(docs.slice(i, i + 2000), { lean: true });
    let count = 0;
    let sum = 0;
    for await (const d of Thing.find({ group: 'cursor' }).lean().cursor({ batchSize: 500 })) {
      count++;
      sum += d.n;
    }
    assert.equal(count, 10_000);
    assert.equal(sum, (9999 * 10_000) / 2);
  });

  it('when 50 connections take sequence numbers in parallel, then no number is taken twice and none is skipped', async () => {
    const conns = await Promise.all(
      Array.from({ length: 50 }, () => mongoose.createConnection(uri, { maxPoolSize: 2 }).asPromise()),
    );
    try {
      const models = conns.map((c) => c.model<SequenceDoc>('Sequence', sequenceSchema));
      await models[0]!.init();
      const scope = `probe-${Date.now()}`;
      const taken = await Promise.all(
        models.flatMap((m) => [nextSequence(m, scope), nextSequence(m, scope), nextSequence(m, scope)]),
      );
      const sorted = [...taken].sort((a, b) => a - b);
      assert.equal(new Set(taken).size, 150, 'duplicate sequence numbers');
      assert.deepEqual(
        sorted,
        Array.from({ length: 150 }, (_, i) => i + 1),
        'gap in sequence numbers',
      );
    } finally {
      await Promise.all(conns.map((c) => c.close()));
    }
  });
});
