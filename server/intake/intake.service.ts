// Reports from outside (issue 15): the public page files a report through the same intake as an
// employee's (submitReport: DL reference, officer alert, the same clocks, audited), under an
// external reporter who has no account — only a receipt code and a passphrase. The reporter and
// the privacy officer then write to each other; a reporter who asked for it gets a mail that says
// only that there is a new message. Nothing identifying is written to the audit trail: the actor
// is "anonymous" and the origin has no network address (domain.md §8.3 still holds: every read and
// change is recorded).
import { Types } from 'mongoose';
import { ExternalMessage, type ExternalMessageDoc } from '../../models/external-message.model.js';
import { ExternalReporter, type ExternalReporterDoc } from '../../models/external-reporter.model.js';
import { IntakeAttempt } from '../../models/intake-attempt.model.js';
import { Incident, type IncidentDoc, type IncidentSource } from '../../models/incident.model.js';
import { enqueueMail, MAX_RECIPIENTS } from '../../notifications/outbox.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertRole, auditActor, type ActionContext, type SessionUser } from '../context.js';
import { attemptSlots } from '../db/attempt-slots.js';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../errors.js';
import { findReadableIncident, incidentObject } from '../incidents/incident-access.js';
import { incidentIndex } from '../incidents/incident-index.js';
import { EXTERNAL_REPORTER_PREFIX, submitReport } from '../incidents/incidents.service.js';
import type { ReportInput } from '../incidents/incidents.schema.js';
import { dummyPasswordHash } from '../users/password.js';
import { activeUsersWithRole } from '../users/users.service.js';
import {
  hashPassphrase,
  newPassphrase,
  newReceiptCode,
  normaliseReceiptCode,
  receiptCodeLookup,
  verifyPassphrase,
} from './intake-codes.js';
import type { PublicReportInput, ReporterKind } from './intake.schema.js';
import { auditAction } from '../audit/audit-action.js';

/** What the reporter gets once, on screen. */
export interface IssuedReceipt {
  reference: string;
  receiptCode: string;
  passphrase: string;
}

/** Limits of the public page (issue 15 item 5), none of them tied to a person or an address. */
export const INTAKE_LIMITS = {
  /** Reports from the public page, all together, per window. */
  reportsPerWindow: 30,
  /** Sign-in attempts on one receipt code per window. */
  signInsPerCode: 5,
  /** Sign-in attempts on the status page, all together, per window. */
  signInsPerWindow: 200,
  windowMs: 15 * 60_000,
  /** Bytes of text and files one receipt code may send in all, as a multiple of the per-file maximum. */
  budgetFiles: 5,
  /** Messages one receipt code may send in all. */
  maxMessages: 100,
};

const attempts = attemptSlots({ model: IntakeAttempt, windowMs: INTAKE_LIMITS.windowMs });

/** The budget of one receipt code in bytes. */
export function byteBudget(maxFileBytes: number): number {
  return INTAKE_LIMITS.budgetFiles * maxFileBytes;
}

// How the organisation learned of it, from who the reporter says they are (domain.md §10.2).
const CHANNEL_OF: Record<ReporterKind, ReportInput['discoveryChannel']> = {
  client: 'data_subject',
  partner: 'third_party',
  authority: 'third_party',
  employee: 'own_detection',
  public: 'third_party',
};

/** The pseudo-user the intake services act as for an external reporter: no name, no address. */
export function externalActor(
  reporter: Pick<ExternalReporterDoc, '_id' | 'language'>,
  name: string,
): SessionUser {
  return {
    id: `${EXTERNAL_REPORTER_PREFIX}${String(reporter._id)}`,
    email: '',
    name,
    role: 'reporter',
    language: reporter.language === 'en' ? 'en' : 'nl',
    external: true,
  };
}

/** The contact line the officer sees, or undefined for an anonymous report. */
function contactLine(
  r: Pick<ExternalReporterDoc, 'contactName' | 'contactEmail' | 'contactPhone'>,
): string | undefined {
  const parts = [r.contactName, r.contactEmail, r.contactPhone].filter((x): x is string => !!x);
  return parts.length ? parts.join(', ') : undefined;
}

/** Takes a slot of the global report limit; 429 when the page receives too many reports. */
export async function takeReportSlot(now: Date): Promise<void> {
  await attempts.sweep(now);
  const ticket = await attempts.take([{ key: 'report:all', max: INTAKE_LIMITS.reportsPerWindow }], now);
  if (!ticket.allowed) throw new TooManyRequestsError('intake.error.busy');
}

/**
 * Files a report from the public page. The incident is filed by submitReport (the same reference,
 * alert, clocks and audit entry as an employee's report); the receipt code and passphrase are made
 * here, returned once and stored only hashed.
 */
export async function submitPublicReport(
  input: PublicReportInput,
  opts: { now: Date; baseUrl: string; secret: string; lang: 'nl' | 'en' },
): Promise<IssuedReceipt & { incidentId: string; reporterId: Types.ObjectId; actor: SessionUser }> {
  const receiptCode = newReceiptCode();
  const passphrase = newPassphrase();
  const contact = {
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
  };
  const anonymous = !contactLine(contact);
  const reporter = await ExternalReporter.create({
    codeLookup: receiptCodeLookup(opts.secret, receiptCode),
    passphraseHash: await hashPassphrase(passphrase),
    anonymous,
    ...contact,
    notify: input.notify && !!input.contactEmail,
    language: opts.lang,
    bytesUsed: Buffer.byteLength(input.summary) + Buffer.byteLength(input.dataDetail ?? ''),
    createdAt: opts.now,
  });
  const source: IncidentSource = anonymous ? 'external_anonymous' : 'external_named';
  const actor = externalActor(
    reporter,
    anonymous ? 'Extern, anoniem' : `Extern: ${contactLine(contact) ?? ''}`,
  );
  const ctx: ActionContext = { user: actor, origin: { via: 'web' }, now: opts.now };
  const categories = input.dataCategories;
  const report: ReportInput = {
    summary: input.summary,
    incidentCause: 'other',
    incidentNature: [],
    breachTypes: [],
    occurredFrom: input.occurredAt,
    occurredTo: undefined,
    ongoing: false,
    occurrenceUnknown: !input.occurredAt,
    // The organisation's first signal is this report (domain.md §3: a tip from an individual).
    discoveredAt: opts.now,
    discoveryChannel: CHANNEL_OF[input.reporterKind || 'public'],
    personalDataInvolved: categories.some((c) => c !== 'unknown') ? 'yes' : 'unknown',
    dataCategories: categories.length ? categories : ['unknown'],
    dataDetail: input.dataDetail,
    subjectCategories: input.subjectCategories.length ? input.subjectCategories : ['unknown'],
    subjectsCountMin: input.subjectsCount,
    subjectsCountMax: undefined,
    recordsCount: undefined,
    vulnerableSubjects: input.subjectCategories.includes('minors') ? 'yes' : 'unknown',
    dataLeftOrganisation: 'unknown',
    recipients: undefined,
    recipientTrusted: 'unknown',
    deletionConfirmed: 'unknown',
    dataRetrieved: 'unknown',
    confidentialityScope: 'unknown',
    integrityImpact: 'not_applicable',
    availabilityImpact: 'not_applicable',
    unavailableHours: undefined,
    backupAvailable: 'unknown',
    malicious: 'unknown',
    unintelligibility: 'unknown',
    systemsInvolved: undefined,
    processorInvolved: 'unknown',
    processorName: undefined,
    processorNotifiedAt: undefined,
    otherEeaCountries: undefined,
    reportedTo: [],
    reportedToOther: undefined,
    measuresTaken: '',
  };
  const filed = await submitReport(report, ctx, { baseUrl: opts.baseUrl, source });
  await ExternalReporter.updateOne(
    { _id: reporter._id },
    { $set: { incidentId: new Types.ObjectId(filed.id) } },
  );
  return {
    reference: filed.reference,
    receiptCode,
    passphrase,
    incidentId: filed.id,
    reporterId: reporter._id,
    actor,
  };
}

/** The external reporter signed in on this session, with their incident; NotFound when gone. */
export async function loadExternalSession(
  reporterId: unknown,
  now: Date,
): Promise<{ reporter: ExternalReporterDoc; incident: IncidentDoc; ctx: ActionContext }> {
  if (typeof reporterId !== 'string' || !Types.ObjectId.isValid(reporterId)) throw new NotFoundError();
  const reporter = await ExternalReporter.findById(reporterId).lean<ExternalReporterDoc>();
  if (!reporter) throw new NotFoundError();
  const actor = externalActor(reporter, 'extern');
  const incident = await Incident.findOne({ reporterId: actor.id }).lean<IncidentDoc>();
  if (!incident) throw new NotFoundError();
  return { reporter, incident, ctx: { user: actor, origin: { via: 'web' }, now } };
}

/**
 * Checks a receipt code and passphrase; returns the external reporter's id. Limited per code and
 * overall (no address is counted); a wrong pair is one answer whether the code exists or not.
 */
export async function signInWithCode(
  code: string,
  passphrase: string,
  opts: { secret: string; now: Date },
): Promise<string> {
  const normal = normaliseReceiptCode(code);
  const lookup = receiptCodeLookup(opts.secret, normal ?? code);
  await attempts.sweep(opts.now);
  const ticket = await attempts.take(
    [
      { key: 'signin:all', max: INTAKE_LIMITS.signInsPerWindow },
      { key: `signin:${lookup}`, max: INTAKE_LIMITS.signInsPerCode },
    ],
    opts.now,
  );
  if (!ticket.allowed) throw new TooManyRequestsError('intake.error.tooManySignIns');
  const reporter = normal
    ? await ExternalReporter.findOne({ codeLookup: lookup }).lean<ExternalReporterDoc>()
    : null;
  // The same work for an unknown code, so timing does not tell whether it exists.
  const ok = reporter
    ? await verifyPassphrase(reporter.passphraseHash, passphrase)
    : (await verifyPassphrase(await dummyPasswordHash(), passphrase), false);
  const incident = reporter
    ? await Incident.findOne(
        { reporterId: `${EXTERNAL_REPORTER_PREFIX}${String(reporter._id)}` },
        { reference: 1 },
      ).lean<IncidentDoc>()
    : null;
  if (incident)
    await recordAudit(
      {
        actor: { kind: 'anonymous' },
        origin: { via: 'web' },
        action: 'intake.signin',
        object: incidentObject(incident),
        result: ok ? 'success' : 'denied',
      },
      opts.now,
    );
  if (!reporter || !ok || !incident)
    throw new ValidationError({ receiptCode: 'field.intake.signInFailed' }, 'intake.error.signInFailed');
  await ticket.forget([`signin:${lookup}`]);
  return String(reporter._id);
}

/** A message as the pages show it. */
export interface MessageView {
  from: 'officer' | 'reporter';
  authorName: string | undefined;
  text: string;
  at: Date;
  /** A reporter's message no privacy officer has seen yet. */
  unread: boolean;
}

const messageView = (m: ExternalMessageDoc): MessageView => ({
  from: m.from === 'officer' ? 'officer' : 'reporter',
  authorName: m.authorName ?? undefined,
  text: m.text,
  at: m.at,
  unread: m.from === 'reporter' && !m.readAt,
});

async function messagesOf(incidentId: Types.ObjectId): Promise<MessageView[]> {
  const rows = await ExternalMessage.find({ incidentId }).lean<ExternalMessageDoc[]>();
  return rows
    .sort((a, b) => a.at.getTime() - b.at.getTime() || String(a._id).localeCompare(String(b._id)))
    .map(messageView);
}

/** What the reporter sees: the reference, the status, the messages and their own files — nothing else. */
export async function reporterStatus(reporterId: unknown, now: Date) {
  const { reporter, incident, ctx } = await loadExternalSession(reporterId, now);
  await recordAudit(
    {
      actor: auditActor(ctx.user),
      origin: ctx.origin,
      action: 'incident.view',
      object: incidentObject(incident),
      details: { page: 'external-status' },
    },
    now,
  );
  return { reporter, incident, messages: await messagesOf(incident._id), ctx };
}

/** Counts bytes against the code's budget; ConflictError when it would go over. */
export async function spendBudget(
  reporterId: Types.ObjectId,
  bytes: number,
  maxFileBytes: number,
): Promise<void> {
  const r = await ExternalReporter.updateOne(
    { _id: reporterId, bytesUsed: { $lte: byteBudget(maxFileBytes) - bytes } },
    { $inc: { bytesUsed: bytes } },
  );
  if (r.modifiedCount !== 1) throw new ConflictError('INTAKE_BUDGET', 'intake.error.budget');
}

/** The bytes this code may still send. */
export function budgetLeft(reporter: Pick<ExternalReporterDoc, 'bytesUsed'>, maxFileBytes: number): number {
  return Math.max(0, byteBudget(maxFileBytes) - (reporter.bytesUsed ?? 0));
}

/**
 * Tells the active privacy officers that the reporter of an external report wrote or added a file
 * (issue 15): one mail per language (split by the outbox's recipient limit), with only the
 * reference and a link to the incident page — never the content. Audited with the number of
 * recipients; `key` makes the mail once-only per message or file.
 */
export async function alertOfficers(
  incident: Pick<IncidentDoc, '_id' | 'reference'>,
  about: { kind: 'message' | 'file'; id: string },
  ctx: ActionContext,
  baseUrl: string,
): Promise<number> {
  const id = String(incident._id);
  const officers = await activeUsersWithRole('privacy_officer');
  let recipients = 0;
  for (const lang of ['nl', 'en'] as const) {
    const to = officers.filter((o) => o.language === lang).map((o) => o.email);
    for (let i = 0; i < to.length; i += MAX_RECIPIENTS) {
      await enqueueMail(
        {
          key: `intake-reporter-${about.kind}:${about.id}:${lang}:${i / MAX_RECIPIENTS}`,
          template: 'intake-reporter-message',
          lang,
          to: to.slice(i, i + MAX_RECIPIENTS),
          data: {
            reference: incident.reference,
            link: `${baseUrl}/incidents/${id}#external`,
            file: about.kind === 'file',
          },
          incidentId: id,
        },
        ctx.now,
      );
    }
    recipients += to.length;
  }
  await auditAction(ctx, {
    action: 'intake.alert',
    object: incidentObject(incident),
    details: {
      about: about.kind,
      [about.kind === 'file' ? 'attachmentId' : 'messageId']: about.id,
      recipients,
    },
  });
  return recipients;
}

/** A message from the external reporter (an answer or more information); the officers are told of it. */
export async function addReporterMessage(
  reporterId: unknown,
  text: string,
  now: Date,
  opts: { maxFileBytes: number; baseUrl: string },
): Promise<void> {
  const { reporter, incident, ctx } = await loadExternalSession(reporterId, now);
  if (incident.status === 'closed') throw new ConflictError('INCIDENT_CLOSED', 'incidents.error.closed');
  if (
    (await ExternalMessage.countDocuments({ incidentId: incident._id, from: 'reporter' })) >=
    INTAKE_LIMITS.maxMessages
  )
    throw new ConflictError('INTAKE_BUDGET', 'intake.error.budget');
  await spendBudget(reporter._id, Buffer.byteLength(text), opts.maxFileBytes);
  const msg = await ExternalMessage.create({ incidentId: incident._id, from: 'reporter', text, at: now });
  await recordAudit(
    {
      actor: auditActor(ctx.user),
      origin: ctx.origin,
      action: 'intake.message',
      object: incidentObject(incident),
      details: { messageId: String(msg._id), from: 'reporter', length: text.length },
    },
    now,
  );
  await alertOfficers(incident, { kind: 'message', id: String(msg._id) }, ctx, opts.baseUrl);
}

/**
 * The external side of an incident, for the privacy officer's incident page; undefined for an
 * employee's report. With `seenBy`, the reporter's unread messages are shown as new this once and
 * then marked read (audited); the officer's own view of the page is audited by the page itself.
 */
export async function externalPanel(
  incident: Pick<IncidentDoc, '_id' | 'reporterId' | 'reference'>,
  seenBy?: ActionContext,
) {
  if (!incident.reporterId.startsWith(EXTERNAL_REPORTER_PREFIX)) return undefined;
  const id = incident.reporterId.slice(EXTERNAL_REPORTER_PREFIX.length);
  const reporter = Types.ObjectId.isValid(id)
    ? await ExternalReporter.findById(id).lean<ExternalReporterDoc>()
    : null;
  if (!reporter) return undefined;
  const messages = await messagesOf(incident._id);
  const unread = messages.filter((m) => m.unread).length;
  if (seenBy && unread > 0 && seenBy.user.role === 'privacy_officer') {
    const marked = await ExternalMessage.updateMany(
      { incidentId: incident._id, from: 'reporter', readAt: { $exists: false } },
      { $set: { readAt: seenBy.now } },
    );
    await recordAudit(
      {
        actor: auditActor(seenBy.user),
        origin: seenBy.origin,
        action: 'intake.read',
        object: incidentObject(incident),
        details: { messages: marked.modifiedCount },
      },
      seenBy.now,
    );
  }
  return {
    anonymous: reporter.anonymous,
    contact: contactLine(reporter),
    notify: reporter.notify,
    spam: reporter.spam,
    unread,
    messages,
  };
}

/** Reports from the public page with reporter messages no privacy officer has seen yet, oldest first. */
export async function unreadReporterMessages(): Promise<
  { incidentId: string; reference: string; count: number; since: Date }[]
> {
  const rows = await ExternalMessage.find(
    { from: 'reporter', readAt: { $exists: false } },
    { incidentId: 1, at: 1 },
  )
    .limit(1000)
    .lean<Pick<ExternalMessageDoc, 'incidentId' | 'at'>[]>();
  const byIncident = new Map<string, { count: number; since: Date }>();
  for (const r of rows) {
    const key = String(r.incidentId);
    const seen = byIncident.get(key);
    if (!seen) byIncident.set(key, { count: 1, since: r.at });
    else {
      seen.count++;
      if (r.at < seen.since) seen.since = r.at;
    }
  }
  if (!byIncident.size) return [];
  // The references from the in-memory incident index: on the embedded database a query by a list
  // of ids reads the whole incidents collection, and this runs on every dashboard request.
  const index = await incidentIndex();
  return [...byIncident]
    .flatMap(([incidentId, unread]) => {
      const reference = index.get(incidentId)?.reference;
      return reference ? [{ incidentId, reference, ...unread }] : [];
    })
    .sort((a, b) => a.since.getTime() - b.since.getTime());
}

async function officerIncident(incidentId: unknown, ctx: ActionContext, action: string) {
  assertRole(ctx.user, 'privacy_officer');
  const incident = await findReadableIncident(incidentId, ctx, action);
  if (!incident.reporterId.startsWith(EXTERNAL_REPORTER_PREFIX)) throw new NotFoundError();
  const reporter = await ExternalReporter.findById(
    incident.reporterId.slice(EXTERNAL_REPORTER_PREFIX.length),
  ).lean<ExternalReporterDoc>();
  if (!reporter) throw new NotFoundError();
  return { incident, reporter };
}

/** The privacy officer writes to the external reporter; a mail without content follows if asked for. */
export async function sendOfficerMessage(
  incidentId: unknown,
  text: string,
  ctx: ActionContext,
  baseUrl: string,
): Promise<void> {
  const { incident, reporter } = await officerIncident(incidentId, ctx, 'intake.message');
  const msg = await ExternalMessage.create({
    incidentId: incident._id,
    from: 'officer',
    authorName: ctx.user.name,
    text,
    at: ctx.now,
  });
  let mailed = false;
  if (reporter.notify && reporter.contactEmail) {
    await enqueueMail(
      {
        key: `intake-message:${String(msg._id)}`,
        template: 'intake-message',
        lang: reporter.language === 'en' ? 'en' : 'nl',
        to: [reporter.contactEmail],
        data: { link: `${baseUrl}/melden/status` },
        incidentId: String(incident._id),
      },
      ctx.now,
    );
    mailed = true;
  }
  await auditAction(ctx, {
    action: 'intake.message',
    object: incidentObject(incident),
    details: { messageId: String(msg._id), from: 'officer', length: text.length, mailed },
  });
}

/** Marks (or unmarks) a report from the public page as spam; it stays in the register, to be archived by its status. */
export async function markSpam(incidentId: unknown, spam: boolean, ctx: ActionContext): Promise<void> {
  const { incident, reporter } = await officerIncident(incidentId, ctx, 'intake.spam');
  await ExternalReporter.updateOne(
    { _id: reporter._id },
    spam
      ? { $set: { spam: true, spamMarkedAt: ctx.now } }
      : { $set: { spam: false }, $unset: { spamMarkedAt: 1 } },
  );
  await auditAction(ctx, {
    action: 'intake.spam',
    object: incidentObject(incident),
    details: { spam },
  });
}
