// A fixed year of incidents for the insights figures (issue 17): 2019, which no other test uses,
// so figures of that year can be asserted exactly on the shared test database. The expected
// numbers are worked out by hand in test/integration/insights/insights-figures.test.ts.
import { Incident } from '../../models/incident.model.js';
import { fulfil, makeAssessment, makeIncident } from './duty-fixtures.js';

export const FIXTURE_YEAR = 2019;
const H = 3_600_000;
const at = (iso: string) => new Date(iso);

/** Removes earlier fixture incidents (a rerun on the same database) and stores the fixture. */
export async function storeInsightsFixture(): Promise<void> {
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
] as const;
