// Preparing and sending the notice to the ministry (domain.md §8.4, §10.6): when the configured
// trigger holds, the privacy officer reviews the prefilled texts, previews the templated Dutch
// notice and sends it; the request only records the notice and enqueues the mail — the worker
// sends it (architecture.md §1). Privacy officers only, checked here.
import { Types } from 'mongoose';
import { ministryNoticesOfIncident } from '../incidents/incident-children.js';
import { MinistryNotice, type MinistryNoticeDoc } from '../../models/ministry-notice.model.js';
import { noticeHeads, type NoticeHead } from './notice-heads.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { administratorEmails } from '../settings/settings.service.js';
import { enqueueMail } from '../../notifications/outbox.js';
import { renderMail, type RenderedMail } from '../../notifications/templates.js';

import { requireRoleAudited } from '../audit/audited-role.js';
import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.js';
import { isLate } from '../duties/late-filing.js';
import { loadIncidentFacts, toObjectId, type IncidentFacts } from '../authority/incident-facts.js';
import type { FactOrigin } from '../facts/effective-facts.js';
import { recordIncidentStep } from '../authority/incident-progress.js';
import {
  buildNoticeContent,
  neutralNoticeTexts,
  type MinistryNoticeContent,
} from './ministry-notice-content.js';
import {
  auditConfirmedFlags,
  checkContextFor,
  checkTexts,
  confirmationError,
  flagsView,
  gateOf,
  type OutgoingCheck,
} from '../privacy/outgoing-check.js';
import { hasPlaceholder } from '../privacy/placeholders.js';
import { ministryNoticeDue, type MinistryTriggerReason } from './ministry-trigger.js';
import type { NoticeFormInput } from './ministry.schema.js';
import { auditAction } from '../audit/audit-action.js';

/** A sent notice as the officer's pages show it. */
export interface NoticeStatusView extends NoticeHead {
  sentByName: string;
  recipients: string[];
  late: boolean;
  /** Delivery state of the mail (outbox status), or "missing" if not queued. */
  delivery: string;
}

/** Everything the notice page shows. */
export interface NoticePreparation {
  incident: { id: string; reference: string };
  due: boolean;
  reason: MinistryTriggerReason;
  recipients: readonly string[];
  deadline: Date | null;
  /** The first notice would be after the contract deadline: a delay reason is required. */
  late: boolean;
  nextKind: 'initial' | 'followup';
  notices: NoticeStatusView[];
  values: { summary: string; measures: string; delayReason: string };
  preview: RenderedMail | null;
  /** Suspected personal data in the texts, shown beside each field (issue 12, problem 5). */
  check: OutgoingCheck;
  flags: ReturnType<typeof flagsView>;
  /** Without ministry addresses: the administrators who can set them (issue 12, problem 6). */
  adminEmails: string[];
  /** The counts in the notice that the officer corrected, with their origin (issue 12: one set of facts). */
  countOrigins: { labelKey: string; origin: FactOrigin }[];
}

async function assertOfficer(ctx: ActionContext, object: { type: string; id?: string }): Promise<void> {
  await requireRoleAudited(ctx, ['privacy_officer'], { action: 'ministry.access', object });
}

/** The notices of an incident with delivery and acknowledgement (privacy officers only). */
export async function noticesForIncident(
  incidentId: string,
  ctx: ActionContext,
): Promise<NoticeStatusView[]> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  return noticeViews(
    (await ministryNoticesOfIncident.find<MinistryNoticeDoc>(toObjectId(incidentId))).sort(
      (a, b) => a.version - b.version,
    ),
  );
}

async function noticeViews(notices: MinistryNoticeDoc[]): Promise<NoticeStatusView[]> {
  if (!notices.length) return [];
  const [heads, mails] = await Promise.all([
    noticeHeads(notices),
    OutboxMessage.find({ key: { $in: notices.map((x) => x.outboxKey) } })
      .select({ key: 1, status: 1 })
      .lean(),
  ]);
  return notices.map((x, i) => ({
    ...heads[i]!,
    sentByName: x.sentByName,
    recipients: x.recipients,
    late: x.late,
    delivery: mails.find((m) => m.key === x.outboxKey)?.status ?? 'missing',
  }));
}

function contentFor(
  facts: IncidentFacts,
  config: Config,
  values: { summary: string; measures: string },
  followUp: boolean,
  link: string,
): MinistryNoticeContent {
  const initial = facts.filings[0];
  return buildNoticeContent({
    reference: facts.incident.reference,
    followUp,
    organisation: config.organisation,
    riskLevel: facts.assessment?.riskLevel ?? null,
    discoveredAt: facts.incident.discoveredAt,
    subjectsCountMin: facts.incident.subjectsCountMin,
    subjectsCountMax: facts.incident.subjectsCountMax,
    recordsCount: facts.incident.recordsCount,
    apFiling: initial
      ? {
          apReference: initial.apReference ?? null,
          submittedAt: initial.submittedAt,
          withdrawn: facts.filings.at(-1)?.kind === 'withdrawal',
        }
      : null,
    summary: values.summary,
    measures: values.measures,
    link,
  });
}

async function noticeState(incidentId: string, config: Config, ctx: ActionContext) {
  const facts = await loadIncidentFacts(toObjectId(incidentId));
  const notices = (await ministryNoticesOfIncident.find<MinistryNoticeDoc>(facts.incident._id)).sort(
    (a, b) => a.version - b.version,
  );
  const trigger = ministryNoticeDue({
    trigger: config.ministry.noticeTrigger,
    role: config.organisation.role,
    filed: facts.filings.some((f) => f.kind === 'initial'),
    duties: facts.assessment?.duties ?? null,
    noticeSent: notices.length > 0,
  });
  const deadline = facts.assessment?.deadlines?.ministry ?? null;
  // Follow-ups have no clock of their own; only the first notice can be late (domain.md §10.5).
  const late = !notices.length && isLate(deadline, ctx.now);
  return { facts, notices, trigger, deadline, late };
}

/** The notice page: trigger, deadline, earlier notices and a preview of the texts (audit: ministry.notice.preview). */
export async function prepareMinistryNotice(
  incidentId: string,
  input: Pick<NoticeFormInput, 'summary' | 'measures' | 'delayReason'> | undefined,
  config: Config,
  ctx: ActionContext,
): Promise<NoticePreparation> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const { facts, notices, trigger, deadline, late } = await noticeState(incidentId, config, ctx);
  // A first notice starts from neutral texts, a follow-up from what the officer sent last time;
  // never from the reporter's own summary or measures (issue 12, problem 5; domain.md §8.4).
  const sent = notices.at(-1)?.content as MinistryNoticeContent | undefined;
  const start = sent
    ? { summary: sent.summary, measures: sent.measures }
    : neutralNoticeTexts(facts.incident.discoveredAt);
  const values = {
    summary: input?.summary ?? start.summary,
    measures: input?.measures ?? start.measures,
    delayReason: input?.delayReason ?? '',
  };
  const check = checkTexts(
    { summary: values.summary, measures: values.measures },
    await checkContextFor(facts.incident._id, gateOf(config), ctx.now),
  );
  let preview: RenderedMail | null = null;
  if (values.summary.trim() && values.measures.trim()) {
    preview = renderMail(
      'ministry-notice',
      'nl',
      contentFor(facts, config, values, notices.length > 0, `${config.baseUrl}/ministry/notices/preview`),
    );
  }
  await auditAction(ctx, {
    action: 'ministry.notice.preview',
    object: { type: 'incident', id: String(facts.incident._id), ref: facts.incident.reference },
  });
  return {
    incident: { id: String(facts.incident._id), reference: facts.incident.reference },
    due: trigger.due,
    reason: trigger.reason,
    recipients: config.mail.ministryEmails,
    deadline,
    late,
    nextKind: notices.length ? 'followup' : 'initial',
    notices: await noticeViews(notices),
    values,
    preview,
    check,
    flags: flagsView(check),
    adminEmails: config.mail.ministryEmails.length ? [] : await administratorEmails(),
    countOrigins: ['subjectsCountMin', 'subjectsCountMax', 'recordsCount']
      .map((name) => ({ labelKey: `incidents.field.${name}`, origin: facts.facts.origins[name]! }))
      .filter((c) => c.origin.by === 'officer'),
  };
}

/** Records the notice and enqueues its mail to the ministry addresses (audit: ministry.notice.send). */
export async function sendMinistryNotice(
  incidentId: string,
  input: NoticeFormInput,
  config: Config,
  ctx: ActionContext,
): Promise<{ id: string; version: number }> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const { facts, notices, trigger, deadline, late } = await noticeState(incidentId, config, ctx);
  if (!trigger.due) throw new ConflictError('MINISTRY_NOT_DUE', 'ministry.error.notDue');
  const recipients = [...config.mail.ministryEmails];
  if (!recipients.length) throw new ConflictError('MINISTRY_NO_RECIPIENTS', 'ministry.error.noRecipients');
  const fields: FieldErrors = {};
  if (hasPlaceholder(input.summary)) fields.summary = 'field.placeholderLeft';
  if (hasPlaceholder(input.measures)) fields.measures = 'field.placeholderLeft';
  const check = checkTexts(
    { summary: input.summary, measures: input.measures },
    await checkContextFor(facts.incident._id, gateOf(config), ctx.now),
  );
  const flagError = confirmationError(check, {
    confirmed: !!input.confirmPersonalData,
    fingerprint: input.personalDataFingerprint,
  });
  if (flagError) fields.confirmPersonalData = flagError;
  if (!input.confirmNoPersonalData) fields.confirmNoPersonalData = 'field.ministryConfirm';
  if (late && !input.delayReason) fields.delayReason = 'duties.delayReasonRequired';
  if (Object.keys(fields).length) throw new ValidationError(fields);

  const id = new Types.ObjectId();
  const followUp = notices.length > 0;
  const version = (notices.at(-1)?.version ?? 0) + 1;
  const content = contentFor(
    facts,
    config,
    input,
    followUp,
    `${config.baseUrl}/ministry/notices/${String(id)}`,
  );
  const { subject } = renderMail('ministry-notice', 'nl', content);
  const outboxKey = `ministry-notice:${String(id)}`;
  try {
    await MinistryNotice.create({
      _id: id,
      incidentId: facts.incident._id,
      version,
      kind: followUp ? 'followup' : 'initial',
      reference: facts.incident.reference,
      content,
      subject,
      recipients,
      outboxKey,
      sentAt: ctx.now,
      sentById: ctx.user.id,
      sentByName: ctx.user.name,
      deadline: deadline ?? undefined,
      late,
      delayReason: late ? input.delayReason : undefined,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ConflictError('NOTICE_CONFLICT', 'ministry.error.concurrent');
    throw err;
  }
  await enqueueMail(
    {
      key: outboxKey,
      template: 'ministry-notice',
      lang: 'nl',
      to: recipients,
      data: content,
      kind: 'ministry-notice',
      incidentId: facts.incident._id,
    },
    ctx.now,
  );
  if (!followUp) {
    await DutyFulfilment.create({
      incidentId: facts.incident._id,
      duty: 'ministry',
      outcome: 'fulfilled',
      at: ctx.now,
      recordedAt: ctx.now,
      byId: ctx.user.id,
      byName: ctx.user.name,
      ref: String(id),
      late,
      delayReason: late ? input.delayReason : undefined,
    });
  }
  await recordIncidentStep(
    facts.incident,
    { kind: 'ministry-notified', to: 'ministry_notified', data: { version, noticeId: String(id) } },
    ctx,
  );
  await auditAction(ctx, {
    action: 'ministry.notice.send',
    object: { type: 'incident', id: String(facts.incident._id), ref: facts.incident.reference },
    details: {
      noticeId: String(id),
      version,
      recipients: recipients.length,
      outboxKey,
      late,
      personalDataFlags: check.count,
    },
  });
  await auditConfirmedFlags(
    check,
    'ministry.notice',
    { type: 'incident', id: String(facts.incident._id), ref: facts.incident.reference },
    ctx,
  );
  return { id: String(id), version };
}
