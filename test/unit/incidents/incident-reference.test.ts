// References, reporting years and Dutch local times of the report form.
import assert from 'node:assert/strict';
import {
  formatReference,
  looksLikeReference,
  parseLocalDateTime,
  referenceYear,
} from '../../../server/incidents/incident-reference.js';
import { canTransition } from '../../../models/vocabulary/incident-status.js';

describe('incidents: references and local times', () => {
  it('when formatted, then a reference is DL-year-number with at least four digits', () => {
    assert.equal(formatReference(2026, 7), 'DL-2026-0007');
    assert.equal(formatReference(2026, 12345), 'DL-2026-12345');
    assert.ok(looksLikeReference('dl-2026-0007'));
    assert.ok(!looksLikeReference('DL-2026-7'));
  });

  it('when a report comes in around New Year, then the year is the Dutch one', () => {
    assert.equal(referenceYear(new Date('2025-12-31T22:59:59Z')), 2025);
    assert.equal(referenceYear(new Date('2025-12-31T23:00:00Z')), 2026); // 00:00 in Amsterdam
  });

  const cases: [string, string | undefined][] = [
    ['2026-01-05T09:30', '2026-01-05T08:30:00.000Z'], // winter time, UTC+1
    ['2026-07-01T09:30', '2026-07-01T07:30:00.000Z'], // summer time, UTC+2
    ['2026-10-25T02:30', '2026-10-25T00:30:00.000Z'], // the repeated hour is read as its earlier instant (summer time), domain.md §10.8
    ['2026-02-31T10:00', undefined],
    ['2026-13-01T10:00', undefined],
    ['gisteren', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`when the form sends ${JSON.stringify(input)}, then it is ${expected ?? 'refused'}`, () => {
      assert.equal(parseLocalDateTime(input)?.toISOString(), expected);
    });
  }

  it('when the workflow is asked, then triage can only be left for assessment or "not a breach", and closed is final', () => {
    assert.ok(canTransition('submitted', 'triage'));
    assert.ok(!canTransition('submitted', 'closed'));
    assert.ok(!canTransition('triage', 'closed'));
    assert.ok(canTransition('not_a_breach', 'closed'));
    assert.ok(!canTransition('closed', 'triage'));
  });
});
