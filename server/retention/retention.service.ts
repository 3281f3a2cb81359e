// Retention of the breach register (issue 13; domain.md §2 "Documentation duty" and §8.5): an
// incident and everything belonging to it — timeline, transitions, assessments, duty fulfilments,
// filings, ministry notices, notice runs with their pages, recipients and events, affected persons,
// imports, mails, reminders, attachments and their chunks — is deleted REGISTER_RETENTION_YEARS
// after its retention start:
// - a closed incident: its closing date. The reference customer's privacy statement keeps advice
//   files "5 years after the file is closed" (domain.md §8.5), and Art. 33(5) sets no period of its
//   own (domain.md §2: configurable, default 5 years).
// - an incident that ended without being closed (draft, not a breach, withdrawn): its last change
//   (`updatedAt`), the moment the file was last touched.
// - an incident still being handled (OPEN_STATUSES): never; the period starts when the file ends.
// A legal hold (retention-hold.model.ts) keeps an incident whatever its age. The audit trail is
// never deleted: the deletion entry names the reference and the counts, no personal data.
// Deletes go through the models (the `trackChanges` plugin keeps the read models current,
// architecture.md §4).
import { hostname } from 'node:os';
import { addYears } from 'date-fns/addYears';
import { subYears } from 'date-fns/subYears';
import { Types, type Model } from 'mongoose';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { Assessment } from '../../models/assessment.model.js';
import { FactCorrection } from '../../models/fact-correction.model.js';
import { Attachment } from '../../models/attachment.model.js';
import { AttachmentChunk } from '../../models/attachment-chunk.model.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { DossierDetails } from '../../models/dossier-details.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { IncidentTransition } from '../../models/incident-transition.model.js';
import { IntakePending } from '../../models/intake-pending.model.js';
import { MinistryNotice } from '../../models/ministry-notice.model.js';
import { MinistryNoticeAck } from '../../models/ministry-notice-ack.model.js';
import { NoticeClaim } from '../../models/notice-claim.model.js';
import { NoticeEnqueue } from '../../models/notice-enqueue.model.js';
import { NoticeImport } from '../../models/notice-import.model.js';
import { NoticeLetterPosting } from '../../models/notice-letter-posting.model.js';
import { NoticeListChange } from '../../models/notice-list-change.model.js';
import { NoticePage } from '../../models/notice-page.model.js';
import { NoticePageHead } from '../../models/notice-page-head.model.js';
import { NoticePublication } from '../../models/notice-publication.model.js';
import { NoticePurge } from '../../models/notice-purge.model.js';
import { NoticeRecipient } from '../../models/notice-recipient.model.js';
import { NoticeRun } from '../../models/notice-run.model.js';
import { NoticeRunEvent } from '../../models/notice-run-event.model.js';
import { NoticeRunText } from '../../models/notice-run-text.model.js';
import { OutboxClaim } from '../../models/outbox-claim.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { OutboxDue } from '../../models/outbox-due.model.js';
import { ReminderDue } from '../../models/reminder-due.model.js';
import { NoticeSending } from '../../models/notice-sending.model.js';
import { Reminder } from '../../models/reminder.model.js';
import { ReminderClaim } from '../../models/reminder-claim.model.js';
import { RetentionClaim } from '../../models/retention-claim.model.js';
import { RetentionHold } from '../../models/retention-hold.model.js';
import { recordAudit, type AuditActor, type AuditOrigin } from '../audit/audit.service.js';
import { OPEN_STATUSES, type IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { leaseClaimsById } from '../db/lease-claims.js';
import { discardSnapshot } from '../register/register-snapshot.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the child models differ in their fields
type AnyModel = Model<any>;

/** Records holding the incident's `_id` in `incidentId`, by the name their count is reported under. */
const BY_INCIDENT: readonly (readonly [string, AnyModel])[] = [
  ['events', IncidentEvent],
  ['transitions', IncidentTransition],
  ['assessments', Assessment],
  ['factCorrections', FactCorrection],
  ['dutyFulfilments', DutyFulfilment],
  ['filings', AuthorityFiling],
  ['dossierDetails', DossierDetails],
  ['ministryNotices', MinistryNotice],
  ['ministryAcks', MinistryNoticeAck],
  ['affectedPersons', AffectedPerson],
  ['imports', NoticeImport],
  ['listChanges', NoticeListChange],
  ['letterPostings', NoticeLetterPosting],
  ['publications', NoticePublication],
  ['reminders', Reminder],
  ['mails', OutboxMessage],
  ['attachments', Attachment],
  ['noticeRuns', NoticeRun],
];

/** Records of the incident's notice runs, holding the run's `_id` in `runId`. */
const BY_RUN: readonly (readonly [string, AnyModel])[] = [
  ['runEvents', NoticeRunEvent],
  ['runTexts', NoticeRunText],
  ['pages', NoticePage],
  ['pageHeads', NoticePageHead],
  ['recipients', NoticeRecipient],
  ['runClaims', NoticeClaim],
];

/** Every count reported for an incident (all numbers, no personal data). */
export type RetentionCounts = Record<string, number>;

/** An incident whose retention period is over. */
export interface ExpiredIncident {
  id: string;
  reference: string;
  status: IncidentStatus;
  /** When the period started (closing date, or the last change). */
  since: Date;
  /** When the period ended. */
  expiredAt: Date;
  hold: { reason: string; byLabel: string; at: Date } | null;
}

/** The moment before which a retention start lies for the period to be over. */
export function retentionCutoff(now: Date, years: number): Date {
  return subYears(now, years);
}

/** When an incident's retention period starts, or null while it is being handled (see above). */
export function retentionStart(i: Pick<IncidentDoc, 'status' | 'closedAt' | 'updatedAt'>): Date | null {
  if ((OPEN_STATUSES as readonly string[]).includes(i.status)) return null;
  if (i.status === 'closed' && i.closedAt) return i.closedAt;
  return i.updatedAt;
}

type Row = Pick<IncidentDoc, '_id' | 'reference' | 'status' | 'closedAt' | 'updatedAt'>;

/** The incidents whose retention period is over, oldest first, with their holds. */
export async function expiredIncidents(now: Date, years: number): Promise<ExpiredIncident[]> {
  const cutoff = retentionCutoff(now, years);
  // FerretDB answers only `_id` from an index, so this reads the incidents once either way.
  const rows = await Incident.find({ status: { $nin: OPEN_STATUSES } })
    .select({ _id: 1, reference: 1, status: 1, closedAt: 1, updatedAt: 1 })
    .lean<Row[]>();
  const expired = rows
    .map((r) => ({ r, since: retentionStart(r) }))
    .filter((x): x is { r: Row; since: Date } => x.since !== null && x.since.getTime() <= cutoff.getTime())
    .sort((a, b) => a.since.getTime() - b.since.getTime());
  const holds = await holdsOf(expired.map((x) => x.r._id));
  return expired.map(({ r, since }) => {
    const h = holds.get(String(r._id));
    return {
      id: String(r._id),
      reference: r.reference,
      status: r.status,
      since,
      expiredAt: addYears(since, years),
      hold: h ? { reason: h.reason, byLabel: h.byLabel, at: h.at } : null,
    };
  });
}

async function holdsOf(ids: readonly Types.ObjectId[]) {
  if (ids.length === 0) return new Map<string, { reason: string; byLabel: string; at: Date }>();
  const holds = await RetentionHold.find({ _id: { $in: ids } }).lean();
  return new Map(holds.map((h) => [String(h._id), h]));
}

/** Counts what deleting the incidents would delete: one read per collection for all of them. */
export async function countRecords(
  incidentIds: readonly Types.ObjectId[],
): Promise<Map<string, RetentionCounts>> {
  const result = new Map<string, RetentionCounts>(incidentIds.map((id) => [String(id), { incident: 1 }]));
  if (incidentIds.length === 0) return result;
  const add = (incidentId: string, key: string, n = 1) => {
    const c = result.get(incidentId);
    if (c) c[key] = (c[key] ?? 0) + n;
  };
  const runOwner = new Map<string, string>();
  const attachmentOwner = new Map<string, string>();
  const mailOwner = new Map<string, string>();
  const reminderOwner = new Map<string, string>();
  for (const [key, model] of BY_INCIDENT) {
    const docs = (await model
      .find({ incidentId: { $in: incidentIds } })
      .select({ _id: 1, incidentId: 1 })
      .lean()) as { _id: unknown; incidentId: unknown }[];
    for (const d of docs) {
      const owner = String(d.incidentId);
      add(owner, key);
      if (model === NoticeRun) runOwner.set(String(d._id), owner);
      if (model === Attachment) attachmentOwner.set(String(d._id), owner);
      if (model === OutboxMessage) mailOwner.set(String(d._id), owner);
      if (model === Reminder) reminderOwner.set(String(d._id), owner);
    }
  }
  const runIds = [...runOwner.keys()];
  if (runIds.length) {
    for (const [key, model] of BY_RUN) {
      const docs = (await model
        .find({ runId: { $in: runIds } })
        .select({ runId: 1 })
        .lean()) as { runId: unknown }[];
      for (const d of docs) add(runOwner.get(String(d.runId))!, key);
    }
    for (const d of await NoticeEnqueue.find({ _id: { $in: runIds } })
      .select({ _id: 1 })
      .lean())
      add(runOwner.get(String(d._id))!, 'runEnqueues');
  }
  const byOwner = async (model: AnyModel, field: string, owners: Map<string, string>, key: string) => {
    if (owners.size === 0) return;
    const docs = (await model
      .find({ [field]: { $in: [...owners.keys()] } })
      .select({ [field]: 1 })
      .lean()) as Record<string, unknown>[];
    for (const d of docs) add(owners.get(String(d[field]))!, key);
  };
  await byOwner(AttachmentChunk, 'attachmentId', attachmentOwner, 'attachmentChunks');
  await byOwner(OutboxClaim, 'messageId', mailOwner, 'mailClaims');
  await byOwner(ReminderClaim, 'reminderId', reminderOwner, 'reminderClaims');
  for (const d of await NoticePurge.find({ _id: { $in: incidentIds } })
    .select({ _id: 1 })
    .lean())
    add(String(d._id), 'contactPurges');
  for (const d of await IntakePending.find({ _id: { $in: incidentIds } })
    .select({ _id: 1 })
    .lean())
    add(String(d._id), 'intakePending');
  return result;
}

/** The total number of records in counts. */
export function totalRecords(c: RetentionCounts): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

/**
 * Deletes one incident with everything belonging to it, children first and the incident last: a
 * crash in between leaves the incident, so the next sweep finds it and finishes. The audit entry
 * is written after the children are gone and before the incident is (a crash right after it makes
 * the next sweep write a second entry with what was left: at least once, never missing).
 */
async function deleteIncident(
  incidentId: Types.ObjectId,
  reference: string,
  counts: RetentionCounts,
  years: number,
  who: { actor: AuditActor; origin: AuditOrigin },
  now: Date,
): Promise<void> {
  const runIds = (await NoticeRun.find({ incidentId }).select({ _id: 1 }).lean()).map((r) => r._id);
  if (runIds.length) {
    for (const [, model] of BY_RUN) await model.deleteMany({ runId: { $in: runIds } });
    await NoticeEnqueue.deleteMany({ _id: { $in: runIds } });
    await NoticeSending.deleteMany({ _id: { $in: runIds } });
  }
  const attachmentIds = (await Attachment.find({ incidentId }).select({ _id: 1 }).lean()).map((a) => a._id);
  if (attachmentIds.length) await AttachmentChunk.deleteMany({ attachmentId: { $in: attachmentIds } });
  const mailIds = (await OutboxMessage.find({ incidentId }).select({ _id: 1 }).lean()).map((m) => m._id);
  if (mailIds.length) {
    await OutboxClaim.deleteMany({ messageId: { $in: mailIds } });
    await OutboxDue.deleteMany({ _id: { $in: mailIds } });
  }
  const reminderIds = (await Reminder.find({ incidentId }).select({ _id: 1 }).lean()).map((m) => m._id);
  if (reminderIds.length) {
    await ReminderClaim.deleteMany({ reminderId: { $in: reminderIds } });
    await ReminderDue.deleteMany({ _id: { $in: reminderIds } });
  }
  // The runs last among the children: their ids find the run records above after a crash.
  for (const [, model] of BY_INCIDENT) if (model !== NoticeRun) await model.deleteMany({ incidentId });
  await NoticeRun.deleteMany({ incidentId });
  await NoticePurge.deleteOne({ _id: incidentId });
  await IntakePending.deleteOne({ _id: incidentId });
  await recordAudit(
    {
      ...who,
      action: 'register.retention.delete',
      object: { type: 'incident', id: String(incidentId), ref: reference },
      details: { retentionYears: years, records: totalRecords(counts), counts },
    },
    now,
  );
  await Incident.deleteOne({ _id: incidentId });
}

/** What one sweep did. */
export interface SweepResult {
  /** False when another process was running the sweep (or had just run it for this moment). */
  ran: boolean;
  /** Why it did not run: another process held a live claim, won the insert, or already swept `now`. */
  skipped?: 'live' | 'lost' | 'swept';
  deleted: { reference: string; records: number }[];
  /** Expired incidents kept because of a legal hold. */
  held: number;
}

const SWEEP_ITEM = 'retention';
const claims = leaseClaimsById<string>({
  model: RetentionClaim,
  idOf: (item, g) => `${item}:${g}`,
  generationField: 'gen',
  holderField: 'workerId',
});
/** Lease of a sweep; renewed after every incident, so only a dead sweep loses it. */
export const SWEEP_LEASE_MS = 10 * 60_000;

/** Options of one sweep. */
export interface SweepOptions {
  now: Date;
  years: number;
  actor: AuditActor;
  origin: AuditOrigin;
  /** Names this process in its claim. */
  holder?: string;
  leaseMs?: number;
  /** The data folder, whose kept register records (a sealed file) may hold what is deleted. */
  dataDir?: string;
}

/**
 * Deletes every incident past retention that has no legal hold. Only one process sweeps at a time:
 * the sweep first takes the lease claim (server/db/lease-claims.ts); a process that finds it live,
 * or loses the insert, does nothing. A claim released by a sweep of the same or a later moment is
 * not taken again: that sweep already covered everything expired at `now`.
 */
export async function runRetentionSweep(o: SweepOptions): Promise<SweepResult> {
  const holder = o.holder ?? `${hostname()}:${process.pid}`;
  const leaseMs = o.leaseMs ?? SWEEP_LEASE_MS;
  const latest = await claims.latest(SWEEP_ITEM);
  const result: SweepResult = { ran: false, deleted: [], held: 0 };
  if (latest && !latest.releasedAt && latest.leaseUntil.getTime() > o.now.getTime())
    return { ...result, skipped: 'live' };
  if (latest?.releasedAt && latest.releasedAt.getTime() >= o.now.getTime())
    return { ...result, skipped: 'swept' };
  const gen = await claims.take(SWEEP_ITEM, holder, o.now, leaseMs, {
    hint: latest?.generation ?? 1,
    mayRetake: (last) => !last.releasedAt || last.releasedAt.getTime() < o.now.getTime(),
  });
  if (gen === null) return { ...result, skipped: 'lost' };
  result.ran = true;
  try {
    const expired = await expiredIncidents(o.now, o.years);
    const due = expired.filter((e) => {
      if (e.hold) result.held++;
      return !e.hold;
    });
    const counts = await countRecords(due.map((e) => new Types.ObjectId(e.id)));
    // The kept register records go first: they must not outlive what they hold.
    if (due.length > 0) discardSnapshot(o.dataDir);
    for (const e of due) {
      // The lease is ours as long as nobody took the sweep over; a hold placed meanwhile still wins.
      if (!(await claims.stillOwns(SWEEP_ITEM, gen))) break;
      const id = new Types.ObjectId(e.id);
      if (await RetentionHold.exists({ _id: id })) {
        result.held++;
        continue;
      }
      const c = counts.get(e.id) ?? { incident: 1 };
      await deleteIncident(id, e.reference, c, o.years, { actor: o.actor, origin: o.origin }, o.now);
      result.deleted.push({ reference: e.reference, records: totalRecords(c) });
      await claims.renew(SWEEP_ITEM, gen, new Date(o.now.getTime() + leaseMs));
    }
  } finally {
    await claims.release(SWEEP_ITEM, gen, o.now);
  }
  return result;
}
