// domain.md §3: awareness not before discovery, not in the future, and a note beyond 24 hours.
import assert from 'node:assert/strict';
import { awarenessProblems, noteRequired } from '../../../server/register/awareness-rule.js';
import { unassessedPastWindow } from '../../../server/register/overdue.js';

const discoveredAt = new Date('2026-01-05T08:30:00Z');
const now = new Date('2026-01-10T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('register: the awareness rule', () => {
  const cases: [string, string, string | undefined, Record<string, string>][] = [
    ['at discovery', '2026-01-05T08:30:00Z', undefined, {}],
    ['exactly 24 h later, no note', '2026-01-06T08:30:00Z', undefined, {}],
    ['24 h and a minute later, no note', '2026-01-06T08:31:00Z', undefined, { awarenessNote: 'field.register.awarenessNoteRequired' }],
    ['24 h and a minute later, blank note', '2026-01-06T08:31:00Z', '   ', { awarenessNote: 'field.register.awarenessNoteRequired' }],
    ['days later with a note', '2026-01-08T08:31:00Z', 'weekend', {}],
    ['before discovery', '2026-01-05T08:29:00Z', undefined, { awarenessAt: 'field.register.awarenessBeforeDiscovery' }],
    ['in the future', '2026-01-11T10:00:00Z', 'x', { awarenessAt: 'field.register.awarenessFuture' }],
  ];
  for (const [name, iso, note, expected] of cases) {
    it(`when awareness is ${name}, then ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(awarenessProblems({ discoveredAt, awarenessAt: at(iso), note, now }), expected);
    });
  }

  it('when more than 24 hours lie between discovery and awareness, then a note is required', () => {
    assert.equal(noteRequired(discoveredAt, at('2026-01-06T08:30:00Z')), false);
    assert.equal(noteRequired(discoveredAt, at('2026-01-06T08:30:01Z')), true);
  });

  it('when an open incident has no assessment 72 h after awareness, then it counts as overdue; assessed or closed ones do not', () => {
    const incident = { status: 'triage' as const, awarenessAt: at('2026-01-06T10:00:00Z'), reportedInternallyAt: at('2026-01-05T09:00:00Z') };
    assert.equal(unassessedPastWindow(incident, false, at('2026-01-09T10:00:00Z'), 72), false);
    assert.equal(unassessedPastWindow(incident, false, at('2026-01-09T10:00:01Z'), 72), true);
    assert.equal(unassessedPastWindow(incident, true, at('2026-01-20T10:00:00Z'), 72), false);
    assert.equal(unassessedPastWindow({ ...incident, status: 'closed' }, false, at('2026-01-20T10:00:00Z'), 72), false);
    // Without awareness, the internal report is the anchor (domain.md §3 default).
    assert.equal(unassessedPastWindow({ ...incident, awarenessAt: null }, false, at('2026-01-08T09:00:01Z'), 72), true);
  });
});
