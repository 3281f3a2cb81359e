// Issue 13: when an incident's retention period starts (server/retention/retention.service.ts).
import assert from 'node:assert/strict';
import { retentionCutoff, retentionStart } from '../../../server/retention/retention.service.js';
import { INCIDENT_STATUSES, OPEN_STATUSES } from '../../../models/vocabulary/incident-status.js';

describe('unit: retention start', () => {
  const closedAt = new Date('2020-05-01T10:00:00Z');
  const updatedAt = new Date('2021-02-03T04:05:06Z');

  it('when an incident is closed, then its period starts at its closing date, not its last change', () => {
    assert.equal(retentionStart({ status: 'closed', closedAt, updatedAt }), closedAt);
  });

  it('when an incident ended without being closed (draft, not a breach, withdrawn), then its period starts at its last change', () => {
    for (const status of ['draft', 'not_a_breach', 'withdrawn'] as const)
      assert.equal(retentionStart({ status, closedAt: undefined, updatedAt }), updatedAt, status);
  });

  it('when an incident is still being handled, then its period has not started', () => {
    for (const status of OPEN_STATUSES)
      assert.equal(retentionStart({ status, closedAt: undefined, updatedAt }), null, status);
    // Every status is one of the three cases above.
    assert.equal(INCIDENT_STATUSES.length, OPEN_STATUSES.length + 4);
  });

  it('when the period is five years, then the cutoff is five calendar years back (leap days included)', () => {
    assert.equal(
      retentionCutoff(new Date('2029-02-28T12:00:00Z'), 5).toISOString(),
      '2024-02-28T12:00:00.000Z',
    );
    assert.equal(
      retentionCutoff(new Date('2030-03-01T00:00:00Z'), 5).toISOString(),
      '2025-03-01T00:00:00.000Z',
    );
  });
});
