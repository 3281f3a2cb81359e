// `npm run demo`: a fictitious list of affected persons and a draft notice on the first demo incident.
import assert from 'node:assert/strict';
import { buildTestApp } from '../../helpers/app.js';
import { makeUser } from '../../helpers/factories.js';
import { Incident } from '../../../models/incident.model.js';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { NoticeRun } from '../../../models/notice-run.model.js';
import { seedDemoIncidents } from '../../../server/incidents/incidents.demo.js';
import { seedDemoNotices } from '../../../server/notices/notices.demo.js';
import { contactCipher } from '../../../server/notices/contact-crypto.js';

describe('demo: notices', function () {
  this.timeout(60_000);

  it('when the demo seeders run twice, then the first demo incident has seven sealed demo persons and one draft notice', async () => {
    const t = await buildTestApp({}, '2026-06-15T10:00:00Z');
    const users = {
      reporter: (await makeUser('reporter')).id,
      privacy_officer: (await makeUser('privacy_officer')).id,
    };
    for (let i = 0; i < 2; i++) {
      await seedDemoIncidents(t.deps, users);
      await seedDemoNotices(t.deps, users);
    }
    const first = (await Incident.find({ reporterId: users.reporter }).lean()).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    )[0]!;
    const persons = await AffectedPerson.find({ incidentId: first._id }).lean();
    assert.equal(persons.length, 7);
    const cipher = contactCipher(t.config);
    assert.ok(persons.every((p) => cipher.openContact(p.contact).name.startsWith('Demo ')));
    assert.equal(persons.filter((p) => p.channel === 'letter').length, 2);
    assert.equal(await NoticeRun.countDocuments({ incidentId: first._id }), 1);
  });
});
