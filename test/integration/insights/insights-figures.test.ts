// Issue 17: every figure set of the insights page, computed by the database aggregates and the
// pure figures, against numbers worked out by hand on the fixed 2019 fixture
// (test/helpers/insights-fixture.ts; the comments there give each incident's facts).
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { FIXTURE_RUNS, FIXTURE_YEAR, storeInsightsFixture } from '../../helpers/insights-fixture.js';
import {
  countCauses,
  dutiesOverTime,
  filingTimes,
  measuresPerCause,
  monthlyByBreachType,
  monthlyByCause,
  noticeRuns,
  notificationShares,
  topCauses,
} from '../../../server/insights/insights.aggregate.js';
import {
  assessmentRows,
  fulfilmentRows,
  handledIncidentRows,
  incidentRows,
  letterPostingRows,
  pageStatusRows,
  runStartRows,
  yearBounds,
} from '../../../server/insights/insights.queries.js';
import { loadFigures } from '../../../server/insights/insights.cache.js';
import { Incident } from '../../../models/incident.model.js';
import { NoticeLetterPosting } from '../../../models/notice-letter-posting.model.js';
import { NoticeRunEvent } from '../../../models/notice-run-event.model.js';

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

  it('when incidents are read for the duties over time, then earlier ones still handled in the year come along and those closed before it do not', async () => {
    const refs = (await handledIncidentRows(Y)).map((r) => r.reference);
    assert.ok(refs.includes('DL-2018-0901'), 'closed in April 2019: handled in 2019');
    assert.ok(!refs.includes('DL-2018-0902'), 'closed in 2018');
    assert.ok(!refs.includes('DL-2020-0001'), 'discovered in 2020 (Dutch calendar)');
    for (const r of [
      'DL-2019-0001',
      'DL-2019-0002',
      'DL-2019-0003',
      'DL-2019-0004',
      'DL-2019-0005',
      'DL-2019-0006',
      'DL-2019-0007',
      'DL-2019-0008',
    ])
      assert.ok(refs.includes(r), r);
  });

  it('when duties are counted at each month end, then open and overdue ones follow the version in force and the fulfilments done by then', async () => {
    // By hand (fixture comments): I2's affected persons open from February on (no deadline); I4's
    // provisional AP duty overdue from March (discovery 20 Mar + 72 h); I6's provisional AP duty
    // open at the end of December (assessed and filed in 2020); I10's ministry duty overdue in
    // January, its affected persons open in February and overdue in March, closed in April.
    const months = dutiesOverTime(
      await handledIncidentRows(Y),
      await assessmentRows(Y),
      await fulfilmentRows(Y),
      Y,
      new Date('2026-01-01T00:00:00Z'),
    );
    const c = (open: number, overdue: number) => ({ open, overdue });
    const expect = (
      open: number,
      overdue: number,
      authority = c(0, 0),
      ministry = c(0, 0),
      subjects = c(0, 0),
    ) => ({ open, overdue, perDuty: { authority, ministry, subjects } });
    const aprToNov = expect(2, 1, c(1, 1), c(0, 0), c(1, 0));
    assert.deepEqual(months, [
      expect(1, 1, c(0, 0), c(1, 1)),
      expect(2, 0, c(0, 0), c(0, 0), c(2, 0)),
      expect(3, 2, c(1, 1), c(0, 0), c(2, 1)),
      ...Array.from({ length: 8 }, () => aprToNov),
      expect(3, 1, c(2, 1), c(0, 0), c(1, 0)),
    ]);
  });

  it('when the year is not over, then months that have not ended have no duty counts', async () => {
    const months = dutiesOverTime(
      await handledIncidentRows(Y),
      await assessmentRows(Y),
      await fulfilmentRows(Y),
      Y,
      new Date('2019-03-31T22:00:00Z'), // the first moment of April in Amsterdam
    );
    assert.equal(months.filter((m) => m !== null).length, 3);
    assert.equal(months[2]?.overdue, 2);
    assert.equal(months[3], null);
  });

  it('when notice runs are counted, then each lands in the month of its first start with its recipients by outcome and its posted letters', async () => {
    const starts = await runStartRows();
    const ours = Object.values(FIXTURE_RUNS).map(String);
    const runIds = [...new Set(starts.map((s) => s.runId))].filter((id) => ours.includes(id));
    assert.equal(runIds.length, 4);
    const pages = await pageStatusRows(runIds);
    assert.equal(pages.length, 5);
    const postings = await letterPostingRows(runIds);
    const r = noticeRuns(
      starts.filter((s) => ours.includes(s.runId)),
      pages,
      postings,
      Y,
    );
    const counts = (
      runs: number,
      recipients: number,
      email: number,
      letter: number,
      bounced: number,
      pending: number,
      posted: number,
    ) => ({ runs, recipients, email, letter, bounced, pending, posted });
    const zero = counts(0, 0, 0, 0, 0, 0, 0);
    assert.deepEqual(r.months, [
      counts(1, 1, 0, 1, 0, 0, 1),
      counts(1, 3, 2, 0, 0, 1, 0),
      counts(1, 10, 5, 2, 2, 1, 3),
      ...Array.from({ length: 9 }, () => zero),
    ]);
    assert.deepEqual(r.year, counts(3, 14, 7, 3, 2, 2, 4));
  });

  it('when letters are recorded as posted, then the kept figures are computed again with them', async () => {
    const before = await loadFigures(Y);
    const posting = await NoticeLetterPosting.create({
      runId: FIXTURE_RUNS.march,
      incidentId: new Types.ObjectId(),
      postedOn: new Date('2019-03-20T10:00:00Z'),
      recordedAt: new Date('2019-03-20T10:00:00Z'),
      byId: 'test',
      byName: 'Test',
      count: 2,
    });
    try {
      const after = await loadFigures(Y);
      assert.notEqual(after, before, 'computed again after the posting');
      assert.equal(after.notices.months[2]?.posted, 5);
      assert.equal(after.notices.year.posted, 6);
    } finally {
      await NoticeLetterPosting.deleteOne({ _id: posting._id });
    }
  });

  it('when a notice run starts, then the kept figures are computed again with it', async () => {
    const before = await loadFigures(Y);
    const runId = new Types.ObjectId();
    await NoticeRunEvent.create({
      runId,
      seq: 1,
      type: 'started',
      at: new Date('2019-06-10T10:00:00Z'),
      byId: 'test',
      byName: 'Test',
    });
    try {
      const after = await loadFigures(Y);
      assert.notEqual(after, before, 'computed again after the change');
      assert.equal(after.notices.months[5]?.runs, (before.notices.months[5]?.runs ?? 0) + 1);
    } finally {
      await NoticeRunEvent.deleteMany({ runId });
    }
  });
});
