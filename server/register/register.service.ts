// The breach register (Art. 33(5), issue 3 item 4): every incident for the privacy officer, with
// filters on status, year, risk level (the latest assessment's decision) and overdue duties, text
// search, and the detail view. Listing and every detail view are audit-logged (domain.md §8.3).
import { Types } from 'mongoose';
import { Assessment } from '../../models/assessment.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent, type IncidentEventDoc } from '../../models/incident-event.model.js';
import type { RiskLevel } from '../assessments/assessment.enums.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertRole, auditActor, type ActionContext } from '../context.js';
import { dutiesByIncident, openDuties } from '../duties/duties.service.js';
import { findReadableIncident, incidentObject } from '../incidents/incident-access.js';
import { looksLikeReference } from '../incidents/incident-reference.js';
import { OPEN_STATUSES, type IncidentStatus } from '../incidents/incident-status.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../assessments/assessment-config.js';
import { unassessedPastWindow } from './overdue.js';
import type { RegisterFilter } from './register.schema.js';

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
}

/** A page of the register. */
export interface RegisterPage {
  rows: RegisterRow[];
  total: number;
  page: number;
  pages: number;
  years: number[];
}

/** The decided risk level of each incident's latest assessment (all incidents when `ids` is omitted). */
export async function latestRiskLevels(ids?: Types.ObjectId[]): Promise<Map<string, RiskLevel>> {
  const latest = new Map<string, { version: number; riskLevel: RiskLevel }>();
  const filter = ids ? { incidentId: { $in: ids } } : {};
  for await (const a of Assessment.find(filter).select({ incidentId: 1, version: 1, riskLevel: 1 }).lean().cursor({ batchSize: 1000 })) {
    const key = String(a.incidentId);
    const seen = latest.get(key);
    if (!seen || seen.version < a.version) latest.set(key, { version: a.version, riskLevel: a.riskLevel });
  }
  return new Map([...latest].map(([k, v]) => [k, v.riskLevel]));
}

/** Escapes text for use inside a regular expression (search is literal, never a pattern). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The MongoDB filter of a register filter; built only from validated, typed values. */
export async function registerQuery(f: RegisterFilter, now: Date): Promise<Record<string, unknown>> {
  const and: Record<string, unknown>[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.year) and.push({ year: f.year });
  if (f.q) {
    if (looksLikeReference(f.q)) and.push({ reference: f.q.trim().toUpperCase() });
    else {
      const re = new RegExp(escapeRegex(f.q), 'i');
      and.push({ $or: [{ reference: re }, { summary: re }, { reporterName: re }, { handlerName: re }] });
    }
  }
  if (f.risk) {
    const levels = await latestRiskLevels();
    const assessed = [...levels.keys()].map((k) => new Types.ObjectId(k));
    if (f.risk === 'unassessed') and.push({ _id: { $nin: assessed } });
    else and.push({ _id: { $in: [...levels].filter(([, r]) => r === f.risk).map(([k]) => new Types.ObjectId(k)) } });
  }
  if (f.overdue) {
    const overdue = new Set((await openDuties(now)).filter((d) => d.status === 'overdue').map((d) => d.incidentId));
    const assessed = await latestRiskLevels();
    const open = await Incident.find({ status: { $in: OPEN_STATUSES } }).select({ status: 1, awarenessAt: 1, reportedInternallyAt: 1 }).lean();
    for (const i of open) {
      if (unassessedPastWindow(i, assessed.has(String(i._id)), now, DEFAULT_ASSESSMENT_CONFIG.authorityHours)) overdue.add(String(i._id));
    }
    and.push({ _id: { $in: [...overdue].map((k) => new Types.ObjectId(k)) } });
  }
  return and.length ? { $and: and } : {};
}

/** A page of the register for a privacy officer; the listing is audited with its filters. */
export async function listRegister(f: RegisterFilter, ctx: ActionContext): Promise<RegisterPage> {
  assertRole(ctx.user, 'privacy_officer');
  const query = await registerQuery(f, ctx.now);
  const total = await Incident.countDocuments(query);
  const pages = Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const docs = await Incident.find(query)
    .select({ reference: 1, status: 1, reportedInternallyAt: 1, awarenessAt: 1, summary: 1, handlerName: 1 })
    .sort({ year: -1, seq: -1 })
    .skip((page - 1) * REGISTER_PAGE_SIZE)
    .limit(REGISTER_PAGE_SIZE)
    .lean();
  const ids = docs.map((d) => d._id);
  const [risks, duties] = await Promise.all([latestRiskLevels(ids), dutiesByIncident(ids.map(String), ctx.now)]);
  const rows = docs.map((d) => ({
    id: String(d._id),
    reference: d.reference,
    status: d.status,
    reportedAt: d.reportedInternallyAt,
    summary: d.summary,
    handlerName: d.handlerName ?? undefined,
    riskLevel: risks.get(String(d._id)),
    overdue:
      (duties.get(String(d._id)) ?? []).some((x) => x.status === 'overdue') ||
      unassessedPastWindow(d, risks.has(String(d._id)), ctx.now, DEFAULT_ASSESSMENT_CONFIG.authorityHours),
  }));
  const years = (await Incident.distinct('year')).filter((y): y is number => typeof y === 'number').sort((a, b) => b - a);
  await recordAudit(
    { actor: auditActor(ctx.user), origin: ctx.origin, action: 'register.list', object: { type: 'register' }, details: { filter: { ...f }, total } },
    ctx.now,
  );
  return { rows, total, page, pages, years };
}

/** An incident with its full timeline and latest decision, for the privacy officer; the view is audited. */
export async function getRegisterDetail(
  id: string,
  ctx: ActionContext,
): Promise<{ incident: IncidentDoc; timeline: IncidentEventDoc[]; riskLevel?: RiskLevel; assessmentVersion?: number }> {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await findReadableIncident(id, ctx);
  const timeline = await IncidentEvent.find({ incidentId: incident._id }).sort({ at: 1, _id: 1 }).lean<IncidentEventDoc[]>();
  const latest = await Assessment.findOne({ incidentId: incident._id }).sort({ version: -1 }).select({ version: 1, riskLevel: 1 }).lean();
  await recordAudit(
    { actor: auditActor(ctx.user), origin: ctx.origin, action: 'incident.view', object: incidentObject(incident), details: { page: 'register' } },
    ctx.now,
  );
  return { incident, timeline, riskLevel: latest?.riskLevel, assessmentVersion: latest?.version };
}
