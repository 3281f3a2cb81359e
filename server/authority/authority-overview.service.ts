// The privacy officer's overview of AP filings: every incident whose latest assessment requires a
// filing (or a notice to the controller, as processor), and every incident filed already, with its
// deadline and filing state (domain.md §10.5). Derived on read; nothing is stored.
import { Assessment } from '../../models/assessment.model.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { Incident } from '../../models/incident.model.js';

import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { isLate } from '../duties/late-filing.js';
import { deadlineOf } from './incident-facts.js';
import { assertOfficer } from './authority.service.js';
import { auditAction } from '../audit/audit-action.js';

/** One row of the overview. */
export interface OverviewRow {
  id: string;
  reference: string;
  status: string;
  riskLevel: string | null;
  deadline: Date | null;
  overdue: boolean;
  filings: number;
  apReference: string | null;
  lastKind: string | null;
  complete: boolean | null;
}

const MAX_ROWS = 500;

/** The overview, unfiled incidents first (earliest deadline first). */
export async function listAuthorityOverview(config: Config, ctx: ActionContext): Promise<OverviewRow[]> {
  await assertOfficer(ctx, { type: 'authority-overview' });
  const dutyField =
    config.organisation.role === 'processor' ? 'duties.notifyController' : 'duties.notifyAuthority';
  const [flagged, filed] = await Promise.all([
    Assessment.find({ [dutyField]: true })
      .sort({ decidedAt: -1 })
      .limit(MAX_ROWS)
      .select({ incidentId: 1 })
      .lean(),
    AuthorityFiling.find({})
      .sort({ submittedAt: -1 })
      .limit(MAX_ROWS * 4)
      .select({ incidentId: 1 })
      .lean(),
  ]);
  const ids = [...new Map([...flagged, ...filed].map((d) => [String(d.incidentId), d.incidentId])).values()];
  const [incidents, assessments, filings] = await Promise.all([
    Incident.find({ _id: { $in: ids } })
      .select({ reference: 1, status: 1, awarenessAt: 1, reportedInternallyAt: 1, discoveredAt: 1 })
      .lean(),
    Assessment.find({ incidentId: { $in: ids } })
      .select({ incidentId: 1, version: 1, riskLevel: 1, awarenessAt: 1, duties: 1, deadlines: 1 })
      .lean(),
    AuthorityFiling.find({ incidentId: { $in: ids } })
      .select({ incidentId: 1, version: 1, kind: 1, apReference: 1, complete: 1 })
      .sort({ version: 1 })
      .lean(),
  ]);
  const latest = new Map<string, (typeof assessments)[number]>();
  for (const a of assessments) {
    const k = String(a.incidentId);
    if ((latest.get(k)?.version ?? 0) < a.version) latest.set(k, a);
  }
  const rows: OverviewRow[] = [];
  for (const incident of incidents) {
    const k = String(incident._id);
    const assessment = latest.get(k) ?? null;
    const own = filings.filter((f) => String(f.incidentId) === k);
    const required = assessment
      ? Boolean(
          config.organisation.role === 'processor'
            ? assessment.duties?.notifyController
            : assessment.duties?.notifyAuthority,
        )
      : false;
    // An older assessment version flagged it but the decision in force no longer does: leave it out.
    if (!required && !own.length) continue;
    const deadline = deadlineOf({ incident, assessment }, config.organisation.role);
    const last = own.at(-1);
    rows.push({
      id: k,
      reference: incident.reference,
      status: incident.status,
      riskLevel: assessment?.riskLevel ?? null,
      deadline,
      overdue: !own.length && isLate(deadline, ctx.now),
      filings: own.length,
      apReference: own[0]?.apReference ?? null,
      lastKind: last?.kind ?? null,
      complete: last ? last.complete : null,
    });
  }
  rows.sort((a, b) => {
    if (!a.filings !== !b.filings) return a.filings ? 1 : -1;
    return (
      (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) ||
      b.reference.localeCompare(a.reference)
    );
  });
  await auditAction(ctx, {
    action: 'authority.overview.view',
    object: { type: 'authority-overview' },
    details: { rows: rows.length },
  });
  return rows;
}
