// Duty status derived on read: open / overdue / fulfilled / cancelled, time left, urgency, order,
// phased AP notification, and the late-filing rule.
import assert from 'node:assert/strict';
import { DEFAULT_ASSESSMENT_CONFIG } from '../../../server/assessments/assessment-config.js';
import {
  compareByUrgency,
  deriveDuties,
  provisionalAuthorityDuty,
  type AssessmentFacts,
  type DutyState,
  type FulfilmentFacts,
} from '../../../server/duties/duty-status.js';
import { assertDelayReason, isLate } from '../../../server/duties/late-filing.js';
import { timeLeftText } from '../../../server/duties/duties.view-model.js';
import { ValidationError } from '../../../server/errors.js';

const H = 3_600_000;
const AWARE = new Date('2026-10-22T10:30:00Z');
const at = (h: number) => new Date(AWARE.getTime() + h * H);

function assessment(over: Partial<AssessmentFacts> = {}): AssessmentFacts {
  return {
    version: 1,
    decidedAt: at(2),
    awarenessAt: AWARE,
    subjectsAnchor: at(2).toISOString(),
    duties: { notifyAuthority: true, informSubjects: true, notifyMinistry: true, publicCommunication: false },
    deadlines: { authority: at(72), ministry: at(20), subjects: at(74) },
    ...over,
  };
}

const derive = (a: AssessmentFacts | null, f: FulfilmentFacts[], now: Date, closed = false) =>
  deriveDuties(a, f, now, DEFAULT_ASSESSMENT_CONFIG, closed ? 'closed' : 'open');
const byDuty = (states: DutyState[]) => Object.fromEntries(states.map((s) => [s.duty, s]));

describe('duty status', () => {
  it('when nothing is done, then each applicable duty is open with its deadline and time left', () => {
    const s = byDuty(derive(assessment(), [], at(30)));
    assert.deepEqual(Object.keys(s), ['authority', 'ministry', 'subjects']);
    assert.equal(s.authority!.status, 'open');
    assert.equal(s.authority!.msLeft, 42 * H);
    assert.equal(s.authority!.urgency, 'later');
    assert.equal(s.authority!.windowStart?.toISOString(), AWARE.toISOString());
    // The ministry window is its 24 contract hours before the deadline.
    assert.equal(s.ministry!.windowStart?.toISOString(), at(-4).toISOString());
    assert.equal(s.ministry!.status, 'overdue');
    assert.equal(s.ministry!.msLeft, -10 * H);
    assert.equal(s.subjects!.windowStart?.toISOString(), at(2).toISOString());
  });

  it('when the deadline is exactly now, then it is not yet overdue; one millisecond later it is', () => {
    assert.equal(byDuty(derive(assessment(), [], at(72))).authority!.status, 'open');
    assert.equal(
      byDuty(derive(assessment(), [], new Date(at(72).getTime() + 1))).authority!.status,
      'overdue',
    );
  });

  it('when less than 24 hours are left, then the urgency is "soon"', () => {
    assert.equal(byDuty(derive(assessment(), [], at(48))).authority!.urgency, 'soon');
    assert.equal(byDuty(derive(assessment(), [], at(47.9))).authority!.urgency, 'later');
  });

  it('when a duty is fulfilled (late, with a reference), then it is fulfilled whatever the clock says', () => {
    const s = byDuty(
      derive(
        assessment(),
        [{ duty: 'authority', outcome: 'fulfilled', at: at(80), late: true, ref: 'M-123' }],
        at(90),
      ),
    );
    assert.equal(s.authority!.status, 'fulfilled');
    assert.equal(s.authority!.late, true);
    assert.equal(s.authority!.ref, 'M-123');
    assert.equal(s.authority!.msLeft, null);
    assert.equal(s.authority!.fulfilledAt?.toISOString(), at(80).toISOString());
  });

  it('when the latest fulfilment is a cancellation, then the duty is cancelled; a later fulfilment wins again', () => {
    const cancelled = byDuty(
      derive(assessment(), [{ duty: 'ministry', outcome: 'cancelled', at: at(5) }], at(30)),
    );
    assert.equal(cancelled.ministry!.status, 'cancelled');
    const redone = byDuty(
      derive(
        assessment(),
        [
          { duty: 'ministry', outcome: 'fulfilled', at: at(6) },
          { duty: 'ministry', outcome: 'cancelled', at: at(5) },
        ],
        at(30),
      ),
    );
    assert.equal(redone.ministry!.status, 'fulfilled');
  });

  it('when a re-assessment dropped a duty that was never done, then it is not listed; a done one still is', () => {
    const lowered = assessment({
      duties: { notifyAuthority: false, informSubjects: false, notifyMinistry: false },
      deadlines: {},
    });
    assert.deepEqual(derive(lowered, [], at(10)), []);
    const done = derive(lowered, [{ duty: 'authority', outcome: 'fulfilled', at: at(5) }], at(10));
    assert.deepEqual(
      done.map((d) => `${d.duty}:${d.status}`),
      ['authority:fulfilled'],
    );
  });

  it('when the incident is closed, then duties still to do are cancelled', () => {
    const s = derive(assessment(), [], at(100), true);
    assert.deepEqual(
      s.map((d) => d.status),
      ['cancelled', 'cancelled', 'cancelled'],
    );
  });

  it('when the Art. 34(3)(c) exception applies, then a public communication duty with the subjects target is listed', () => {
    const a = assessment({
      duties: {
        notifyAuthority: true,
        informSubjects: false,
        notifyMinistry: false,
        publicCommunication: true,
      },
    });
    const s = byDuty(derive(a, [], at(10)));
    assert.equal(s.public!.deadline?.toISOString(), at(74).toISOString());
    assert.equal(s.subjects, undefined);
  });

  it('when the AP filing is incomplete, then a follow-up duty without deadline is open until a complete filing', () => {
    const partial: FulfilmentFacts = { duty: 'authority', outcome: 'fulfilled', at: at(50), complete: false };
    const open = byDuty(derive(assessment(), [partial], at(60)));
    assert.equal(open.authority!.status, 'fulfilled');
    assert.equal(open.authority_followup!.status, 'open');
    assert.equal(open.authority_followup!.deadline, null);
    assert.equal(open.authority_followup!.windowStart?.toISOString(), at(50).toISOString());
    const stillPartial = byDuty(
      derive(
        assessment(),
        [partial, { duty: 'authority_followup', outcome: 'fulfilled', at: at(200), complete: false }],
        at(210),
      ),
    );
    assert.equal(stillPartial.authority_followup!.status, 'open');
    assert.equal(stillPartial.authority_followup!.windowStart?.toISOString(), at(200).toISOString());
    const complete = byDuty(
      derive(
        assessment(),
        [partial, { duty: 'authority_followup', outcome: 'fulfilled', at: at(300) }],
        at(310),
      ),
    );
    assert.equal(complete.authority_followup!.status, 'fulfilled');
    const withdrawn = byDuty(
      derive(assessment(), [partial, { duty: 'authority', outcome: 'cancelled', at: at(90) }], at(100)),
    );
    assert.equal(withdrawn.authority_followup!.status, 'cancelled');
  });

  it('when duties are sorted for the dashboard, then overdue first, then by deadline instant, then those without deadline', () => {
    const d = (status: DutyState['status'], deadline: Date | null) => ({ status, deadline });
    // 02:30 CEST (00:30 UTC) comes before 02:30 CET (01:30 UTC) on 25 October 2026.
    const cest = d('open', new Date('2026-10-25T00:30:00Z'));
    const cet = d('open', new Date('2026-10-25T01:30:00Z'));
    const late = d('overdue', new Date('2026-10-26T00:00:00Z'));
    const none = d('open', null);
    assert.deepEqual([none, cet, late, cest].sort(compareByUrgency), [late, cest, cet, none]);
  });

  it('when time left is written, then hours round down and the last hour shows minutes', () => {
    assert.equal(timeLeftText(41.9 * H, 'nl'), 'nog 41 uur');
    assert.equal(timeLeftText(41.9 * H, 'en'), '41 h left');
    assert.equal(timeLeftText(35 * 60_000, 'nl'), 'nog 35 min');
    assert.equal(timeLeftText(-3.5 * H, 'nl'), '3 uur te laat');
    assert.equal(timeLeftText(-3.5 * H, 'en'), '3 h overdue');
    assert.equal(timeLeftText(-10_000, 'en'), '1 min overdue');
  });
});

describe('late filing (domain.md §10.5)', () => {
  const deadline = at(72);
  it('when filed in time, then no reason is needed and none is kept', () => {
    assert.deepEqual(assertDelayReason(deadline, at(71), undefined), { late: false, delayReason: undefined });
    assert.deepEqual(assertDelayReason(deadline, at(72), 'x'), { late: false, delayReason: undefined });
    assert.equal(isLate(null, at(500)), false);
  });
  it('when filed after the deadline without a reason, then a ValidationError names delayReason', () => {
    assert.throws(
      () => assertDelayReason(deadline, at(73), '   '),
      (e: unknown) => e instanceof ValidationError && e.fields?.delayReason === 'duties.delayReasonRequired',
    );
    assert.throws(
      () => assertDelayReason(deadline, at(73), undefined, 'reasonForDelay'),
      (e: unknown) =>
        e instanceof ValidationError && e.fields?.reasonForDelay === 'duties.delayReasonRequired',
    );
  });
  it('when filed after the deadline with a reason, then it is late and the reason is kept', () => {
    assert.deepEqual(assertDelayReason(deadline, at(73), ' Systeemstoring bij de AP. '), {
      late: true,
      delayReason: 'Systeemstoring bij de AP.',
    });
  });
});

describe('the AP duty before any assessment (domain.md §10.8 item 7)', () => {
  const report = {
    status: 'submitted' as const,
    discoveredAt: AWARE,
    awarenessAt: null,
    personalDataInvolved: 'unknown' as const,
  };

  it('when no awareness is recorded, then the deadline is 72 h from discovery and provisional', () => {
    const d = provisionalAuthorityDuty(report, at(30), DEFAULT_ASSESSMENT_CONFIG)!;
    assert.deepEqual(
      {
        duty: d.duty,
        status: d.status,
        deadline: d.deadline,
        windowStart: d.windowStart,
        basis: d.beforeAssessment,
        urgency: d.urgency,
        msLeft: d.msLeft,
      },
      {
        duty: 'authority',
        status: 'open',
        deadline: at(72),
        windowStart: AWARE,
        basis: 'discovery',
        urgency: 'later',
        msLeft: 42 * H,
      },
    );
    assert.equal(provisionalAuthorityDuty(report, at(72.5), DEFAULT_ASSESSMENT_CONFIG)!.status, 'overdue');
  });

  it('when awareness is recorded, then the deadline runs from it and is not provisional; the configured hours apply', () => {
    const d = provisionalAuthorityDuty({ ...report, status: 'triage', awarenessAt: at(5) }, at(30), {
      authorityHours: 48,
    })!;
    assert.equal(d.deadline!.getTime(), at(53).getTime());
    assert.equal(d.beforeAssessment, 'awareness');
    assert.equal(d.urgency, 'soon');
  });

  it('when the reporter says no personal data, or the report is past triage, then there is none', () => {
    assert.equal(
      provisionalAuthorityDuty({ ...report, personalDataInvolved: 'no' }, at(1), DEFAULT_ASSESSMENT_CONFIG),
      null,
    );
    assert.ok(
      provisionalAuthorityDuty({ ...report, personalDataInvolved: 'yes' }, at(1), DEFAULT_ASSESSMENT_CONFIG),
    );
    for (const status of ['draft', 'assessed', 'not_a_breach', 'closed'] as const) {
      assert.equal(
        provisionalAuthorityDuty({ ...report, status }, at(1), DEFAULT_ASSESSMENT_CONFIG),
        null,
        status,
      );
    }
  });
});
