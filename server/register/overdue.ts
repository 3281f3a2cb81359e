// "Overdue" in the register, derived on read (architecture.md §3 rule 4): a duty of the latest
// assessment is past its deadline (server/duties), or an incident still being handled has no
// assessment yet while the AP's 72-hour window from awareness has run out (domain.md §2, §10.5:
// not deciding is not an excuse). Awareness defaults to discovery (§10.8 item 7). Pure.
import { OPEN_STATUSES, type IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { awarenessOrDiscovery } from './awareness-rule.js';

/** True when an unassessed, open incident is past the authority window. */
export function unassessedPastWindow(
  incident: { status: IncidentStatus; awarenessAt?: Date | null; discoveredAt: Date },
  assessed: boolean,
  now: Date,
  authorityHours: number,
): boolean {
  if (assessed || !OPEN_STATUSES.includes(incident.status)) return false;
  const anchor = awarenessOrDiscovery(incident);
  return now.getTime() > anchor.getTime() + authorityHours * 3600_000;
}
