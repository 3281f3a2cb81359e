// Issue 17: the insights figures against hand-computed expectations on a fixed fixture.
import assert from 'node:assert/strict';
import {
  awarenessTiming,
  dutiesOverTime,
  monthEnds,
  noticeRuns,
  type DutyAssessmentRow,
  type DutyIncidentRow,
  filingTimes,
  incidentsPerMonth,
  notificationOutcome,
  type AssessmentRow,
  type FulfilmentRow,
  type IncidentRow,
  type InsightIncident,
  type NotificationOutcome,
} from '../../../server/insights/insights.aggregate.js';

const at = (iso: string) => new Date(iso);
// Discovered: Jan ×2, Mar ×1, Dec ×1 (31 Dec 23:30 UTC is 1 Jan 00:30 in Amsterdam: next year), 2025 ×1.
const FIXTURE: InsightIncident[] = [
  {
    reference: 'DL-2026-0001',
    discoveredAt: at('2026-01-05T09:00:00Z'),
    awarenessAt: at('2026-01-05T12:00:00Z'),
  }, // 3 h
  {
    reference: 'DL-2026-0002',
    discoveredAt: at('2026-01-20T09:00:00Z'),
    awarenessAt: at('2026-01-23T10:00:00Z'),
  }, // 73 h: late
  {
    reference: 'DL-2026-0003',
    discoveredAt: at('2026-03-01T09:00:00Z'),
    awarenessAt: at('2026-03-03T09:00:00Z'),
  }, // 48 h
  { reference: 'DL-2026-0004', discoveredAt: at('2026-12-10T09:00:00Z'), awarenessAt: null }, // unknown
  {
    reference: 'DL-2027-0001',
    discoveredAt: at('2026-12-31T23:30:00Z'),
    awarenessAt: at('2027-01-01T00:00:00Z'),
  },
  {
    reference: 'DL-2025-0009',
    discoveredAt: at('2025-06-01T09:00:00Z'),
    awarenessAt: at('2025-06-09T09:00:00Z'),
  },
];

describe('insights aggregation', () => {
  it('when incidents are counted per month, then each lands in its Dutch calendar month of discovery', () => {
    assert.deepEqual(incidentsPerMonth(FIXTURE, 2026), [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(incidentsPerMonth(FIXTURE, 2027), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('when discovery to awareness is distributed, then the 72 h line splits on time from late and late ones are named', () => {
    const t = awarenessTiming(FIXTURE, 2026);
    assert.deepEqual(t.counts, { under24: 1, under48: 0, under72: 1, over72: 1, unknown: 1 });
    assert.deepEqual(t.late, ['DL-2026-0002']);
  });
});

describe('insights: notification outcome and filing bins (edge cases)', () => {
  const incident = (over: Partial<IncidentRow> = {}): IncidentRow => ({
    id: 'i',
    reference: 'DL-2026-0100',
    status: 'assessed',
    discoveredAt: at('2026-05-01T08:00:00Z'),
    personalDataInvolved: 'yes',
    incidentCause: 'other',
    breachTypes: ['confidentiality'],
    ...over,
  });
  const assessment = (over: Partial<AssessmentRow> = {}): AssessmentRow => ({
    incidentId: 'i',
    version: 1,
    riskLevel: 'high',
    duties: { notifyAuthority: true, informSubjects: true, notifyMinistry: false },
    ...over,
  });
  const done = (
    duty: FulfilmentRow['duty'],
    outcome: FulfilmentRow['outcome'],
    iso: string,
  ): FulfilmentRow => ({
    incidentId: 'i',
    duty,
    outcome,
    at: at(iso),
    recordedAt: at(iso),
  });

  it('when the outcome of a duty is decided, then each case gives the reason the register would give', () => {
    const cases: Array<[string, NotificationOutcome, ReturnType<typeof notificationOutcome>]> = [
      [
        'filed, then withdrawn: still notified',
        'notified',
        notificationOutcome(incident({ status: 'withdrawn' }), 'authority', assessment(), [
          done('authority', 'fulfilled', '2026-05-02T08:00:00Z'),
        ]),
      ],
      [
        'filed, later cancelled: the latest record decides',
        'cancelled',
        notificationOutcome(incident(), 'authority', assessment(), [
          done('authority', 'fulfilled', '2026-05-02T08:00:00Z'),
          done('authority', 'cancelled', '2026-05-03T08:00:00Z'),
        ]),
      ],
      [
        'no personal data',
        'not_a_breach',
        notificationOutcome(incident({ personalDataInvolved: 'no' }), 'authority', assessment(), []),
      ],
      ['no assessment yet', 'not_assessed', notificationOutcome(incident(), 'subjects', undefined, [])],
      [
        'duty applies, nothing recorded',
        'open',
        notificationOutcome(incident(), 'subjects', assessment(), []),
      ],
      [
        'exception c',
        'exception_disproportionate_effort',
        notificationOutcome(
          incident(),
          'subjects',
          assessment({
            duties: { notifyAuthority: true, informSubjects: false, notifyMinistry: false },
            art34Exception: 'disproportionate_effort',
          }),
          [],
        ),
      ],
      [
        'exception "none" recorded',
        'no_duty',
        notificationOutcome(
          incident(),
          'subjects',
          assessment({
            riskLevel: 'risk',
            duties: { notifyAuthority: true, informSubjects: false, notifyMinistry: false },
            art34Exception: 'none',
          }),
          [],
        ),
      ],
      [
        'ministry not in the contract',
        'no_duty',
        notificationOutcome(incident(), 'ministry', assessment(), []),
      ],
    ];
    for (const [name, expected, actual] of cases) assert.equal(actual, expected, name);
  });

  it('when filings fall on bin edges, then (from, to] holds: 12 h in the first bar, 144 h in the one before the open-ended last', () => {
    const filedAfter = (hours: number, id: string): [IncidentRow, FulfilmentRow] => [
      incident({ id, reference: `DL-2026-${id}` }),
      {
        ...done('authority', 'fulfilled', '2026-05-01T08:00:00Z'),
        incidentId: id,
        at: new Date(at('2026-05-01T08:00:00Z').getTime() + hours * 3_600_000),
      },
    ];
    const pairs = [filedAfter(0, 'a'), filedAfter(12, 'b'), filedAfter(144, 'c'), filedAfter(144.5, 'd')];
    const t = filingTimes(
      pairs.map((p) => p[0]),
      [],
      pairs.map((p) => p[1]),
      2026,
    );
    assert.deepEqual(
      t.bins.map((b) => b.count),
      [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    );
    assert.deepEqual(
      t.late.map((l) => l.reference),
      ['DL-2026-d', 'DL-2026-c'],
    );
  });
});

describe('insights: duties at the month ends and notice runs (edge cases)', () => {
  const AFTER = at('2030-01-01T00:00:00Z');
  const incident = (over: Partial<DutyIncidentRow> = {}): DutyIncidentRow => ({
    id: 'i',
    reference: 'DL-2026-0200',
    status: 'assessed',
    discoveredAt: at('2026-01-10T08:00:00Z'),
    personalDataInvolved: 'yes',
    incidentCause: 'other',
    breachTypes: ['confidentiality'],
    ...over,
  });
  const version = (over: Partial<DutyAssessmentRow> = {}): DutyAssessmentRow => ({
    incidentId: 'i',
    version: 1,
    riskLevel: 'risk',
    at: at('2026-01-11T08:00:00Z'),
    decidedAt: at('2026-01-11T08:00:00Z'),
    duties: { notifyAuthority: true, informSubjects: false, notifyMinistry: false },
    deadlines: {},
    ...over,
  });
  const done = (duty: FulfilmentRow['duty'], iso: string): FulfilmentRow => ({
    incidentId: 'i',
    duty,
    outcome: 'fulfilled',
    at: at(iso),
    recordedAt: at(iso),
  });
  /** Open and overdue counts of January, February and March 2026. */
  const firstQuarter = (
    incidents: DutyIncidentRow[],
    versions: DutyAssessmentRow[],
    fulfilments: FulfilmentRow[] = [],
  ) =>
    dutiesOverTime(incidents, versions, fulfilments, 2026, AFTER)
      .slice(0, 3)
      .map((m) => (m ? [m.open, m.overdue] : null));

  it('when month ends are taken, then they are the first moment of the next month in Dutch time', () => {
    const ends = monthEnds(2026).map((d) => d.toISOString());
    assert.equal(ends[0], '2026-01-31T23:00:00.000Z');
    assert.equal(ends[2], '2026-03-31T22:00:00.000Z', 'summer time from 29 March');
    assert.equal(ends[11], '2026-12-31T23:00:00.000Z');
  });

  it('when a deadline falls exactly on the month end, then the duty is open but not yet overdue; a millisecond earlier it is overdue', () => {
    const end = monthEnds(2026)[0]!;
    const exact = version({ deadlines: { authority: end } });
    assert.deepEqual(firstQuarter([incident()], [exact])[0], [1, 0]);
    const earlier = version({ deadlines: { authority: new Date(end.getTime() - 1) } });
    assert.deepEqual(firstQuarter([incident()], [earlier])[0], [1, 1]);
  });

  it('when a duty is fulfilled exactly at the month end, then it still counts as open that month and is gone the next', () => {
    const end = monthEnds(2026)[0]!.toISOString();
    assert.deepEqual(firstQuarter([incident()], [version()], [done('authority', end)]), [
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('when an incident is assessed in February, then January has its provisional AP duty and February the assessed duties', () => {
    const feb = version({
      at: at('2026-02-10T08:00:00Z'),
      decidedAt: at('2026-02-10T08:00:00Z'),
      duties: { notifyAuthority: true, informSubjects: true, notifyMinistry: true },
      deadlines: { subjects: at('2026-03-01T08:00:00Z') },
    });
    // January: AP from discovery (10 Jan + 72 h) overdue. February: AP (no deadline), ministry (no
    // deadline) and affected persons (due 1 March) open. March: the affected persons overdue.
    assert.deepEqual(firstQuarter([incident()], [feb]), [
      [1, 1],
      [3, 0],
      [3, 1],
    ]);
    // Without personal data by the reporter's word, no AP clock runs before the assessment.
    assert.deepEqual(firstQuarter([incident({ personalDataInvolved: 'no' })], [feb])[0], [0, 0]);
  });

  it('when an incident was closed, then its pending duties stop counting at the closure, and one closed without a date never counts', () => {
    const closed = incident({ status: 'closed', closedAt: at('2026-02-15T08:00:00Z') });
    assert.deepEqual(firstQuarter([closed], [version()]), [
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
    assert.deepEqual(firstQuarter([incident({ status: 'closed' })], [version()]), [
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('when the register says no breach, or an incident past triage has no assessment, then it has no duties', () => {
    assert.deepEqual(firstQuarter([incident({ status: 'not_a_breach' })], [version()])[0], [0, 0]);
    assert.deepEqual(firstQuarter([incident({ status: 'withdrawn' })], [version()])[0], [0, 0]);
    assert.deepEqual(firstQuarter([incident({ status: 'assessed' })], [])[0], [0, 0]);
    assert.deepEqual(firstQuarter([incident({ status: 'triage' })], [])[0], [1, 1]);
  });

  it('when runs are counted, then waiting, in-flight and retrying recipients are pending and a restart does not move a run', () => {
    const r = noticeRuns(
      [
        { runId: 'a', at: at('2026-04-30T22:30:00Z') }, // 1 May in Amsterdam
        { runId: 'a', at: at('2026-06-01T10:00:00Z') },
        { runId: 'b', at: at('2025-12-01T10:00:00Z') },
      ],
      [
        { runId: 'a', status: 'psrSLFD' },
        { runId: 'b', status: 'SSSS' },
      ],
      [
        { runId: 'a', count: 2 },
        { runId: 'b', count: 9 },
      ],
      2026,
    );
    assert.deepEqual(r.months[4], {
      runs: 1,
      recipients: 7,
      email: 1,
      letter: 1,
      bounced: 2,
      pending: 3,
      posted: 2,
    });
    assert.deepEqual(r.year, r.months[4]);
    assert.equal(r.months[5]?.runs, 0);
  });
});
