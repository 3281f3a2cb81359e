// Browsing the audit trail (issue 3 item 6, issue 14 item 5): by incident (reference or id), by
// user, by action or action group and by a range of days, newest first, one page at a time, or a
// selection as CSV. Reading and exporting the trail are themselves audited.
import { AuditEntry } from '../../models/audit-entry.model.js';
import { Incident } from '../../models/incident.model.js';
import { assertRole, type ActionContext } from '../context.js';
import { ValidationError } from '../errors.js';
import { parseDutchLocal } from '../local-time.js';
import { verifyAuditChain, type AuditVerification } from './audit.service.js';
import { detailLines, type DetailLine } from './audit-labels.js';
import { auditAction } from './audit-action.js';

export const AUDIT_PAGE_SIZE = 50;

/** What to look for; every value is a validated plain string (audit.schema.ts). */
export interface AuditFilter {
  ref?: string;
  user?: string;
  action?: string;
  group?: string;
  /** First and last day (YYYY-MM-DD), inclusive, in Dutch local time. */
  from?: string;
  to?: string;
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
  details: DetailLine[];
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
  // The group is one of the known lower-case words (audit.schema.ts): safe in a pattern.
  if (f.group) and.push({ action: { $regex: `^${f.group}\\.` } });
  if (f.from) and.push({ at: { $gte: dayStart(f.from, 'from') } });
  if (f.to) and.push({ at: { $lt: dayStart(nextDay(f.to), 'to') } });
  return and.length ? { $and: and } : {};
}

/** Midnight at the start of a Dutch calendar day (it exists on every day, DST or not). */
function dayStart(day: string, field: string): Date {
  const at = parseDutchLocal(`${day}T00:00`);
  if (!at) throw new ValidationError({ [field]: 'field.invalid' });
  return at;
}

/** The calendar day after YYYY-MM-DD (an impossible date stays impossible, for dayStart to refuse). */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return day;
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
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
export async function browseAudit(
  f: AuditFilter,
  ctx: ActionContext,
): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number }> {
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
  const rows = docs.map(toRow);
  await auditAction(ctx, {
    action: 'audit.view',
    object: { type: 'audit', ref: f.ref },
    details: { filter: { ...f }, total },
  });
  return { rows, total, page, pages };
}

type StoredEntry = Pick<
  InstanceType<typeof AuditEntry>,
  'seq' | 'at' | 'actor' | 'action' | 'object' | 'result' | 'origin' | 'details' | 'hash'
>;

function toRow(e: StoredEntry): AuditRow {
  return {
    seq: e.seq,
    at: e.at,
    actor: describe(e.actor, ['label']) || describe(e.actor, ['kind']) || 'anonymous',
    role: (e.actor as { role?: string } | undefined)?.role,
    action: e.action,
    object: describe(e.object, ['type', 'ref', 'id']),
    result: e.result,
    origin: describe(e.origin, ['via', 'ip']),
    details: detailLines(e.details),
    hash: e.hash,
  };
}

/** Exports beyond this many lines are refused: narrow the filter (a day range, an incident). */
export const AUDIT_EXPORT_MAX = 100_000;

/**
 * The entries a filter selects, oldest first, one row at a time to `write` (for a CSV download).
 * Refused with 400 when more than AUDIT_EXPORT_MAX lines match; the export itself is audited.
 */
export async function exportAudit(
  f: AuditFilter,
  ctx: ActionContext,
  write: (row: AuditRow) => Promise<void>,
): Promise<number> {
  assertRole(ctx.user, 'admin', 'privacy_officer');
  const query = await auditQuery(f);
  const total = await AuditEntry.countDocuments(query);
  if (total > AUDIT_EXPORT_MAX) throw new ValidationError({ from: 'field.audit.tooMany' });
  const { page: _page, ...filter } = f;
  // Recorded before the rows go out: an export that breaks off half-way is still on the record.
  const own = await auditAction(ctx, {
    action: 'audit.export',
    object: { type: 'audit', ref: f.ref },
    details: { filter, total },
  });
  let n = 0;
  for await (const e of AuditEntry.find(query)
    .sort({ seq: 1 })
    .lean<StoredEntry>()
    .cursor({ batchSize: 1000 })) {
    // The selection as of the click: the export's own line and later ones are not part of it.
    if (e.seq >= own.seq) break;
    await write(toRow(e));
    n++;
  }
  return n;
}

/** Checks the whole chain (administrators), and records that it was checked. */
export async function verifyTrail(ctx: ActionContext): Promise<AuditVerification> {
  assertRole(ctx.user, 'admin');
  const result = await verifyAuditChain();
  await auditAction(ctx, {
    action: 'audit.verify',
    object: { type: 'audit' },
    result: result.ok ? 'success' : 'failure',
    details: result.ok ? { entries: result.entries } : { brokenAt: result.brokenAt, problem: result.problem },
  });
  return result;
}
