// A fixed year of incidents for the insights figures (issue 17): 2019, which no other test uses,
// so figures of that year can be asserted exactly on the shared test database. The expected
// numbers are worked out by hand in test/integration/insights/insights-figures.test.ts.
import { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident } from '../../models/incident.model.js';
import { NoticeLetterPosting } from '../../models/notice-letter-posting.model.js';
import { NoticePageHead } from '../../models/notice-page-head.model.js';
import { NoticeRunEvent, type NoticeRunEventType } from '../../models/notice-run-event.model.js';
import { fulfil, makeAssessment, makeIncident } from './duty-fixtures.js';

export const FIXTURE_YEAR = 2019;
const H = 3_600_000;
const at = (iso: string) => new Date(iso);

/** Removes earlier fixture incidents (a rerun on the same database) and stores the fixture. */
export async function storeInsightsFixture(): Promise<void> {
  const earlier = await Incident.find({ reference: { $in: [...REFERENCES] } }, { _id: 1 }).lean();
  const earlierIds = earlier.map((i) => i._id);
  await Assessment.deleteMany({ incidentId: { $in: earlierIds } });
  await DutyFulfilment.deleteMany({ incidentId: { $in: earlierIds } });
  await Incident.deleteMany({ reference: { $in: [...REFERENCES] } });

  const inc = (n: number, reference: string, fields: Record<string, unknown>) =>
    makeIncident({ reference, year: FIXTURE_YEAR, seq: 900_000 + n, ...fields });

  // I1 January: AP filed 24 h after awareness, ministry notified, no duty towards affected persons.
  const i1 = await inc(1, 'DL-2019-0001', {
    status: 'ap_notified',
    discoveredAt: at('2019-01-10T09:00:00Z'),
    incidentCause: 'email_wrong_recipient',
    breachTypes: ['confidentiality'],
    measuresTaken: 'Ontvanger gevraagd de e-mail te verwijderen.',
  });
  await makeAssessment(i1._id, {
    riskLevel: 'risk',
    awarenessAt: at('2019-01-10T10:00:00Z'),
    decidedAt: at('2019-01-10T11:00:00Z'),
    duties: { notifyAuthority: true, notifyMinistry: true },
  });
  await fulfil(i1._id, 'authority', at('2019-01-11T10:00:00Z'));
  await fulfil(i1._id, 'ministry', at('2019-01-10T20:00:00Z'));

  // I2 discovered 31 Jan 23:30 UTC = 1 Feb in Amsterdam: February. Re-assessed with a later
  // awareness (2 Feb 00:00 UTC); filed 5 Feb 06:00 UTC = 78 h after it: late, with a reason.
  const i2 = await inc(2, 'DL-2019-0002', {
    status: 'ap_notified',
    discoveredAt: at('2019-01-31T23:30:00Z'),
    incidentCause: 'email_wrong_recipient',
    breachTypes: ['confidentiality', 'availability'],
  });
  const i2v = {
    riskLevel: 'high' as const,
    duties: { notifyAuthority: true, informSubjects: true },
    decidedAt: at('2019-02-02T01:00:00Z'),
  };
  await makeAssessment(i2._id, { ...i2v, version: 1, awarenessAt: at('2019-02-01T00:00:00Z') });
  await makeAssessment(i2._id, { ...i2v, version: 2, awarenessAt: at('2019-02-02T00:00:00Z') });
  await fulfil(i2._id, 'authority', at('2019-02-05T06:00:00Z'), {
    late: true,
    delayReason: 'Wachten op de leverancier',
  });

  // I3 March: assessed as no risk, no duties.
  const i3 = await inc(3, 'DL-2019-0003', {
    status: 'assessed',
    discoveredAt: at('2019-03-15T12:00:00Z'),
    incidentCause: 'phishing_social_engineering',
    breachTypes: ['integrity'],
    measuresTaken: 'Wachtwoorden gereset.',
    closingMeasures: 'Training over phishing.',
  });
  await makeAssessment(i3._id, { riskLevel: 'none', decidedAt: at('2019-03-16T12:00:00Z') });

  // I4 March: not assessed yet, no breach type named yet.
  await inc(4, 'DL-2019-0004', {
    status: 'triage',
    discoveredAt: at('2019-03-20T12:00:00Z'),
    incidentCause: 'phishing_social_engineering',
    breachTypes: [],
  });

  // I5 July: not a breach.
  await inc(5, 'DL-2019-0005', {
    status: 'not_a_breach',
    personalDataInvolved: 'no',
    discoveredAt: at('2019-07-01T08:00:00Z'),
    incidentCause: 'device_lost_stolen',
    breachTypes: ['confidentiality'],
  });

  // I6 discovered 31 Dec 22:30 UTC = 23:30 in Amsterdam: December 2019. No awareness recorded, so
  // the clock runs from discovery; filed exactly 72 h later: on time. Ministry duty cancelled;
  // affected persons not informed under the Art. 34(3)(a) exception.
  const i6 = await inc(6, 'DL-2019-0006', {
    status: 'ap_notified',
    discoveredAt: at('2019-12-31T22:30:00Z'),
    incidentCause: 'email_wrong_recipient',
    breachTypes: ['confidentiality'],
    closingMeasures: 'Versleuteling verplicht gesteld.',
  });
  await makeAssessment(i6._id, {
    riskLevel: 'high',
    decidedAt: at('2020-01-01T10:00:00Z'),
    duties: { notifyAuthority: true, notifyMinistry: true },
    art34Exception: 'unintelligible',
  });
  await fulfil(i6._id, 'authority', new Date(at('2019-12-31T22:30:00Z').getTime() + 72 * H));
  await fulfil(i6._id, 'ministry', at('2020-01-02T10:00:00Z'), { outcome: 'cancelled' });

  // I7 discovered 31 Dec 23:30 UTC = 1 Jan 2020 in Amsterdam: not of 2019.
  await inc(7, 'DL-2020-0001', {
    year: 2020,
    discoveredAt: at('2019-12-31T23:30:00Z'),
    incidentCause: 'ransomware',
    breachTypes: ['availability'],
    measuresTaken: 'Niet van dit jaar.',
  });

  // I8 May: withdrawn.
  await inc(8, 'DL-2019-0007', {
    status: 'withdrawn',
    discoveredAt: at('2019-05-05T10:00:00Z'),
    incidentCause: 'ransomware',
    breachTypes: ['availability'],
  });

  // I9 May: no awareness recorded, filed 200 h after discovery: late, no reason given.
  const i9 = await inc(9, 'DL-2019-0008', {
    status: 'ap_notified',
    discoveredAt: at('2019-05-06T10:00:00Z'),
    incidentCause: 'hacking_malware',
    breachTypes: ['confidentiality', 'integrity'],
  });
  await makeAssessment(i9._id, {
    riskLevel: 'risk',
    decidedAt: at('2019-05-07T10:00:00Z'),
    duties: { notifyAuthority: true },
  });
  await fulfil(i9._id, 'authority', new Date(at('2019-05-06T10:00:00Z').getTime() + 200 * H));

  // I10, discovered in December 2018 and still handled in 2019 (closed 15 April 2019): counts only
  // in the duties over time. AP filed in 2018; ministry due 15 Jan 2019, done 10 Feb (late);
  // re-assessed 20 Feb with affected persons to inform by 5 Mar, never done before the closure.
  const i10 = await inc(10, 'DL-2018-0901', {
    year: 2018,
    status: 'closed',
    closedAt: at('2019-04-15T10:00:00Z'),
    discoveredAt: at('2018-12-20T10:00:00Z'),
    incidentCause: 'hacking_malware',
    breachTypes: ['confidentiality'],
  });
  const i10duties = { notifyAuthority: true, notifyMinistry: true };
  const i10deadlines = { authority: at('2018-12-23T10:00:00Z'), ministry: at('2019-01-15T10:00:00Z') };
  await makeAssessment(i10._id, {
    riskLevel: 'risk',
    decidedAt: at('2018-12-21T10:00:00Z'),
    duties: i10duties,
    deadlines: i10deadlines,
  });
  await makeAssessment(i10._id, {
    version: 2,
    riskLevel: 'high',
    decidedAt: at('2019-02-20T10:00:00Z'),
    duties: { ...i10duties, informSubjects: true },
    deadlines: { ...i10deadlines, subjects: at('2019-03-05T10:00:00Z') },
  });
  await fulfil(i10._id, 'authority', at('2018-12-22T10:00:00Z'));
  await fulfil(i10._id, 'ministry', at('2019-02-10T10:00:00Z'), { late: true, delayReason: 'Vergeten' });

  // I11, closed in 2018 with its AP duty never done: not handled in 2019, so not counted.
  const i11 = await inc(11, 'DL-2018-0902', {
    year: 2018,
    status: 'closed',
    closedAt: at('2018-12-01T10:00:00Z'),
    discoveredAt: at('2018-11-01T10:00:00Z'),
    incidentCause: 'ransomware',
    breachTypes: ['availability'],
  });
  await makeAssessment(i11._id, {
    decidedAt: at('2018-11-02T10:00:00Z'),
    duties: { notifyAuthority: true },
    deadlines: { authority: at('2018-11-04T10:00:00Z') },
  });

  await storeNoticeRuns();
}

/** Notice runs of the fixture, by fixed ids (the expected counts are in the integration test). */
export const FIXTURE_RUNS = {
  /** First started 10 March 2019: 10 recipients over two pages, 3 letters posted. */
  march: new Types.ObjectId('5c0000000000000000201901'),
  /** First started 31 Jan 23:30 UTC = 1 Feb in Amsterdam, started again in March: February. */
  february: new Types.ObjectId('5c0000000000000000201902'),
  /** Started 31 Dec 2018 23:30 UTC = 1 Jan 2019 in Amsterdam: January; one letter, posted. */
  january: new Types.ObjectId('5c0000000000000000201903'),
  /** Started 31 Dec 2019 23:30 UTC = 2020 in Amsterdam: not of 2019. */
  later: new Types.ObjectId('5c0000000000000000201904'),
} as const;

async function storeNoticeRuns(): Promise<void> {
  const ids = Object.values(FIXTURE_RUNS);
  await NoticeRunEvent.deleteMany({ runId: { $in: ids } });
  await NoticePageHead.deleteMany({ runId: { $in: ids } });
  await NoticeLetterPosting.deleteMany({ runId: { $in: ids } });
  const by = { byId: 'test', byName: 'Test Privacy Officer' };
  const event = (runId: Types.ObjectId, seq: number, type: NoticeRunEventType, when: string) =>
    NoticeRunEvent.create({ runId, seq, type, at: at(when), ...by });
  const page = (runId: Types.ObjectId, n: number, status: string) =>
    NoticePageHead.create({
      _id: `${String(runId)}:${n}`,
      runId,
      page: n,
      size: status.length,
      status,
      open: /[psr]/.test(status),
      updatedAt: at('2019-06-01T00:00:00Z'),
    });
  const posting = (runId: Types.ObjectId, count: number, when: string) =>
    NoticeLetterPosting.create({
      runId,
      incidentId: new Types.ObjectId(),
      postedOn: at(when),
      recordedAt: at(when),
      count,
      ...by,
    });
  const { march, february, january, later } = FIXTURE_RUNS;

  await event(march, 1, 'created', '2019-03-09T10:00:00Z');
  await event(march, 2, 'started', '2019-03-10T10:00:00Z');
  await event(march, 3, 'completed', '2019-03-11T10:00:00Z');
  await page(march, 0, 'SSSSFL'); // 4 by e-mail, 1 refused, 1 without address
  await page(march, 1, 'SDLr'); // 1 by e-mail, 1 failed until the attempts ran out, 1 letter, 1 retrying
  await posting(march, 2, '2019-03-15T10:00:00Z');
  await posting(march, 1, '2019-04-02T10:00:00Z');

  await event(february, 1, 'started', '2019-01-31T23:30:00Z');
  await event(february, 2, 'started', '2019-03-20T10:00:00Z');
  await page(february, 0, 'SSp');

  await event(january, 1, 'started', '2018-12-31T23:30:00Z');
  await page(january, 0, 'L');
  await posting(january, 1, '2019-01-05T10:00:00Z');

  await event(later, 1, 'started', '2019-12-31T23:30:00Z');
  await page(later, 0, 'SSS');
}

const REFERENCES = [
  'DL-2019-0001',
  'DL-2019-0002',
  'DL-2019-0003',
  'DL-2019-0004',
  'DL-2019-0005',
  'DL-2019-0006',
  'DL-2020-0001',
  'DL-2019-0007',
  'DL-2019-0008',
  'DL-2018-0901',
  'DL-2018-0902',
] as const;
