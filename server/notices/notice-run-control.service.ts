// Four-eyes approval and the controls of a notice run (issue 7 items 3–4): approval by a privacy
// officer who did not write the notice pins the exact template versions and texts; an unapproved
// run cannot start, and a run whose pinned template or texts changed cannot start or resume.
import type { Types } from 'mongoose';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { NoticeRunText, type NoticeRunTextDoc } from '../../models/notice-run-text.model.js';

import { type ActionContext } from '../context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { noticeRun, runObject } from './notice-access.js';
import { latestTemplates } from './notice-templates.service.js';
import {
  currentVersions,
  latestRunText,
  textsComplete,
  textsHavePlaceholders,
  TEXT_FIELDS,
  type LangTexts,
} from './run-content.js';
import {
  auditConfirmedFlags,
  checkContextFor,
  checkTexts,
  confirmationError,
  type FlagConfirmation,
  type OutgoingCheck,
  type OutgoingGate,
} from '../privacy/outgoing-check.js';
import { appendRunEvent, runSnapshot } from './run-events.js';
import {
  approvalRefusal,
  pinsProblem,
  type ApprovalPins,
  type RunSnapshot,
  type SendSettings,
} from './run-state.js';
import { auditAction } from '../audit/audit-action.js';

function actor(ctx: ActionContext) {
  return { id: ctx.user.id, name: ctx.user.name };
}

async function audit(
  ctx: ActionContext,
  run: Parameters<typeof runObject>[0],
  action: string,
  details: Record<string, unknown> = {},
  result: 'success' | 'denied' = 'success',
) {
  await auditAction(ctx, {
    action,
    object: runObject(run),
    details,
    result,
  });
}

/**
 * A user's step on a run (start, pause, resume, cancel): the run's event, then the audit entry.
 * With send settings they are the event's details; without, the user is the reason.
 */
async function recordRunStep(
  run: Parameters<typeof runObject>[0] & { _id: Types.ObjectId },
  ctx: ActionContext,
  event: 'started' | 'paused' | 'resumed' | 'cancelled',
  action: string,
  settings?: SendSettings,
): Promise<RunSnapshot> {
  const next = await appendRunEvent(
    run._id,
    event,
    actor(ctx),
    ctx.now,
    settings ? { details: { settings } } : { reason: 'user' },
  );
  await audit(ctx, run, action, settings ? { settings } : {});
  return next;
}

/** Every text of the given languages, keyed `<lang>.<field>` as the run page names its fields. */
export function runTextFields(texts: readonly LangTexts[]): Record<string, string> {
  return Object.fromEntries(texts.flatMap((t) => TEXT_FIELDS.map((f) => [`${t.lang}.${f}`, t[f]] as const)));
}

/** Suspected personal data in a run's texts (issue 12, problem 5). */
export async function checkRunTexts(
  incidentId: Types.ObjectId,
  texts: readonly LangTexts[],
  gate: OutgoingGate,
  now: Date,
): Promise<OutgoingCheck> {
  return checkTexts(runTextFields(texts), await checkContextFor(incidentId, gate, now));
}

/**
 * Approves the run's current texts and templates (four-eyes: not by an author of the notice). The
 * approval is what lets the texts go out, so it is refused while a placeholder of the neutral draft
 * is left, and flagged personal data needs the approver's confirmation of exactly those flags.
 */
export async function approveRun(
  runId: unknown,
  ctx: ActionContext,
  gate: OutgoingGate,
  confirmation: FlagConfirmation = { confirmed: false },
): Promise<RunSnapshot> {
  const run = await noticeRun(runId, ctx);
  const snapshot = (await runSnapshot(run._id))!;
  if (snapshot.state !== 'draft') throw new ConflictError('NOTICE_RUN_STATE', 'notices.error.state');
  const texts = await NoticeRunText.find({ runId: run._id }).lean<NoticeRunTextDoc[]>();
  const text = (await latestRunText(run._id))!;
  const byLang = new Map(text.texts.map((t) => [t.lang, t as LangTexts]));
  const templates = await latestTemplates(ctx.now);
  const pinned = [...byLang.values()]
    .filter((t) => textsComplete(t) && templates.has(t.lang))
    .map((t) => templates.get(t.lang)!);
  const refusal = approvalRefusal(
    run,
    texts.map((t) => t.createdById),
    ctx.user.id,
    pinned.map((t) => t.createdById),
  );
  if (refusal) {
    await audit(ctx, run, 'notice.run.approve', { reason: refusal }, 'denied');
    throw new ConflictError(
      'NOTICE_FOUR_EYES',
      refusal === 'own-template' ? 'notices.error.fourEyesTemplate' : 'notices.error.fourEyes',
    );
  }
  // Dutch and English are the fallback for every other language: both must be complete.
  if (textsHavePlaceholders(byLang.get('nl')) || textsHavePlaceholders(byLang.get('en')))
    throw new ValidationError({ _form: 'notices.error.placeholders' });
  if (!textsComplete(byLang.get('nl')) || !textsComplete(byLang.get('en')))
    throw new ValidationError({ _form: 'notices.error.nlEnRequired' });
  const sent = [...byLang.values()].filter((t) => textsComplete(t) && templates.has(t.lang));
  const check = await checkRunTexts(run.incidentId, sent, gate, ctx.now);
  const flagError = confirmationError(check, confirmation);
  if (flagError) throw new ValidationError({ confirmPersonalData: flagError });
  const pins: ApprovalPins = {
    templates: [...byLang.values()]
      .filter((t) => textsComplete(t) && templates.has(t.lang))
      .map((t) => {
        const tpl = templates.get(t.lang)!;
        return { lang: t.lang, id: String(tpl._id), version: tpl.version, hash: tpl.hash };
      })
      .sort((a, b) => a.lang.localeCompare(b.lang)),
    textVersion: text.version,
    textHash: text.hash,
    personalData: check.fingerprint,
  };
  const next = await appendRunEvent(run._id, 'approved', actor(ctx), ctx.now, { details: { pins } });
  await audit(ctx, run, 'notice.run.approve', { pins, personalDataFlags: check.count });
  await auditConfirmedFlags(check, 'notice.run', runObject(run), ctx);
  return next;
}

/** The flags in the approved texts now, when they differ from what the approver confirmed. */
async function personalDataProblem(
  run: { _id: Types.ObjectId; incidentId: Types.ObjectId },
  pins: ApprovalPins,
  gate: OutgoingGate,
  now: Date,
): Promise<'personal-data-changed' | null> {
  if (pins.personalData === undefined) return null;
  const text = await NoticeRunText.findOne({
    runId: run._id,
    version: pins.textVersion,
  }).lean<NoticeRunTextDoc>();
  const langs = new Set(pins.templates.map((p) => p.lang));
  const sent = ((text?.texts ?? []) as LangTexts[]).filter((t) => langs.has(t.lang));
  const check = await checkRunTexts(run.incidentId, sent, gate, now);
  return check.fingerprint === pins.personalData ? null : 'personal-data-changed';
}

/** Voids the approval if its pins no longer hold; throws 409 NOTICE_APPROVAL_VOID then. */
async function assertPinsHold(
  runId: Types.ObjectId,
  snapshot: RunSnapshot,
  ctx: ActionContext,
  run: Parameters<typeof runObject>[0] & { incidentId: Types.ObjectId },
  gate: OutgoingGate,
): Promise<void> {
  const pins = snapshot.approval?.pins;
  if (!pins) throw new ConflictError('NOTICE_NOT_APPROVED', 'notices.error.notApproved');
  const problem =
    pinsProblem(pins, await currentVersions(runId, pins, ctx.now)) ??
    (await personalDataProblem({ _id: runId, incidentId: run.incidentId }, pins, gate, ctx.now));
  if (!problem) return;
  await appendRunEvent(runId, 'approval_voided', actor(ctx), ctx.now, { reason: problem });
  await audit(ctx, run, 'notice.run.approval-voided', { reason: problem });
  throw new ConflictError('NOTICE_APPROVAL_VOID', `notices.error.${problem}`);
}

/** Starts sending an approved run (an unapproved run cannot start). */
export async function startRun(
  runId: unknown,
  settings: SendSettings,
  ctx: ActionContext,
  gate: OutgoingGate,
): Promise<RunSnapshot> {
  const run = await noticeRun(runId, ctx);
  const snapshot = (await runSnapshot(run._id))!;
  if (snapshot.state !== 'approved') {
    await audit(ctx, run, 'notice.run.start', { state: snapshot.state }, 'denied');
    throw new ConflictError('NOTICE_NOT_APPROVED', 'notices.error.notApproved');
  }
  await assertPinsHold(run._id, snapshot, ctx, run, gate);
  if (
    !snapshot.started &&
    !(await AffectedPerson.exists({ incidentId: run.incidentId, excludedAt: { $exists: false } }))
  ) {
    throw new ConflictError('NOTICE_NO_RECIPIENTS', 'notices.error.noRecipients');
  }
  return recordRunStep(run, ctx, 'started', 'notice.run.start', settings);
}

/** Pauses a sending run (workers stop after their current chunk). */
export async function pauseRun(runId: unknown, ctx: ActionContext): Promise<RunSnapshot> {
  const run = await noticeRun(runId, ctx);
  return recordRunStep(run, ctx, 'paused', 'notice.run.pause');
}

/** Resumes a paused run, with new settings; its approval must still hold. */
export async function resumeRun(
  runId: unknown,
  settings: SendSettings,
  ctx: ActionContext,
  gate: OutgoingGate,
): Promise<RunSnapshot> {
  const run = await noticeRun(runId, ctx);
  const snapshot = (await runSnapshot(run._id))!;
  if (snapshot.state !== 'paused') throw new ConflictError('NOTICE_RUN_STATE', 'notices.error.state');
  await assertPinsHold(run._id, snapshot, ctx, run, gate);
  return recordRunStep(run, ctx, 'resumed', 'notice.run.resume', settings);
}

/** Cancels a run: nothing more is sent; what was sent stays recorded. */
export async function cancelRun(runId: unknown, ctx: ActionContext): Promise<RunSnapshot> {
  const run = await noticeRun(runId, ctx);
  return recordRunStep(run, ctx, 'cancelled', 'notice.run.cancel');
}
