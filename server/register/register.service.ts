// The breach register (Art. 33(5), issue 3 item 4): every incident for the privacy officer, with
// filters on status, year, risk level (the latest assessment's decision) and overdue duties, text
// search, and the detail view. Listing and every detail view are audit-logged (domain.md §8.3).
import type { IncidentSource } from '../../models/incident.model.js';
import type { IncidentDoc } from '../../models/incident.model.js';
import type { IncidentEventDoc } from '../../models/incident-event.model.js';
import { byTimeThenId, eventsOfIncident } from '../incidents/incident-children.js';
import type { RiskLevel } from '../../models/vocabulary/assessment.enums.js';

import { assertRole, type ActionContext } from '../context.js';
import { dutiesFromIndex } from '../duties/duties.service.js';
import {
  incidentIndex,
  searchText,
  type IncidentIndex,
  type IndexedIncident,
} from '../incidents/incident-index.js';
import { findReadableIncident, incidentObject } from '../incidents/incident-access.js';
import { looksLikeReference } from '../incidents/incident-reference.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../assessments/assessment-config.js';
import { unassessedPastWindow } from './overdue.js';
import { loadEffectiveFacts } from '../facts/facts.service.js';
import type { EffectiveFacts } from '../facts/effective-facts.js';
import type { RegisterFilter } from './register.schema.js';
import { auditAction } from '../audit/audit-action.js';

export const REGISTER_PAGE_SIZE = 50;

/** One row of the register list. */
export interface RegisterRow {
  id: string;
  reference: string;
  status: IncidentStatus;
  reportedAt: Date;
  summary: string;
  handlerName?: string;
  riskLevel?: RiskLevel;
  overdue: boolean;
  /** Employee or the public page, named or anonymous (issue 15). */
  source: IncidentSource;
}

/** A page of the register. */
export interface RegisterPage {
  rows: RegisterRow[];
  total: number;
  page: number;
  pages: number;
  years: number[];
}

/** True when a duty of the incident is overdue, or it is unassessed past the AP window (overdue.ts). */
function isOverdue(ix: IncidentIndex, i: IndexedIncident, now: Date): boolean {
  const config = DEFAULT_ASSESSMENT_CONFIG;
  if (unassessedPastWindow(i, ix.latestAssessment(i.id) !== undefined, now, config.authorityHours))
    return true;
  if (!ix.latestAssessment(i.id)) return false;
  return dutiesFromIndex(ix, i, now, config).some((d) => d.status === 'overdue');
}

/**
 * The incidents a register filter selects, newest first. Works on the incident index in memory
 * (issue 10); the filter holds only validated, typed values (register.schema.ts).
 */
function selectIncidents(ix: IncidentIndex, f: RegisterFilter, now: Date): IndexedIncident[] {
  const reference = f.q && looksLikeReference(f.q) ? f.q.trim().toUpperCase() : undefined;
  const needle = f.q && !reference ? f.q.toLowerCase() : undefined;
  return ix.all().filter((i) => {
    if (f.status && i.status !== f.status) return false;
    if (f.year && i.year !== f.year) return false;
    if (reference && i.reference !== reference) return false;
    if (needle && !searchText(i).includes(needle)) return false;
    if (f.risk) {
      const level = ix.latestAssessment(i.id)?.riskLevel;
      if (f.risk === 'unassessed' ? level !== undefined : level !== f.risk) return false;
    }
    if (f.overdue && !isOverdue(ix, i, now)) return false;
    return true;
  });
}

/** A page of the register for a privacy officer; the listing is audited with its filters. */
export async function listRegister(f: RegisterFilter, ctx: ActionContext): Promise<RegisterPage> {
  assertRole(ctx.user, 'privacy_officer');
  const ix = await incidentIndex();
  const selected = selectIncidents(ix, f, ctx.now);
  const total = selected.length;
  const pages = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const rows = selected.slice((page - 1) * REGISTER_PAGE_SIZE, page * REGISTER_PAGE_SIZE).map((d) => ({
    id: d.id,
    reference: d.reference,
    status: d.status,
    reportedAt: d.reportedInternallyAt,
    summary: d.summary,
    handlerName: d.handlerName,
    riskLevel: ix.latestAssessment(d.id)?.riskLevel,
    overdue: isOverdue(ix, d, ctx.now),
    source: d.source,
  }));
  await auditAction(ctx, {
    action: 'register.list',
    object: { type: 'register' },
    details: { filter: { ...f }, total },
  });
  return { rows, total, page, pages, years: ix.years() };
}

/** An incident with its full timeline and latest decision, for the privacy officer; the view is audited. */
export async function getRegisterDetail(
  id: string,
  ctx: ActionContext,
): Promise<{
  incident: IncidentDoc;
  facts: EffectiveFacts;
  timeline: IncidentEventDoc[];
  riskLevel?: RiskLevel;
  assessmentVersion?: number;
}> {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await findReadableIncident(id, ctx);
  const timeline = (
    await eventsOfIncident.find<IncidentEventDoc & { _id: { toString(): string } }>(incident._id)
  ).sort(byTimeThenId);
  const latest = (await incidentIndex()).latestAssessment(String(incident._id));
  await auditAction(ctx, {
    action: 'incident.view',
    object: incidentObject(incident),
    details: { page: 'register' },
  });
  // The facts in force with their origins (issue 12), read from the versions that hold them.
  const facts = await loadEffectiveFacts(incident);
  return {
    incident,
    facts,
    timeline,
    riskLevel: latest?.riskLevel,
    assessmentVersion: latest?.facts.version,
  };
}
