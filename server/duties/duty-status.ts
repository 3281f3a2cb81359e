// Duty status derived on read (architecture.md §3 rule 4): from the latest assessment (which duties
// apply and their deadlines, domain.md §10.5) and the fulfilments the features recorded (AP filing,
// ministry notice, notices to affected persons). Nothing here is stored; "overdue" is never a flag
// in the database. Pure: no I/O, `now` passed in.
import type { DutyKind } from '../../models/duty-fulfilment.model.js';
import type { AssessmentConfig } from '../assessments/assessment-config.js';
import { addClockHours } from '../assessments/deadline-clock.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { awarenessAnchor } from '../register/awareness-rule.js';

/** open: to do, deadline not passed (or none); overdue: to do, deadline passed; fulfilled; cancelled. */
export type DutyStatus = 'open' | 'overdue' | 'fulfilled' | 'cancelled';

/** How pressing an open duty is, for colours and counts on the dashboard. */
export type DutyUrgency = 'overdue' | 'soon' | 'later' | 'no_deadline' | 'done';

/** The order duties are listed in on one incident. */
export const DUTY_ORDER: readonly DutyKind[] = [
  'authority',
  'authority_followup',
  'controller',
  'ministry',
  'subjects',
  'public',
];

/** The slice of a stored assessment that duties derive from. */
export interface AssessmentFacts {
  version: number;
  decidedAt: Date;
  awarenessAt?: Date | null | undefined;
  /** The anchor of the affected-persons target (input.decidedAt), ISO. */
  subjectsAnchor?: string | null | undefined;
  duties: {
    notifyAuthority: boolean;
    informSubjects: boolean;
    notifyMinistry: boolean;
    publicCommunication?: boolean | null | undefined;
    notifyController?: boolean | null | undefined;
  };
  deadlines: { authority?: Date | null; ministry?: Date | null; subjects?: Date | null };
}

/** The slice of a stored fulfilment that duties derive from. */
export interface FulfilmentFacts {
  duty: DutyKind;
  outcome: 'fulfilled' | 'cancelled';
  at: Date;
  recordedAt?: Date | null | undefined;
  late?: boolean | null | undefined;
  ref?: string | null | undefined;
  complete?: boolean | null | undefined;
}

/** One duty of one incident as pages, reminders and the calendar see it. */
export interface DutyState {
  duty: DutyKind;
  status: DutyStatus;
  /** UTC instant, or null for duties "without undue delay" that have no clock. */
  deadline: Date | null;
  /** Start of the clock window (awareness, ministry anchor, decision, incomplete filing). */
  windowStart: Date | null;
  /** Milliseconds until the deadline (negative when overdue); null without deadline or when done. */
  msLeft: number | null;
  urgency: DutyUrgency;
  /** The assessment version the duty follows (for calendar SEQUENCE and reminder keys). */
  version: number;
  fulfilledAt?: Date;
  late?: boolean;
  ref?: string;
  /**
   * Set only on the AP duty of an incident that has no assessment yet (provisionalAuthorityDuty):
   * 'awareness' when the deadline runs from the recorded awareness, 'discovery' when no awareness
   * is recorded and the deadline is provisional (domain.md §10.8 item 7).
   */
  beforeAssessment?: 'awareness' | 'discovery';
}

/** Settings of the derivation; defaults in DEFAULT_DUTY_SETTINGS. */
export interface DutySettings {
  /** Open duties due within this many hours count as "soon". */
  soonHours: number;
}

/** Defaults: "soon" is the last 24 hours. */
export const DEFAULT_DUTY_SETTINGS: DutySettings = Object.freeze({ soonHours: 24 });

const HOUR_MS = 3_600_000;

// Later fulfilments win; on equal `at`, the later recorded one.
function byTime(a: FulfilmentFacts, b: FulfilmentFacts): number {
  return a.at.getTime() - b.at.getTime() || (a.recordedAt?.getTime() ?? 0) - (b.recordedAt?.getTime() ?? 0);
}

/** Whether the incident's workflow status still lets duties be open (closed incidents cancel them). */
export type IncidentOpenness = 'open' | 'closed';

/**
 * Derives every duty of one incident from its latest assessment and its fulfilments. Duties that a
 * later assessment dropped and that were never done are not listed; done ones always are.
 */
export function deriveDuties(
  assessment: AssessmentFacts | null,
  fulfilments: readonly FulfilmentFacts[],
  now: Date,
  config: Pick<AssessmentConfig, 'ministry'>,
  incident: IncidentOpenness = 'open',
  settings: DutySettings = DEFAULT_DUTY_SETTINGS,
): DutyState[] {
  const sorted = [...fulfilments].sort(byTime);
  const latestOf = (duty: DutyKind) => sorted.filter((f) => f.duty === duty).at(-1);
  const version = assessment?.version ?? 0;
  const out: DutyState[] = [];

  const add = (duty: DutyKind, applies: boolean, deadline: Date | null, windowStart: Date | null): void => {
    const done = latestOf(duty);
    if (!applies && !done) return;
    out.push(stateOf(duty, deadline, windowStart, done, now, incident, settings, version));
  };

  if (assessment) {
    const d = assessment.duties;
    const dl = assessment.deadlines;
    add('authority', d.notifyAuthority, dl.authority ?? null, assessment.awarenessAt ?? null);
    add('controller', d.notifyController === true, null, assessment.decidedAt);
    // §8.4: the ministry window runs `hours` before its deadline, from discovery or awareness.
    const ministryDeadline = dl.ministry ?? null;
    add(
      'ministry',
      d.notifyMinistry,
      ministryDeadline,
      ministryDeadline && new Date(ministryDeadline.getTime() - config.ministry.hours * HOUR_MS),
    );
    const subjectsStart = assessment.subjectsAnchor
      ? new Date(assessment.subjectsAnchor)
      : assessment.decidedAt;
    add('subjects', d.informSubjects, d.informSubjects ? (dl.subjects ?? null) : null, subjectsStart);
    add(
      'public',
      d.publicCommunication === true,
      d.publicCommunication ? (dl.subjects ?? null) : null,
      subjectsStart,
    );
  } else {
    // Without an assessment only recorded fulfilments can be shown.
    for (const duty of DUTY_ORDER) if (duty !== 'authority_followup') add(duty, false, null, null);
  }

  const followup = followupState(sorted, now, incident, version);
  if (followup) out.push(followup);
  return out.sort((a, b) => DUTY_ORDER.indexOf(a.duty) - DUTY_ORDER.indexOf(b.duty));
}

// domain.md §10.5 "Phased notification": an incomplete AP filing opens a follow-up duty without a
// clock, nagged weekly from the incomplete filing, until a filing is recorded as complete.
function followupState(
  sorted: readonly FulfilmentFacts[],
  now: Date,
  incident: IncidentOpenness,
  version: number,
): DutyState | null {
  const filings = sorted.filter(
    (f) => (f.duty === 'authority' || f.duty === 'authority_followup') && f.outcome === 'fulfilled',
  );
  const firstIncomplete = filings.find((f) => f.complete === false);
  if (!firstIncomplete) return null;
  const last = filings.at(-1)!;
  const withdrawn = sorted.filter((f) => f.duty === 'authority').at(-1)?.outcome === 'cancelled';
  const closedFollowup = sorted
    .filter((f) => f.duty === 'authority_followup' && f.outcome === 'cancelled')
    .at(-1);
  // The nag anchor is the latest incomplete filing: each new partial filing restarts the week.
  const anchor = [...filings].reverse().find((f) => f.complete === false)!;
  let status: DutyStatus = 'open';
  let fulfilledAt: Date | undefined;
  if (last.complete !== false) {
    status = 'fulfilled';
    fulfilledAt = last.at;
  } else if (withdrawn || (closedFollowup && closedFollowup.at >= anchor.at) || incident === 'closed') {
    status = 'cancelled';
  }
  return {
    duty: 'authority_followup',
    status,
    deadline: null,
    windowStart: anchor.at,
    msLeft: null,
    urgency: status === 'open' ? 'no_deadline' : 'done',
    version,
    ...(fulfilledAt ? { fulfilledAt } : {}),
  };
}

function stateOf(
  duty: DutyKind,
  deadline: Date | null,
  windowStart: Date | null,
  done: FulfilmentFacts | undefined,
  now: Date,
  incident: IncidentOpenness,
  settings: DutySettings,
  version: number,
): DutyState {
  const base = { duty, deadline, windowStart, version };
  if (done) {
    return {
      ...base,
      status: done.outcome,
      msLeft: null,
      urgency: 'done',
      ...(done.outcome === 'fulfilled' ? { fulfilledAt: done.at } : {}),
      ...(done.late ? { late: true } : {}),
      ...(done.ref ? { ref: done.ref } : {}),
    };
  }
  if (incident === 'closed') return { ...base, status: 'cancelled', msLeft: null, urgency: 'done' };
  if (!deadline) return { ...base, status: 'open', msLeft: null, urgency: 'no_deadline' };
  return { ...base, ...clockState(deadline, now, settings) };
}

/** Statuses of a report nobody has assessed yet: new (submitted) or in triage (domain.md §10.1). */
export const BEFORE_ASSESSMENT: readonly IncidentStatus[] = ['submitted', 'triage'];

/** The incident facts the AP clock before any assessment derives from. */
export interface IncidentClockFacts {
  status: IncidentStatus;
  discoveredAt: Date;
  awarenessAt?: Date | null | undefined;
  personalDataInvolved: 'yes' | 'no' | 'unknown';
}

/**
 * The AP duty of a report that has no assessment yet (issue 12: the clock from the first minute).
 * Art. 33(1)'s 72 hours run from awareness whether or not anyone has assessed (domain.md §2, §10.5),
 * so a new or triaged report that may involve personal data (the reporter did not answer "no") is
 * chased like an open AP duty: 72 clock hours from the recorded awareness, or — provisionally —
 * from discovery while no awareness is recorded (§10.8 item 7). Derived from incident facts only:
 * the first assessment replaces it (with its own AP duty, or none), and it is gone once the
 * incident leaves submitted/triage (e.g. closed as not a breach). Null when it does not apply.
 */
export function provisionalAuthorityDuty(
  incident: IncidentClockFacts,
  now: Date,
  config: Pick<AssessmentConfig, 'authorityHours'>,
  settings: DutySettings = DEFAULT_DUTY_SETTINGS,
): DutyState | null {
  if (!BEFORE_ASSESSMENT.includes(incident.status) || incident.personalDataInvolved === 'no') return null;
  const anchor = awarenessAnchor(incident);
  const deadline = addClockHours(anchor.at, config.authorityHours);
  return {
    duty: 'authority',
    deadline,
    windowStart: anchor.at,
    version: 0,
    ...clockState(deadline, now, settings),
    beforeAssessment: anchor.provisional ? 'discovery' : 'awareness',
  };
}

/** The clock-dependent part of a pending duty with a deadline: open or overdue, time left, urgency. */
export function clockState(
  deadline: Date,
  now: Date,
  settings: DutySettings = DEFAULT_DUTY_SETTINGS,
): Pick<DutyState, 'status' | 'msLeft' | 'urgency'> {
  // Continuous clock on UTC instants: DST changes neither stretch nor shorten it (domain.md §10.5).
  const msLeft = deadline.getTime() - now.getTime();
  const overdue = msLeft < 0;
  return {
    status: overdue ? 'overdue' : 'open',
    msLeft,
    urgency: overdue ? 'overdue' : msLeft <= settings.soonHours * HOUR_MS ? 'soon' : 'later',
  };
}

/** True for a duty still to be done (open or overdue). */
export function isPending(d: Pick<DutyState, 'status'>): boolean {
  return d.status === 'open' || d.status === 'overdue';
}

/** Dashboard order: overdue first, then by deadline (earliest first), duties without deadline last. */
export function compareByUrgency(
  a: Pick<DutyState, 'status' | 'deadline'>,
  b: Pick<DutyState, 'status' | 'deadline'>,
): number {
  // Called thousands of times per dashboard: no closures, and no NaN for two duties without deadline.
  const byRank = urgencyRank(a) - urgencyRank(b);
  if (byRank !== 0) return byRank;
  const ta = a.deadline ? a.deadline.getTime() : Number.POSITIVE_INFINITY;
  const tb = b.deadline ? b.deadline.getTime() : Number.POSITIVE_INFINITY;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

function urgencyRank(d: Pick<DutyState, 'status'>): number {
  return d.status === 'overdue' ? 0 : isPending(d) ? 1 : 2;
}

/** Whole hours (rounded down) in a span of milliseconds, for "nog 41 uur". */
export function wholeHours(ms: number): number {
  return Math.floor(Math.abs(ms) / HOUR_MS);
}
