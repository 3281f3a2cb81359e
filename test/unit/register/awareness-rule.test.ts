// domain.md §3: awareness not before discovery, not in the future, and a note beyond 24 hours.
import assert from 'node:assert/strict';
import {
  awarenessAnchor,
  awarenessOrDiscovery,
  awarenessProblems,
  noteRequired,
} from '../../../server/register/awareness-rule.js';
import { unassessedPastWindow } from '../../../server/register/overdue.js';

const discoveredAt = new Date('2026-01-05T08:30:00Z');
const now = new Date('2026-01-10T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('register: the awareness rule', () => {
  const cases: [string, string, string | undefined, Record<string, string>][] = [
    ['at discovery', '2026-01-05T08:30:00Z', undefined, {}],
    ['exactly 24 h later, no note', '2026-01-06T08:30:00Z', undefined, {}],
    [
      '24 h and a minute later, no note',
      '2026-01-06T08:31:00Z',
      undefined,
      { awarenessNote: 'field.register.awarenessNoteRequired' },
    ],
    [
      '24 h and a minute later, blank note',
      '2026-01-06T08:31:00Z',
      '   ',
      { awarenessNote: 'field.register.awarenessNoteRequired' },
    ],
    ['days later with a note', '2026-01-08T08:31:00Z', 'weekend', {}],
    [
      'before discovery',
      '2026-01-05T08:29:00Z',
      undefined,
      { awarenessAt: 'field.register.awarenessBeforeDiscovery' },
    ],
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
    const incident = {
      status: 'triage' as const,
      awarenessAt: at('2026-01-06T10:00:00Z'),
      discoveredAt: at('2026-01-05T08:00:00Z'),
    };
    assert.equal(unassessedPastWindow(incident, false, at('2026-01-09T10:00:00Z'), 72), false);
    assert.equal(unassessedPastWindow(incident, false, at('2026-01-09T10:00:01Z'), 72), true);
    assert.equal(unassessedPastWindow(incident, true, at('2026-01-20T10:00:00Z'), 72), false);
    assert.equal(
      unassessedPastWindow({ ...incident, status: 'closed' }, false, at('2026-01-20T10:00:00Z'), 72),
      false,
    );
    // Without awareness, discovery is the anchor (domain.md §10.8 item 7), not the later internal report.
    assert.equal(
      unassessedPastWindow({ ...incident, awarenessAt: null }, false, at('2026-01-08T08:00:00Z'), 72),
      false,
    );
    assert.equal(
      unassessedPastWindow({ ...incident, awarenessAt: null }, false, at('2026-01-08T08:00:01Z'), 72),
      true,
    );
  });

  it('when no awareness is recorded, then the AP clock runs from discovery, marked provisional; a late internal report does not move it', () => {
    const discoveredAt = at('2026-01-05T08:00:00Z');
    assert.deepEqual(awarenessAnchor({ discoveredAt, awarenessAt: null }), {
      at: discoveredAt,
      provisional: true,
    });
    assert.deepEqual(awarenessAnchor({ discoveredAt, awarenessAt: at('2026-01-05T12:00:00Z') }), {
      at: at('2026-01-05T12:00:00Z'),
      provisional: false,
    });
    // An internal report days later is not an input at all: the anchor stays at discovery.
    const late = { discoveredAt, reportedInternallyAt: at('2026-01-09T08:00:00Z') };
    assert.equal(awarenessOrDiscovery(late).getTime(), discoveredAt.getTime());
  });
});
