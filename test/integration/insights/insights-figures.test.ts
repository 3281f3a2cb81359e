// Issue 17: every figure set of the insights page, computed by the database aggregates and the
// pure figures, against numbers worked out by hand on the fixed 2019 fixture
// (test/helpers/insights-fixture.ts; the comments there give each incident's facts).
import assert from 'node:assert/strict';
import { startTestDatabase } from '../../helpers/db.js';
import { FIXTURE_YEAR, storeInsightsFixture } from '../../helpers/insights-fixture.js';
import {
  countCauses,
  filingTimes,
  measuresPerCause,
  monthlyByBreachType,
  monthlyByCause,
  notificationShares,
  topCauses,
} from '../../../server/insights/insights.aggregate.js';
import {
  assessmentRows,
  fulfilmentRows,
  incidentRows,
  yearBounds,
} from '../../../server/insights/insights.queries.js';
import { loadFigures } from '../../../server/insights/insights.cache.js';
import { Incident } from '../../../models/incident.model.js';

const Y = FIXTURE_YEAR;
//            J  F  M  A  M  J  J  A  S  O  N  D
const none = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const months = (set: Record<number, number>) => none.map((z, i) => set[i + 1] ?? z);

describe('insights figures on the 2019 fixture', function () {
  this.timeout(60_000);
  before(async () => {
    await startTestDatabase();
    await storeInsightsFixture();
  });

  it('when the year is bounded, then it runs from 1 January to 1 January in Dutch time', () => {
    const { start, end } = yearBounds(2019);
    assert.equal(start.toISOString(), '2018-12-31T23:00:00.000Z');
    assert.equal(end.toISOString(), '2019-12-31T23:00:00.000Z');
  });

  it('when incidents are read for the year, then only those discovered in it on the Dutch calendar come back, as small rows', async () => {
    const rows = await incidentRows(Y);
    assert.deepEqual(rows.map((r) => r.reference).sort(), [
      'DL-2019-0001',
      'DL-2019-0002',
      'DL-2019-0003',
      'DL-2019-0004',
      'DL-2019-0005',
      'DL-2019-0006',
      'DL-2019-0007',
      'DL-2019-0008',
    ]);
    const one = rows.find((r) => r.reference === 'DL-2019-0001');
    assert.ok(one && !('summary' in one) && !('reporterName' in one), 'no incident text is read');
  });

  it('when incidents are counted per month by cause, then each lands in its month under its cause', async () => {
    const byCause = monthlyByCause(await incidentRows(Y), Y);
    assert.deepEqual(byCause.email_wrong_recipient, months({ 1: 1, 2: 1, 12: 1 }));
    assert.deepEqual(byCause.phishing_social_engineering, months({ 3: 2 }));
    assert.deepEqual(byCause.device_lost_stolen, months({ 7: 1 }));
    assert.deepEqual(byCause.ransomware, months({ 5: 1 }));
    assert.deepEqual(byCause.hacking_malware, months({ 5: 1 }));
    const total = Object.values(byCause)
      .flat()
      .reduce((a, b) => a + b, 0);
    assert.equal(total, 8);
  });

  it('when incidents are counted per month by breach type, then an incident counts under each of its types and one without under unspecified', async () => {
    const byType = monthlyByBreachType(await incidentRows(Y), Y);
    assert.deepEqual(byType.confidentiality, months({ 1: 1, 2: 1, 5: 1, 7: 1, 12: 1 }));
    assert.deepEqual(byType.integrity, months({ 3: 1, 5: 1 }));
    assert.deepEqual(byType.availability, months({ 2: 1, 5: 1 }));
    assert.deepEqual(byType.unspecified, months({ 3: 1 }));
  });

  it('when notification is counted per duty, then notified ones and the reasons for the others add up to the year', async () => {
    const shares = notificationShares(
      await incidentRows(Y),
      await assessmentRows(Y),
      await fulfilmentRows(Y),
      Y,
    );
    assert.equal(shares.total, 8);
    const nonZero = (r: Record<string, number>) =>
      Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));
    assert.deepEqual(nonZero(shares.counts.authority), {
      notified: 4,
      no_duty: 1,
      not_assessed: 1,
      not_a_breach: 1,
      withdrawn: 1,
    });
    assert.deepEqual(nonZero(shares.counts.ministry), {
      notified: 1,
      cancelled: 1,
      no_duty: 3,
      not_assessed: 1,
      not_a_breach: 1,
      withdrawn: 1,
    });
    assert.deepEqual(nonZero(shares.counts.subjects), {
      open: 1,
      no_duty: 3,
      exception_unintelligible: 1,
      not_assessed: 1,
      not_a_breach: 1,
      withdrawn: 1,
    });
  });

  it('when AP filing times are distributed, then they run from the latest awareness, 72 h is on time and the late ones are named, slowest first', async () => {
    const t = filingTimes(await incidentRows(Y), await assessmentRows(Y), await fulfilmentRows(Y), Y);
    assert.equal(t.filed, 4);
    assert.equal(t.onTime, 2);
    // (0,12] (12,24] … (60,72] (72,84] … (132,144] 144+
    assert.deepEqual(
      t.bins.map((b) => b.count),
      [0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1],
    );
    assert.deepEqual(t.bins.at(-1), { from: 144, to: null, count: 1 });
    assert.deepEqual(t.late, [
      { reference: 'DL-2019-0008', hours: 200, delayReason: null },
      { reference: 'DL-2019-0002', hours: 78, delayReason: 'Wachten op de leverancier' },
    ]);
  });

  it('when causes are counted, then the top recurring causes come with the measures recorded on their incidents', async () => {
    const rows = await incidentRows(Y);
    const counts = countCauses(rows).sort((a, b) => b.count - a.count);
    assert.deepEqual(counts[0], { cause: 'email_wrong_recipient', count: 3 });
    const top = topCauses(counts);
    assert.deepEqual(top, [
      { cause: 'email_wrong_recipient', count: 3 },
      { cause: 'phishing_social_engineering', count: 2 },
      { cause: 'device_lost_stolen', count: 1 },
      { cause: 'hacking_malware', count: 1 },
      { cause: 'ransomware', count: 1 },
    ]);
    const measures = measuresPerCause(top, rows);
    assert.deepEqual(measures[0]?.measures, [
      { reference: 'DL-2019-0001', text: 'Ontvanger gevraagd de e-mail te verwijderen.' },
      { reference: 'DL-2019-0006', text: 'Versleuteling verplicht gesteld.' },
    ]);
    assert.deepEqual(measures[1]?.measures, [
      { reference: 'DL-2019-0003', text: 'Wachtwoorden gereset.\nTraining over phishing.' },
    ]);
    assert.deepEqual(measures[4], { cause: 'ransomware', count: 1, measures: [] });
  });

  it('when the figures are asked for again, then they are kept until an incident of any year changes, and then reflect the change', async () => {
    const first = await loadFigures(Y);
    assert.equal(await loadFigures(Y), first, 'kept: nothing changed');
    assert.equal(first.byCause.ransomware[4], 1);
    const ref = 'DL-2019-0001'; // email_wrong_recipient, January
    await Incident.updateOne({ reference: ref }, { $set: { incidentCause: 'ransomware' } });
    try {
      const after = await loadFigures(Y);
      assert.notEqual(after, first, 'computed again after the change');
      assert.deepEqual(after.byCause.ransomware, months({ 1: 1, 5: 1 }));
      assert.deepEqual(after.byCause.email_wrong_recipient, months({ 2: 1, 12: 1 }));
    } finally {
      await Incident.updateOne({ reference: ref }, { $set: { incidentCause: 'email_wrong_recipient' } });
    }
    assert.deepEqual((await loadFigures(Y)).byCause.email_wrong_recipient, months({ 1: 1, 2: 1, 12: 1 }));
  });
});
