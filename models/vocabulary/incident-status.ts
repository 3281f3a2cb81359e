// The incident workflow (domain.md §10.1): which status changes are allowed. Pure; enforced by the
// incident service, which turns a refused change into a ConflictError.

export const INCIDENT_STATUSES = [
  'draft',
  'submitted',
  'triage',
  'assessed',
  'ap_notified',
  'ap_followup',
  'subjects_notified',
  'ministry_notified',
  'closed',
  'not_a_breach',
  'withdrawn',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses in which the incident is still being handled (duties may be open). */
export const OPEN_STATUSES: readonly IncidentStatus[] = [
  'submitted',
  'triage',
  'assessed',
  'ap_notified',
  'ap_followup',
  'subjects_notified',
  'ministry_notified',
];

// After assessment the notification steps can happen in any order (AP, ministry, affected
// persons), so each of them may follow any other; closing is possible from every handling state.
const AFTER_ASSESSMENT: IncidentStatus[] = [
  'assessed',
  'ap_notified',
  'ap_followup',
  'subjects_notified',
  'ministry_notified',
];

const ALLOWED: Record<IncidentStatus, readonly IncidentStatus[]> = {
  draft: ['submitted'],
  submitted: ['triage', 'not_a_breach'],
  triage: ['assessed', 'not_a_breach'],
  assessed: [...AFTER_ASSESSMENT, 'closed', 'not_a_breach'],
  ap_notified: [...AFTER_ASSESSMENT, 'closed', 'withdrawn'],
  ap_followup: [...AFTER_ASSESSMENT, 'closed', 'withdrawn'],
  subjects_notified: [...AFTER_ASSESSMENT, 'closed'],
  ministry_notified: [...AFTER_ASSESSMENT, 'closed'],
  // A withdrawn AP notification (it was not a breach after all) is kept and can be closed.
  withdrawn: ['closed'],
  not_a_breach: ['closed', 'triage'],
  closed: [],
};

/** True when the workflow allows going from `from` to `to` (staying in place is not a change). */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return ALLOWED[from].includes(to);
}
