// Duty states as rows for pages (incident partial, register, dashboard): labels, deadline shown in
// Europe/Amsterdam with its UTC offset (unambiguous across DST changes), time left, colours.
import type { DutyKind } from '../../models/duty-fulfilment.model.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { DutyState, DutyUrgency } from './duty-status.js';
import { wholeHours } from './duty-status.js';
import type { IncidentDuty } from './duties.service.js';
import { dutiesByIncident, incidentDuties } from './duties.service.js';
import type { AssessmentConfig } from '../assessments/assessment-config.js';

/** One duty as a table row. */
export interface DutyRow {
  duty: DutyKind;
  incidentId: string;
  reference: string;
  label: string;
  status: DutyState['status'];
  statusLabel: string;
  /** badge class of app.css: danger, warn, ok, muted. */
  badgeClass: string;
  urgency: DutyUrgency;
  /** urgency-* class of app.css. */
  urgencyClass: string;
  deadlineIso: string;
  deadlineText: string;
  timeLeftText: string;
  /** True when views/public/app.js may tick the countdown (open duty with a deadline). */
  countdown: boolean;
  doneText: string;
  href: string;
  /** The deadline runs from discovery because no awareness is recorded yet (domain.md §10.8 item 7). */
  provisional: boolean;
  /** Before any assessment: what the AP clock runs from (empty once assessed). */
  basisText: string;
}

const BADGE: Record<DutyUrgency, string> = {
  overdue: 'danger',
  soon: 'warn',
  later: 'ok',
  no_deadline: '',
  done: 'muted',
};
const URGENCY_CLASS: Record<DutyUrgency, string> = {
  overdue: 'urgency-overdue',
  soon: 'urgency-soon',
  later: 'urgency-ok',
  no_deadline: '',
  done: 'muted',
};

/** Where to act on a duty: the AP dossier, the ministry notice, otherwise the incident page. */
export function dutyActionPath(duty: DutyKind, incidentId: string): string {
  const id = encodeURIComponent(incidentId);
  if (duty === 'authority' || duty === 'authority_followup' || duty === 'controller')
    return `/authority/incidents/${id}`;
  if (duty === 'ministry') return `/ministry/incidents/${id}/notice`;
  if (duty === 'subjects' || duty === 'public') return `/incidents/${id}/notices`;
  return `/incidents/${id}`;
}

/** "nog 41 uur" / "41 h left", "3 uur te laat" / "3 h overdue"; minutes in the last hour. */
export function timeLeftText(msLeft: number, lang: Lang): string {
  const hours = wholeHours(msLeft);
  const minutes = Math.floor(Math.abs(msLeft) / 60_000);
  if (msLeft >= 0) {
    return hours >= 1
      ? translate(lang, 'duties.timeLeftHours', { hours })
      : translate(lang, 'duties.timeLeftMinutes', { minutes });
  }
  return hours >= 1
    ? translate(lang, 'duties.overdueHours', { hours })
    : translate(lang, 'duties.overdueMinutes', { minutes: Math.max(1, minutes) });
}

/** The row of one duty in the language of the page. */
export function dutyRow(d: IncidentDuty, lang: Lang): DutyRow {
  const pending = d.status === 'open' || d.status === 'overdue';
  let timeLeft = '';
  if (pending && d.msLeft !== null) timeLeft = timeLeftText(d.msLeft, lang);
  else if (pending)
    timeLeft = translate(lang, d.duty === 'authority_followup' ? 'duties.weeklyNag' : 'duties.noDeadline');
  const doneParts = [
    d.fulfilledAt ? translate(lang, 'duties.doneOn', { date: formatAmsterdam(d.fulfilledAt, lang) }) : '',
    d.late ? translate(lang, 'duties.doneLate') : '',
  ].filter(Boolean);
  return {
    duty: d.duty,
    incidentId: d.incidentId,
    reference: d.reference,
    label: translate(lang, `duties.kind.${d.duty}`),
    status: d.status,
    statusLabel: translate(lang, `duties.status.${d.status}`),
    badgeClass: d.status === 'fulfilled' ? 'ok' : BADGE[d.urgency],
    urgency: d.urgency,
    urgencyClass: URGENCY_CLASS[d.urgency],
    deadlineIso: d.deadline ? d.deadline.toISOString() : '',
    deadlineText: d.deadline ? formatAmsterdam(d.deadline, lang) : '',
    timeLeftText: timeLeft,
    countdown: pending && d.deadline !== null,
    doneText: doneParts.join(', '),
    href: dutyActionPath(d.duty, d.incidentId),
    provisional: d.beforeAssessment === 'discovery',
    basisText:
      d.beforeAssessment && d.deadline && d.windowStart
        ? translate(lang, `duties.before.${d.beforeAssessment}`, {
            hours: wholeHours(d.deadline.getTime() - d.windowStart.getTime()),
          })
        : '',
  };
}

/**
 * The view data for `{{> incident-duties duties=…}}` on an incident page or in the register: the
 * duties of one incident as rows. The caller has checked that the actor may see the incident.
 */
export async function incidentDutiesView(
  incidentId: string,
  now: Date,
  lang: Lang,
  config?: AssessmentConfig,
): Promise<{ rows: DutyRow[] }> {
  const duties = await incidentDuties(incidentId, now, config);
  return { rows: duties.map((d) => dutyRow(d, lang)) };
}

/**
 * The same view data for many incidents at once (a register page): incident id → `{ rows }`, for
 * `{{> incident-duties duties=… compact=true}}`. The caller has checked access to the incidents.
 */
export async function dutiesViewByIncident(
  incidentIds: readonly string[],
  now: Date,
  lang: Lang,
  config?: AssessmentConfig,
): Promise<Map<string, { rows: DutyRow[] }>> {
  const all = await dutiesByIncident(incidentIds, now, config);
  return new Map(
    [...all.entries()].map(([id, duties]) => [id, { rows: duties.map((d) => dutyRow(d, lang)) }]),
  );
}
