// Issue 10: lists read an in-memory incident index kept current by the change feed. The feed must
// have no gaps under writers in separate processes (a reader follows it with `_id` lookups and
// would stop at a gap), and every process's index must show every write committed before a read.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeAssessment, makeIncident } from '../../helpers/duty-fixtures.js';
import { startRacers } from '../../helpers/race.js';
import { Incident } from '../../../models/incident.model.js';
import { DutyFulfilment } from '../../../models/duty-fulfilment.model.js';
import {
  FEED_COLLECTION,
  FEED_FAR_BEHIND,
  feedHead,
  feedId,
  forgetFeedEnd,
  recordChange,
} from '../../../models/db/change-feed.js';
import { incidentIndex, incidentIndexStats } from '../../../server/incidents/incident-index.js';
import { incidentDuties } from '../../../server/duties/duties.service.js';
import { personsOfIncident } from '../../../server/notices/affected-persons.service.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { contacts, insertPersons, testDomain } from '../../helpers/notices.js';

const feed = () => mongoose.connection.collection<{ _id: string; c: string }>(FEED_COLLECTION);

describe('coordination: the change feed and the incident index', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when three processes write at once, then the feed has no gap and this process sees every write without reloading', async () => {
    const incidents = await Promise.all([1, 2, 3, 4].map(() => makeIncident()));
    const ids = incidents.map((i) => String(i._id));
    await incidentIndex();
    const start = await feedHead(mongoose.connection);
    const racers = await startRacers<{ collisions: number }>('test/helpers/feed-racer.ts', 3, (i) => [
      uri,
      `Racer${i}`,
      '8',
      ...ids,
    ]);
    const reloadsBefore = incidentIndexStats().reloads;
    const results = await racers.go();
    const head = await feedHead(mongoose.connection);
    // 3 warm-ups + 3 racers × 8 rounds × 4 incidents
    const expected = 3 + 3 * 8 * ids.length;
    assert.ok(expected < FEED_FAR_BEHIND, 'the test stays below the reload threshold');
    assert.equal(head - start, expected, 'one entry per write');
    const entries = await feed()
      .find({ _id: { $gt: feedId(start), $lte: feedId(head) } })
      .toArray();
    assert.equal(entries.length, expected, 'every number up to the head is taken: no gaps');
    const collisions = results.reduce((n, r) => n + r.collisions, 0);
    console.log(
      `      processes: 3; writes: ${expected}; feed numbers taken by another writer first: ${collisions}`,
    );
    assert.ok(collisions > 0, 'the processes really contended for feed numbers');

    const ix = await incidentIndex();
    assert.equal(incidentIndexStats().reloads, reloadsBefore, 'followed the feed, did not reload');
    const stored = await Incident.find({ _id: { $in: incidents.map((i) => i._id) } }).lean();
    for (const s of stored)
      assert.equal(
        ix.get(String(s._id))?.handlerName,
        s.handlerName,
        'the index shows the last committed write',
      );
  });

  it('when an assessment and a fulfilment are written, then duties read from the index follow them at once', async () => {
    const incident = await makeIncident({ status: 'assessed' });
    const id = String(incident._id);
    assert.deepEqual(await incidentDuties(id, new Date('2026-03-02T10:00:00Z')), []);
    await makeAssessment(incident._id, {
      version: 1,
      duties: { notifyAuthority: true },
      deadlines: { authority: new Date('2026-03-05T09:00:00Z') },
    });
    const open = await incidentDuties(id, new Date('2026-03-02T10:00:00Z'));
    assert.ok(
      open.some((d) => d.duty === 'authority' && d.status === 'open'),
      'the new assessment is in force',
    );
    await DutyFulfilment.create({
      incidentId: incident._id,
      duty: 'authority',
      outcome: 'fulfilled',
      at: new Date('2026-03-02T11:00:00Z'),
      recordedAt: new Date('2026-03-02T11:00:00Z'),
      ref: 'AP-1',
    });
    const after = await incidentDuties(id, new Date('2026-03-02T12:00:00Z'));
    assert.equal(after.find((d) => d.duty === 'authority')?.status, 'fulfilled');
  });

  it('when persons are imported in bulk, then the list index has them from the feed (one entry per batch) and pages them in _id order', async () => {
    const incident = await makeIncident();
    const before = await personsOfIncident.sortedIdsOf(incident._id);
    assert.equal(before.length, 0);
    const now = new Date();
    await insertPersons(incident._id, contacts(2500, testDomain()), 'test', now);
    const ids = await personsOfIncident.sortedIdsOf(incident._id);
    assert.equal(ids.length, 2500);
    const stored = await AffectedPerson.find({ incidentId: incident._id })
      .select({ _id: 1 })
      .sort({ _id: 1 })
      .lean();
    assert.deepEqual(
      ids,
      stored.map((p) => String(p._id)),
      'the same persons, in _id order',
    );
    const page = await personsOfIncident.fetch<{ _id: unknown; rowNumber: number }>(ids.slice(50, 100), {
      rowNumber: 1,
    });
    assert.deepEqual(
      page.map((p) => String(p._id)),
      ids.slice(50, 100),
    );
    // An exclusion goes through Mongoose: its id is re-read, and the person stays listed.
    await AffectedPerson.updateOne({ _id: stored[0]!._id }, { $set: { excludedAt: now } });
    assert.equal((await personsOfIncident.sortedIdsOf(incident._id)).length, 2500);
    await AffectedPerson.deleteMany({ incidentId: incident._id });
    assert.equal((await personsOfIncident.sortedIdsOf(incident._id)).length, 0);
  });

  it('when every incident is deleted at once, then the index empties (a write without one id reloads that collection)', async () => {
    await makeIncident();
    assert.ok((await incidentIndex()).all().length > 0);
    await Incident.deleteMany({});
    assert.equal((await incidentIndex()).all().length, 0);
  });

  it('when the index is far behind, or the feed was reset under it (a restored database), then it reloads and is right again, and follows later writes', async () => {
    const a = await makeIncident();
    await incidentIndex();
    let reloads = incidentIndexStats().reloads;
    for (let n = 0; n < FEED_FAR_BEHIND; n++) await recordChange(mongoose.connection, 'other');
    await Incident.updateOne({ _id: a._id }, { $set: { handlerName: 'Na de achterstand' } });
    assert.equal((await incidentIndex()).get(String(a._id))?.handlerName, 'Na de achterstand');
    assert.equal(incidentIndexStats().reloads, reloads + 1, 'far behind: reloaded');

    reloads = incidentIndexStats().reloads;
    // A restore with the application stopped: the feed is gone and writers start afresh.
    await feed().deleteMany({});
    forgetFeedEnd(mongoose.connection);
    await Incident.updateOne({ _id: a._id }, { $set: { handlerName: 'Na de reset' } });
    assert.equal((await incidentIndex()).get(String(a._id))?.handlerName, 'Na de reset');
    assert.equal(incidentIndexStats().reloads, reloads + 1, 'reset: reloaded');
    await Incident.updateOne({ _id: a._id }, { $set: { handlerName: 'Daarna' } });
    assert.equal((await incidentIndex()).get(String(a._id))?.handlerName, 'Daarna');
    assert.equal(incidentIndexStats().reloads, reloads + 1, 'followed, not reloaded again');
  });
});
