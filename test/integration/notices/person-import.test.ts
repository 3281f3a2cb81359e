// The import stores one batch while it reads the next (issue 10): every row is counted once,
// duplicates against the list are found whichever batch they fall in, the report is in row order,
// and an import that stops part-way keeps exactly the rows it counted.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { AffectedPerson } from '../../../models/affected-person.model.js';
import { DEFAULT_IMPORT_LIMITS, importPersons } from '../../../server/notices/person-import.js';
import { startTestDatabase } from '../../helpers/db.js';
import { makeUser } from '../../helpers/factories.js';
import {
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  testCipher,
  testDomain,
} from '../../helpers/notices.js';

function csvOf(rows: string[]): Readable {
  return Readable.from([Buffer.from(`naam;e-mailadres;taal\n${rows.join('\n')}\n`)]);
}

describe('integration: importing affected persons in overlapping batches', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());

  it('when 60 rows in batches of 4 hold rows already on the list, duplicates within the file and bad rows, then each row is counted once and the report is in row order', async () => {
    const officer = await makeUser('privacy_officer');
    const now = new Date();
    const incident = await makeIncident(officer, now);
    const domain = testDomain();
    // Persons 10–19 are on the list already.
    await insertPersons(incident._id, contacts(20, domain).slice(10), officer.id, now);
    const rows = Array.from({ length: 60 }, (_, i) => {
      if (i % 17 === 5) return `Persoon ${i};geen-adres;nl`;
      if (i >= 40 && i < 45) return `Persoon ${i - 40};r${i - 40}@${domain};nl`; // repeats rows 0–4 of this file
      return `Persoon ${i};r${i}@${domain};nl`;
    });
    const imp = await importPersons(String(incident._id), csvOf(rows), ctxOf(officer, now), testCipher, {
      ...DEFAULT_IMPORT_LIMITS,
      batchSize: 4,
    });
    const bad = rows.filter((r) => r.includes('geen-adres')).length;
    assert.equal(imp.status, 'done');
    assert.equal(imp.rows, 60);
    assert.equal(imp.invalid, bad);
    // 10 already on the list (rows 10–19) and 5 repeated within the file.
    assert.equal(imp.duplicates, 15);
    assert.equal(imp.imported, 60 - bad - 15);
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 10 + imp.imported);
    assert.equal(
      imp.problems.filter((p) => p.problem === 'notices.import.problem.duplicateExisting').length,
      10,
    );
    const order = imp.problems.map((p) => p.row);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });

  it('when the file has more rows than allowed, then the import stops, and every row stored is counted as imported', async () => {
    const officer = await makeUser('privacy_officer');
    const now = new Date();
    const incident = await makeIncident(officer, now);
    const domain = testDomain();
    const rows = Array.from({ length: 30 }, (_, i) => `Persoon ${i};r${i}@${domain};nl`);
    const imp = await importPersons(String(incident._id), csvOf(rows), ctxOf(officer, now), testCipher, {
      ...DEFAULT_IMPORT_LIMITS,
      batchSize: 4,
      maxRows: 21,
    });
    assert.equal(imp.status, 'failed');
    assert.equal(imp.failure, 'notices.import.tooManyRows');
    assert.equal(imp.imported, 21);
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 21);
  });
});
