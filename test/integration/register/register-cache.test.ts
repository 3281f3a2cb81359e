// Issue 10 item 3: the register records kept for the exports (server/register/register-cache.ts)
// are the records built afresh from the documents, and a change after an export is in the next
// one — built again for the changed incidents only, or for all after a write that may touch any.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { fileReport, storeAssessment } from '../../helpers/incidents.js';
import { DutyFulfilment } from '../../../models/duty-fulfilment.model.js';
import { Incident } from '../../../models/incident.model.js';
import { IncidentEvent } from '../../../models/incident-event.model.js';
import { registerCacheStats, registerRecords } from '../../../server/register/register-cache.js';
import { readAllRegisterRecords, type RegisterRecord } from '../../../server/register/register-export.js';

const NOW = new Date('2026-05-04T12:00:00Z');

async function exported(): Promise<Map<string, RegisterRecord>> {
  const out = new Map<string, RegisterRecord>();
  for await (const r of registerRecords()) out.set(String(r.reference), r);
  return out;
}

describe('register records kept for the exports', function () {
  this.timeout(60_000);
  let refs: { id: string; reference: string }[];
  before(async () => {
    await startTestDatabase();
    const reporter = await makeUser('reporter');
    refs = [];
    for (const summary of ['Eerste: brief naar verkeerd adres', 'Tweede: laptop kwijt', 'Derde: mail']) {
      const r = await fileReport(reporter, NOW, { summary });
      refs.push({ id: r.id, reference: r.reference });
    }
    await storeAssessment(refs[0]!.id, 'high', NOW);
    await DutyFulfilment.create({
      incidentId: new Types.ObjectId(refs[0]!.id),
      duty: 'authority',
      outcome: 'fulfilled',
      at: NOW,
      recordedAt: NOW,
      byId: 'test',
      byName: 'Test',
      ref: 'M-1',
    });
  });

  it('when records are kept, then each is the record built afresh from its documents, dates and lists included', async () => {
    const kept = await exported();
    let compared = 0;
    for await (const fresh of readAllRegisterRecords()) {
      const k = kept.get(String(fresh.record.reference));
      assert.ok(k, `kept record for ${String(fresh.record.reference)}`);
      assert.deepEqual(k, fresh.record);
      compared++;
    }
    assert.equal(compared, kept.size);
    const first = kept.get(refs[0]!.reference)!;
    assert.ok(first.discoveredAt instanceof Date, 'a date stays a date');
    assert.equal(first.riskLevel, 'high');
    assert.equal(first.authorityReference, 'M-1');
  });

  it('when an incident and another incident’s assessment change after an export, then the next export shows both, built again for those two only', async () => {
    await exported();
    const before = registerCacheStats();
    await Incident.updateOne({ _id: refs[1]!.id }, { $set: { summary: 'Tweede: laptop teruggevonden' } });
    await storeAssessment(refs[2]!.id, 'risk', NOW);
    const after = await exported();
    const stats = registerCacheStats();
    assert.equal(after.get(refs[1]!.reference)?.summary, 'Tweede: laptop teruggevonden');
    assert.equal(after.get(refs[2]!.reference)?.riskLevel, 'risk');
    assert.equal(stats.builds, before.builds, 'no full build');
    assert.equal(stats.refreshed - before.refreshed, 2, 'the two changed incidents were built again');
  });

  it('when a write may have touched any document of a collection, then the next export builds every record again', async () => {
    await exported();
    const before = registerCacheStats();
    assert.notDeepEqual((await exported()).get(refs[0]!.reference)?.timeline, []);
    await IncidentEvent.deleteMany({ incidentId: new Types.ObjectId(refs[0]!.id) });
    const after = await exported();
    assert.equal(registerCacheStats().builds, before.builds + 1);
    assert.deepEqual(after.get(refs[0]!.reference)?.timeline, []);
  });

  it('when an incident is deleted, then it is no longer exported', async () => {
    await exported();
    await Incident.deleteOne({ _id: refs[2]!.id });
    const after = await exported();
    assert.equal(after.has(refs[2]!.reference), false);
    assert.equal(after.has(refs[1]!.reference), true);
  });
});
