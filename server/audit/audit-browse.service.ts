// Browsing the audit trail (issue 3 item 6): by incident (reference or id) or by user, newest
// first, one page at a time. Reading the trail is itself audited.
import { AuditEntry } from '../../models/audit-entry.model.js';
import { Incident } from '../../models/incident.model.js';
import { assertRole, auditActor, type ActionContext } from '../context.js';
import { recordAudit, verifyAuditChain, type AuditVerification } from './audit.service.js';

export const AUDIT_PAGE_SIZE = 50;

/** What to look for; every value is a validated plain string. */
export interface AuditFilter {
  ref?: string;
  user?: string;
  action?: string;
  page?: number;
}

/** One entry as the page shows it. */
export interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  role?: string;
  action: string;
  object: string;
  result: string;
  origin: string;
  details: string;
  hash: string;
}

// Not a type guard on purpose: a string that is no id is still a string (a reference, an e-mail).
const isId = (s: string): boolean => /^[0-9a-f]{24}$/i.test(s);

/** The MongoDB filter for an audit filter (incident by reference or id, user by e-mail or id). */
export async function auditQuery(f: AuditFilter): Promise<Record<string, unknown>> {
  const and: Record<string, unknown>[] = [];
  if (f.ref) {
    if (isId(f.ref)) {
      const incident = await Incident.findById(f.ref).select({ reference: 1 }).lean();
      const or: Record<string, unknown>[] = [{ 'object.id': f.ref }, { 'details.incidentId': f.ref }];
      if (incident) or.push({ 'object.ref': incident.reference });
      and.push({ $or: or });
    } else {
      and.push({ 'object.ref': f.ref.toUpperCase().startsWith('DL-') ? f.ref.toUpperCase() : f.ref });
    }
  }
  if (f.user) and.push(isId(f.user) ? { 'actor.id': f.user } : { 'actor.label': f.user.toLowerCase() });
  if (f.action) and.push({ action: f.action });
  return and.length ? { $and: and } : {};
}

function describe(v: Record<string, unknown> | null | undefined, keys: string[]): string {
  if (!v) return '';
  return keys
    .map((k) => v[k])
    .filter((x) => x !== undefined && x !== null && x !== '')
    .map(String)
    .join(' · ');
}

/** A page of the trail for an administrator or privacy officer. */
export async function browseAudit(f: AuditFilter, ctx: ActionContext): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number }> {
  assertRole(ctx.user, 'admin', 'privacy_officer');
  const query = await auditQuery(f);
  const total = await AuditEntry.countDocuments(query);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(f.page ?? 1, pages);
  const docs = await AuditEntry.find(query)
    .sort({ seq: -1 })
    .skip((page - 1) * AUDIT_PAGE_SIZE)
    .limit(AUDIT_PAGE_SIZE)
    .lean();
  const rows = docs.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: describe(e.actor as Record<string, unknown>, ['label']) || describe(e.actor as Record<string, unknown>, ['kind']) || 'anonymous',
    role: (e.actor as { role?: string } | undefined)?.role,
    action: e.action,
    object: describe(e.object as Record<string, unknown>, ['type', 'ref', 'id']),
    result: e.result,
    origin: describe(e.origin as Record<string, unknown>, ['via', 'ip']),
    details: e.details && Object.keys(e.details as object).length ? JSON.stringify(e.details) : '',
    hash: e.hash,
  }));
  await recordAudit(
    { actor: auditActor(ctx.user), origin: ctx.origin, action: 'audit.view', object: { type: 'audit', ref: f.ref }, details: { filter: { ...f }, total } },
    ctx.now,
  );
  return { rows, total, page, pages };
}

/** Checks the whole chain (administrators), and records that it was checked. */
export async function verifyTrail(ctx: ActionContext): Promise<AuditVerification> {
  assertRole(ctx.user, 'admin');
  const result = await verifyAuditChain();
  await recordAudit(
    {
      actor: auditActor(ctx.user),
      origin: ctx.origin,
      action: 'audit.verify',
      object: { type: 'audit' },
      result: result.ok ? 'success' : 'failure',
      details: result.ok ? { entries: result.entries } : { brokenAt: result.brokenAt, problem: result.problem },
    },
    ctx.now,
  );
  return result;
}
