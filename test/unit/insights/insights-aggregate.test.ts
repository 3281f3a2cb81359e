// Issue 17: the insights figures against hand-computed expectations on a fixed fixture.
import assert from 'node:assert/strict';
import {
  awarenessTiming,
  incidentsPerMonth,
  type InsightIncident,
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
