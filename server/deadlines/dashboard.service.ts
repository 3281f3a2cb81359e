// The privacy officer's dashboard (issue 5): the reports nobody has assessed yet first, with their
// AP clock (issue 12), then every open duty across incidents, overdue first, then by deadline, with
// counts per urgency.
import { recordAudit } from '../audit/audit.service.js';
import { assertRole, auditActor, type ActionContext } from '../context.js';
import type { Config } from '../config.js';
import { assessmentConfigFor } from '../assessments/assessment-settings.js';
import { openWork, type IncidentDuty, type UnassessedReport } from '../duties/duties.service.js';
import type { DutyUrgency } from '../duties/duty-status.js';

/** Urgencies counted on the dashboard, in display order. */
export const DASHBOARD_URGENCIES = ['overdue', 'soon', 'later', 'no_deadline'] as const satisfies readonly DutyUrgency[];

/** What the dashboard shows. */
export interface Dashboard {
  /** New and triaged reports without an assessment, listed before the duties. */
  inbox: UnassessedReport[];
  duties: IncidentDuty[];
  /** Per urgency, over the inbox (its AP clock, or "no fixed deadline") and the duties: one per row. */
  counts: Record<(typeof DASHBOARD_URGENCIES)[number], number>;
}

/** Open duties across incidents for a privacy officer (audit-logged as a view). */
export async function loadDashboard(ctx: ActionContext, config: Pick<Config, 'organisation'>): Promise<Dashboard> {
  assertRole(ctx.user, 'privacy_officer');
  const { inbox, duties } = await openWork(ctx.now, assessmentConfigFor(config));
  const counts = { overdue: 0, soon: 0, later: 0, no_deadline: 0 };
  for (const r of inbox) counts[r.authority && r.authority.urgency !== 'done' ? r.authority.urgency : 'no_deadline']++;
  for (const d of duties) if (d.urgency !== 'done') counts[d.urgency]++;
  await recordAudit(
    {
      actor: auditActor(ctx.user),
      origin: ctx.origin,
      action: 'dashboard.view',
      object: { type: 'duties' },
      details: { duties: duties.length, unassessed: inbox.length, overdue: counts.overdue },
    },
    ctx.now,
  );
  return { inbox, duties, counts };
}
