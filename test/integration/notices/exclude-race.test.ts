// Issue 11 item 6: excluding one person twice at once counts once. Ten concurrent exclusions of
// the same person — from two processes with their own database connections, five each, released
// together by a barrier — leave the list one person shorter and one exclusion longer, not −2 or
// −10; and the race really reached the unique key (some exclusions found the change counted).
import assert from 'node:assert/strict';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import { contacts, insertPersons, makeIncident, testDomain } from '../../helpers/notices.js';
import { startRacers } from '../../helpers/race.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { NoticeListChange } from '../../../models/notice-list-change.model.js';
import { personCounts } from '../../../server/notices/affected-persons.service.js';
import { AuditEntry } from '../../../models/audit-entry.model.js';

describe('notices: excluding a person under a race', function () {
  this.timeout(120_000);
  let uri: string;
  before(async () => {
    ({ uri } = await startTestDatabase());
  });

  it('when the same person is excluded ten times at once from two processes, then the counts change once and one exclusion is audited', async () => {
    const officer = await makeUser('privacy_officer');
    const now = new Date();
    const incident = await makeIncident(officer, now);
    await insertPersons(incident._id, contacts(3, testDomain()), officer.id, now);
    const before = await personCounts(incident._id);
    assert.equal(before.total, 3);
    const victim = (await AffectedPerson.findOne({ incidentId: incident._id }).lean())!;
    const user = JSON.stringify({
      id: officer.id,
      email: officer.email,
      name: officer.name,
      role: officer.role,
      language: officer.language,
    });
    const racers = await startRacers<{ outcomes: string[]; lostInserts: number }>(
      'test/helpers/exclude-racer.ts',
      2,
      () => [uri, user, String(incident._id), String(victim._id), '5'],
    );
    const results = await racers.go();
    const outcomes = results.flatMap((r) => r.outcomes);
    const lost = results.reduce((n, r) => n + r.lostInserts, 0);
    console.log(`      exclusions: 10 from 2 processes; found already counted at the unique key: ${lost}`);
    assert.deepEqual(outcomes, Array<string>(10).fill('done'));
    assert.ok(lost >= 1, 'the exclusions really met at the unique key');
    const after = await personCounts(incident._id);
    assert.equal(after.total, before.total - 1);
    assert.equal(after.excluded, before.excluded + 1);
    assert.equal(await NoticeListChange.countDocuments({ incidentId: incident._id, kind: 'exclude' }), 1);
    assert.ok((await AffectedPerson.findById(victim._id).lean())?.excludedAt);
    assert.equal(
      await AuditEntry.countDocuments({
        action: 'notice.persons.exclude',
        'details.personId': String(victim._id),
      }),
      1,
    );
  });
});
