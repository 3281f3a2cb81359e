// Issue 11 item 6: excluding one person twice at once counts once. Ten concurrent exclusions of
// the same person (over the connection pool's separate connections) leave the list one person
// shorter and one exclusion longer — not −2 or −10.
import assert from 'node:assert/strict';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { contacts, ctxOf, insertPersons, makeIncident, testDomain } from '../../helpers/notices.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { NoticeListChange } from '../../../models/notice-list-change.model.js';
import { excludePerson, personCounts } from '../../../server/notices/affected-persons.service.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';

describe('notices: excluding a person under a race', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());

  it('when the same person is excluded ten times at once, then the counts change once and one exclusion is audited', async () => {
    const officer = await makeUser('privacy_officer');
    const now = new Date();
    const incident = await makeIncident(officer, now);
    await insertPersons(incident._id, contacts(3, testDomain()), officer.id, now);
    const before = await personCounts(incident._id);
    assert.equal(before.total, 3);
    const victim = (await AffectedPerson.findOne({ incidentId: incident._id }).lean())!;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => excludePerson(String(incident._id), String(victim._id), ctxOf(officer, now))));
    assert.deepEqual(results.filter((r) => r.status === 'rejected'), []);
    const after = await personCounts(incident._id);
    assert.equal(after.total, before.total - 1);
    assert.equal(after.excluded, before.excluded + 1);
    assert.equal(await NoticeListChange.countDocuments({ incidentId: incident._id, kind: 'exclude' }), 1);
    assert.ok((await AffectedPerson.findById(victim._id).lean())?.excludedAt);
    assert.equal(await AuditEntry.countDocuments({ action: 'notice.persons.exclude', 'details.personId': String(victim._id) }), 1);
  });
});
