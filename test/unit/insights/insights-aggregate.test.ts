// Issue 17: the insights figures against hand-computed expectations on a fixed fixture.
import assert from 'node:assert/strict';
import {
  awarenessTiming,
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
