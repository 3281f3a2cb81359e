// Intake and "my reports" (issue 3 items 1–2): filing a report under a gap-free reference, the
// reporter's own list and detail, and later additions appended to the timeline.
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent, type IncidentEventDoc } from '../../models/incident-event.model.js';
import { IntakePending } from '../../models/intake-pending.model.js';
import { User } from '../../models/user.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { enqueueMail, MAX_RECIPIENTS } from '../../notifications/outbox.js';

import { assertRole, type ActionContext, type SessionUser } from '../context.js';
import { byTimeThenId, eventsOfIncident } from './incident-children.js';
import { recordChange } from '../../models/db/change-feed.js';
import { insertUnderNextNumber } from '../../models/db/unique-insert.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { activeUsersWithRole } from '../users/users.service.js';
import { findReadableIncident, incidentObject } from './incident-access.js';
import { formatReference, referenceScope, referenceYear } from './incident-reference.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';
import type { IncidentSource } from '../../models/incident.model.js';
import type { ReportInput } from './incidents.schema.js';
import { auditAction } from '../audit/audit-action.js';

/** Roles that may file a report: every employee with an account, except the ministry's liaison. */
export const REPORTING_ROLES = ['reporter', 'privacy_officer', 'admin'] as const;

/** The outcome of a submission. */
export interface SubmittedReport {
  id: string;
  reference: string;
}

/** A row of "my reports". */
export interface OwnReportRow {
  id: string;
  reference: string;
  status: IncidentStatus;
  summary: string;
  reportedAt: Date;
}

// Timeline kinds a reporter sees of their own report; triage notes stay with the privacy officers.
const REPORTER_TIMELINE_KINDS = ['submitted', 'addition', 'status-changed', 'attachment-added'];

/** The reporter id of a report from the public page: this prefix and the external reporter's id (issue 15). */
export const EXTERNAL_REPORTER_PREFIX = 'external:';

/**
 * Files a report: takes the next reference of the year (gap-free, never reused, safe with any number
 * of concurrent submissions and processes), stores the incident in status `submitted`, adds the
 * `submitted` timeline event, queues the receipt and the privacy-officer alert, and audits it.
 */
export async function submitReport(
  input: ReportInput,
  ctx: ActionContext,
  opts: { baseUrl: string; source?: IncidentSource },
): Promise<SubmittedReport> {
  assertRole(ctx.user, ...REPORTING_ROLES);
  // Reports from the public page (issue 15) come in by the same steps under the same clocks.
  const source = ctx.user.external ? (opts.source ?? 'external_anonymous') : 'employee';
  const doc = new Incident({
    ...input,
    source,
    reference: 'pending',
    year: 0,
    seq: 0,
    status: 'submitted',
    reporterId: ctx.user.id,
    reporterName: ctx.user.name,
    reportedInternallyAt: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await doc.validate();
  // Filing is several writes; a marker under the incident's id says it is under way, so that a
  // process dying in between leaves work the intake recovery finishes (issue 11 item 7).
  await IntakePending.create({ _id: doc._id, at: ctx.now });
  const year = referenceYear(ctx.now);
  // The incident's own insert takes the number (unique year + number): a number is never taken
  // without being used, so the register has no gaps to explain, whatever stops when.
  await insertUnderNextNumber(
    Incident,
    referenceScope(year),
    async () => (await Incident.findOne({ year }, { seq: 1 }).sort({ seq: -1 }).lean())?.seq ?? 0,
    async (seq) => {
      doc.set({ year, seq, reference: formatReference(year, seq) });
      doc.isNew = true;
      await doc.save();
    },
  );
  const incident = { _id: doc._id, reference: doc.reference };
  await completeIntake(incident, ctx, opts.baseUrl, { fresh: true });
  return { id: String(doc._id), reference: doc.reference };
}

/**
 * The steps after the incident is stored: the `submitted` event, the mails, the audit entry, then
 * the marker is removed. Each step is safe to repeat: recovery checks what exists first; mails are
 * keyed by the reference.
 */
async function completeIntake(
  incident: { _id: IncidentDoc['_id']; reference: string },
  ctx: ActionContext,
  baseUrl: string,
  { fresh }: { fresh: boolean },
): Promise<void> {
  if (
    fresh ||
    !(await eventsOfIncident.find<IncidentEventDoc>(incident._id, { kind: 1 })).some(
      (e) => e.kind === 'submitted',
    )
  )
    await IncidentEvent.create({
      incidentId: incident._id,
      at: ctx.now,
      kind: 'submitted',
      actorId: ctx.user.id,
      actorName: ctx.user.name,
    });
  const mails = await queueSubmissionMails(incident, ctx, baseUrl);
  if (fresh || !(await AuditEntry.exists({ action: 'incident.submit', 'object.id': String(incident._id) })))
    await auditAction(ctx, {
      action: 'incident.submit',
      object: incidentObject(incident),
      details: { mailsQueued: mails, ...(fresh ? {} : { recovered: true }) },
    });
  await IntakePending.deleteOne({ _id: incident._id });
}

// A filing younger than this may still be under way in its own process.
const INTAKE_GRACE_MS = 60_000;

/**
 * Finishes filings that a stopped process left half done (run at start and periodically): the
 * incident exists but its event, mails or audit entry may not; or it was never stored — then
 * nothing was taken and the marker goes. Returns how many were completed.
 */
export async function recoverIntakes(now: Date, baseUrl: string): Promise<number> {
  const stale = await IntakePending.find({ at: { $lt: new Date(now.getTime() - INTAKE_GRACE_MS) } }).lean();
  let completed = 0;
  for (const marker of stale) {
    const incident = await Incident.findById(marker._id).lean();
    const external = incident?.reporterId.startsWith(EXTERNAL_REPORTER_PREFIX) ?? false;
    const reporter = incident && !external ? await User.findById(incident.reporterId).lean() : null;
    if (!incident || (!reporter && !external)) {
      await IntakePending.deleteOne({ _id: marker._id });
      continue;
    }
    // A report from the public page is finished under its anonymous reporter (issue 15).
    const user: SessionUser = reporter
      ? {
          id: String(reporter._id),
          email: reporter.email,
          name: reporter.name,
          role: reporter.role,
          language: reporter.language === 'en' ? ('en' as const) : ('nl' as const),
        }
      : {
          id: incident.reporterId,
          email: '',
          name: incident.reporterName,
          role: 'reporter',
          language: 'nl',
          external: true,
        };
    // The filing process may have died before announcing the incident on the change feed: announce
    // it (again) so every process's register lists it now, not at its next full reload.
    await recordChange(Incident.db, Incident.collection.name, incident._id);
    await completeIntake(
      { _id: incident._id, reference: incident.reference },
      { user, origin: { via: 'scheduler' }, now: incident.createdAt },
      baseUrl,
      { fresh: false },
    );
    completed++;
  }
  return completed;
}

// Mails carry only the reference and a link (no client data); the worker sends them later.
async function queueSubmissionMails(
  incident: { _id: unknown; reference: string },
  ctx: ActionContext,
  baseUrl: string,
): Promise<number> {
  const id = String(incident._id);
  const data = { reference: incident.reference, reportedAt: ctx.now };
  let queued = 0;
  // A reporter from the public page has no account: their receipt code was shown on screen.
  if (!ctx.user.external) {
    await enqueueMail(
      {
        key: `report-receipt:${incident.reference}`,
        template: 'report-receipt',
        lang: ctx.user.language,
        to: [ctx.user.email],
        data: { ...data, link: `${baseUrl}/reports/${id}` },
        incidentId: id,
      },
      ctx.now,
    );
    queued++;
  }
  const officers = await activeUsersWithRole('privacy_officer');
  for (const lang of ['nl', 'en'] as const) {
    const to = officers.filter((o) => o.language === lang).map((o) => o.email);
    for (let i = 0; i < to.length; i += MAX_RECIPIENTS) {
      await enqueueMail(
        {
          key: `report-alert:${incident.reference}:${lang}:${i / MAX_RECIPIENTS}`,
          template: 'report-alert',
          lang,
          to: to.slice(i, i + MAX_RECIPIENTS),
          data: { ...data, link: `${baseUrl}/incidents/${id}` },
          incidentId: id,
        },
        ctx.now,
      );
      queued++;
    }
  }
  return queued;
}

/** The signed-in user's own reports, newest first. */
export async function listOwnReports(ctx: ActionContext): Promise<OwnReportRow[]> {
  const rows = await Incident.find({ reporterId: ctx.user.id })
    .sort({ createdAt: -1 })
    .select({ reference: 1, status: 1, summary: 1, reportedInternallyAt: 1 })
    .limit(500)
    .lean();
  return rows.map((r) => ({
    id: String(r._id),
    reference: r.reference,
    status: r.status,
    summary: r.summary,
    reportedAt: r.reportedInternallyAt,
  }));
}

/** One of the user's own reports with its reporter-visible timeline; the view is audit-logged. */
export async function getOwnReport(
  id: string,
  ctx: ActionContext,
): Promise<{ incident: IncidentDoc; timeline: IncidentEventDoc[] }> {
  const incident = await findReadableIncident(id, ctx);
  // Privacy officers read other people's reports in the register, not here.
  if (incident.reporterId !== ctx.user.id) throw new NotFoundError();
  const timeline = (
    await eventsOfIncident.find<IncidentEventDoc & { _id: { toString(): string } }>(incident._id)
  )
    .filter((e) => REPORTER_TIMELINE_KINDS.includes(e.kind))
    .sort(byTimeThenId);
  await auditAction(ctx, {
    action: 'incident.view',
    object: incidentObject(incident),
    details: { page: 'report' },
  });
  return { incident, timeline };
}

/** Appends further information from the reporter to the timeline (never overwriting what was said). */
export async function addInformation(id: string, text: string, ctx: ActionContext): Promise<void> {
  const incident = await findReadableIncident(id, ctx, 'incident.addition');
  if (incident.reporterId !== ctx.user.id) throw new NotFoundError();
  if (incident.status === 'closed') throw new ConflictError('INCIDENT_CLOSED', 'incidents.error.closed');
  const event = await IncidentEvent.create({
    incidentId: incident._id,
    at: ctx.now,
    kind: 'addition',
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    text,
  });
  await auditAction(ctx, {
    action: 'incident.addition',
    object: incidentObject(incident),
    details: { eventId: String(event._id), length: text.length },
  });
}
