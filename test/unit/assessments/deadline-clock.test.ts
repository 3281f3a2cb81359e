import assert from 'node:assert/strict';
import { assess } from '../../../server/assessments/assess.js';
import type { AssessmentConfig } from '../../../server/assessments/assessment-config.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../../../server/assessments/assessment-config.js';
import type { Duties } from '../../../server/assessments/duties.js';
import {
  addClockHours,
  computeDeadlines,
  formatAmsterdam,
  overdueDeadlines,
  parseInstant,
} from '../../../server/assessments/deadline-clock.js';
import { quiet } from './assessment-fixtures.js';

const HOUR = 3_600_000;
const ALL: Duties = {
  register: true,
  notifyAuthority: true,
  informSubjects: true,
  notifyMinistry: true,
  publicCommunication: false,
  notifyController: false,
};
const NONE: Duties = { ...ALL, notifyAuthority: false, informSubjects: false, notifyMinistry: false };

describe('deadline clocks (domain.md §10.5)', () => {
  describe('AP clock: awareness + 72 continuous hours', () => {
    const cases: Array<[string, string, string, string, string]> = [
      // label, awarenessAt, expected UTC deadline, Amsterdam display nl, en
      [
        'across the end of summer time (Sun 25 Oct 2026)',
        '2026-10-23T10:00:00+02:00',
        '2026-10-26T08:00:00.000Z',
        '26 oktober 2026 09:00 (UTC+01:00)',
        '26 October 2026 09:00 (UTC+01:00)',
      ],
      [
        'across the start of summer time (Sun 29 Mar 2026)',
        '2026-03-27T10:00:00+01:00',
        '2026-03-30T09:00:00.000Z',
        '30 maart 2026 11:00 (UTC+02:00)',
        '30 March 2026 11:00 (UTC+02:00)',
      ],
      [
        'across a weekend (Friday afternoon to Monday afternoon)',
        '2026-11-20T17:30:00+01:00',
        '2026-11-23T16:30:00.000Z',
        '23 november 2026 17:30 (UTC+01:00)',
        '23 November 2026 17:30 (UTC+01:00)',
      ],
    ];
    for (const [label, awarenessAt, expected, nl, en] of cases) {
      it(`when the 72 hours run ${label}, then the deadline is exactly 72 × 3600 s later: ${expected}`, () => {
        const { authority } = computeDeadlines({ awarenessAt }, ALL, DEFAULT_ASSESSMENT_CONFIG);
        assert.equal(authority, expected);
        assert.equal(Date.parse(expected) - Date.parse(awarenessAt), 72 * HOUR);
        assert.equal(formatAmsterdam(new Date(expected), 'nl'), nl);
        assert.equal(formatAmsterdam(new Date(expected), 'en'), en);
      });
    }

    it('when awareness is not yet set, then the AP deadline is null', () => {
      assert.equal(
        computeDeadlines({ discoveredAt: '2026-11-20T08:00:00Z' }, ALL, DEFAULT_ASSESSMENT_CONFIG).authority,
        null,
      );
    });
    it('when the AP need not be notified, then the AP deadline is null', () => {
      assert.equal(
        computeDeadlines({ awarenessAt: '2026-11-20T08:00:00Z' }, NONE, DEFAULT_ASSESSMENT_CONFIG).authority,
        null,
      );
    });
    it('when the AP window is configured to 96 hours (Digital Omnibus), then the clock follows it', () => {
      const config: AssessmentConfig = { ...DEFAULT_ASSESSMENT_CONFIG, authorityHours: 96 };
      assert.equal(
        computeDeadlines({ awarenessAt: '2026-11-20T08:00:00Z' }, ALL, config).authority,
        '2026-11-24T08:00:00.000Z',
      );
    });
  });

  describe('ministry clock', () => {
    const anchors = { discoveredAt: '2026-11-19T09:00:00Z', awarenessAt: '2026-11-20T08:00:00Z' };
    // §10.8 item 7 (deliberate change): the default anchor is the duty itself (the decision that
    // made the report due), no longer discovery; discovery and awareness remain configurable.
    const discovery: AssessmentConfig = {
      ...DEFAULT_ASSESSMENT_CONFIG,
      ministry: { ...DEFAULT_ASSESSMENT_CONFIG.ministry, anchor: 'discovery' },
    };
    it('when the anchor is the duty (default), then the deadline is the moment the report became due + 24 h', () => {
      assert.equal(
        computeDeadlines(
          { ...anchors, decidedAt: '2026-11-21T10:00:00Z', ministryDutyAt: '2026-11-21T09:00:00Z' },
          ALL,
          DEFAULT_ASSESSMENT_CONFIG,
        ).ministry,
        '2026-11-22T09:00:00.000Z',
      );
      assert.equal(
        computeDeadlines({ ...anchors, decidedAt: '2026-11-21T10:00:00Z' }, ALL, DEFAULT_ASSESSMENT_CONFIG)
          .ministry,
        '2026-11-22T10:00:00.000Z',
      );
      // Before any decision the earliest moment the duty can be known: awareness.
      assert.equal(
        computeDeadlines(anchors, ALL, DEFAULT_ASSESSMENT_CONFIG).ministry,
        '2026-11-21T08:00:00.000Z',
      );
    });
    it('when the anchor is configured as discovery, then the deadline is discovery + 24 h', () => {
      assert.equal(computeDeadlines(anchors, ALL, discovery).ministry, '2026-11-20T09:00:00.000Z');
    });
    it('when the anchor is awareness and the contract says 48 h, then the deadline is awareness + 48 h', () => {
      const config: AssessmentConfig = {
        ...DEFAULT_ASSESSMENT_CONFIG,
        ministry: { trigger: 'all', anchor: 'awareness', hours: 48 },
      };
      assert.equal(computeDeadlines(anchors, ALL, config).ministry, '2026-11-22T08:00:00.000Z');
    });
    it('when the anchor is discovery and the discovery time is missing, then the ministry deadline is null (no silent fallback)', () => {
      assert.equal(computeDeadlines({ awarenessAt: anchors.awarenessAt }, ALL, discovery).ministry, null);
    });
    it('when the ministry need not be told, then the ministry deadline is null', () => {
      assert.equal(computeDeadlines(anchors, NONE, DEFAULT_ASSESSMENT_CONFIG).ministry, null);
    });
  });

  describe('affected-persons target', () => {
    it('when the decision time is given, then the target is decision + 72 h', () => {
      const deadlines = computeDeadlines(
        { awarenessAt: '2026-11-20T08:00:00Z', decidedAt: '2026-11-21T12:00:00Z' },
        ALL,
        DEFAULT_ASSESSMENT_CONFIG,
      );
      assert.equal(deadlines.subjects, '2026-11-24T12:00:00.000Z');
    });
    it('when no decision time is given, then the target runs from awareness', () => {
      assert.equal(
        computeDeadlines({ awarenessAt: '2026-11-20T08:00:00Z' }, ALL, DEFAULT_ASSESSMENT_CONFIG).subjects,
        '2026-11-23T08:00:00.000Z',
      );
    });
    it('when only a public communication is due (Art. 34(3)(c)), then it gets the same target', () => {
      const duties = { ...ALL, informSubjects: false, publicCommunication: true };
      assert.equal(
        computeDeadlines({ awarenessAt: '2026-11-20T08:00:00Z' }, duties, DEFAULT_ASSESSMENT_CONFIG).subjects,
        '2026-11-23T08:00:00.000Z',
      );
    });
    it('when nobody needs to be informed, then the target is null', () => {
      assert.equal(
        computeDeadlines({ awarenessAt: '2026-11-20T08:00:00Z' }, NONE, DEFAULT_ASSESSMENT_CONFIG).subjects,
        null,
      );
    });
  });

  describe('time input and display', () => {
    it('when a timestamp has no offset, then it is read as Amsterdam wall-clock time (summer and winter)', () => {
      assert.equal(parseInstant('2026-07-01T12:00').toISOString(), '2026-07-01T10:00:00.000Z');
      assert.equal(parseInstant('2026-01-15T12:00:30.250').toISOString(), '2026-01-15T11:00:30.250Z');
      assert.equal(
        computeDeadlines({ awarenessAt: '2026-10-23T10:00' }, ALL, DEFAULT_ASSESSMENT_CONFIG).authority,
        '2026-10-26T08:00:00.000Z',
      );
    });
    it('when a timestamp has Z or an offset, then it is that instant', () => {
      assert.equal(parseInstant('2026-10-25T01:30:00+02:00').toISOString(), '2026-10-24T23:30:00.000Z');
      assert.equal(parseInstant('2026-10-25T01:30:00Z').toISOString(), '2026-10-25T01:30:00.000Z');
    });
    it('when a string is not a timestamp, then parsing throws', () => {
      assert.throws(() => parseInstant('next tuesday'), RangeError);
    });
    it('when clock hours are added, then they are plain elapsed hours', () => {
      const start = new Date('2026-10-24T23:00:00Z');
      assert.equal(addClockHours(start, 5).getTime() - start.getTime(), 5 * HOUR);
    });
    it('when a time falls in the repeated hour of October, then the display shows which one by its offset', () => {
      assert.equal(
        formatAmsterdam(new Date('2026-10-25T00:30:00Z'), 'en'),
        '25 October 2026 02:30 (UTC+02:00)',
      );
      assert.equal(
        formatAmsterdam(new Date('2026-10-25T01:30:00Z'), 'en'),
        '25 October 2026 02:30 (UTC+01:00)',
      );
    });
  });

  describe('through assess()', () => {
    const notifiable = quiet({
      dataCategories: ['location'],
      discoveredAt: '2026-11-19T22:00:00Z',
      awarenessAt: '2026-11-20T08:30:00Z',
    });
    it('when a notifiable breach has awareness and discovery times, then all applicable deadlines are UTC ISO strings', () => {
      const result = assess(notifiable);
      assert.deepEqual(result.deadlines, {
        authority: '2026-11-23T08:30:00.000Z',
        ministry: '2026-11-21T08:30:00.000Z', // the duty: no decision yet, so from awareness
        subjects: null, // "risk" does not oblige informing affected persons
        controller: null, // only a processor informs a controller
      });
      assert.equal(result.flags.awarenessNoteRequired, false);
    });
    it('when `now` is past a deadline, then it is listed as overdue; without `now` nothing is', () => {
      const now = new Date('2026-11-21T09:00:00Z');
      assert.deepEqual(assess(notifiable, DEFAULT_ASSESSMENT_CONFIG, { now }).flags.overdue, ['ministry']);
      assert.deepEqual(assess(notifiable).flags.overdue, []);
      const later = new Date('2026-11-23T08:30:00.001Z');
      assert.deepEqual(overdueDeadlines(assess(notifiable).deadlines, later), ['authority', 'ministry']);
    });
    it('when awareness comes more than 24 h after discovery, then a note is required (§3)', () => {
      const late = { ...notifiable, discoveredAt: '2026-11-19T08:29:00Z' };
      assert.equal(assess(late).flags.awarenessNoteRequired, true);
      const onTime = { ...notifiable, discoveredAt: '2026-11-19T08:30:00Z' };
      assert.equal(assess(onTime).flags.awarenessNoteRequired, false);
    });
  });
});
