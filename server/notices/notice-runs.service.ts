// Notice runs (issue 7 items 3–4): creating a run with draft texts, editing its texts (a new
// version each time; an edit voids an approval), and reading a run with its state.
import { createHash } from 'node:crypto';
import {
  assessmentsOfIncident,
  latestVersion,
  noticeRunsOfIncident,
} from '../incidents/incident-children.js';
import type { Types } from 'mongoose';
import type { AssessmentDoc } from '../../models/assessment.model.js';
import { NoticeRun, type NoticeRunDoc } from '../../models/notice-run.model.js';
import { NoticeRunText, type NoticeRunTextDoc } from '../../models/notice-run-text.model.js';

import { type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError } from '../errors.js';
import { noticeIncident, noticeRun, runObject } from './notice-access.js';
import { defaultTexts } from './notice-defaults.js';
import { currentVersions, latestRunText, TEXT_FIELDS, type LangTexts } from './run-content.js';
import { appendRunEvent, runSnapshot, tryAppendRunEvent } from './run-events.js';
import { pinsProblem, type RunSnapshot } from './run-state.js';
import { auditAction } from '../audit/audit-action.js';

/** sha256 of a run's texts (languages in order): what an approval pins. */
export function textsHash(texts: readonly LangTexts[]): string {
  const norm = [...texts]
    .sort((a, b) => a.lang.localeCompare(b.lang))
    .map((t) => [t.lang, ...TEXT_FIELDS.map((f) => t[f])]);
  return createHash('sha256').update(JSON.stringify(norm)).digest('hex');
}

async function insertTextVersion(
  runId: Types.ObjectId,
  texts: LangTexts[],
  ctx: ActionContext,
): Promise<NoticeRunTextDoc> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const top = (await latestRunText(runId))?.version ?? 0;
    try {
      const doc = await NoticeRunText.create({
        runId,
        version: top + 1,
        texts,
        hash: textsHash(texts),
        createdAt: ctx.now,
        createdById: ctx.user.id,
        createdByName: ctx.user.name,
      });
      return doc.toObject<NoticeRunTextDoc>();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new ConflictError('NOTICE_BUSY', 'notices.error.busy');
}

/** Creates a run for an incident, with draft texts from the incident and its latest assessment. */
export async function createRun(incidentId: unknown, ctx: ActionContext): Promise<NoticeRunDoc> {
  const incident = await noticeIncident(incidentId, ctx);
  const assessments = await assessmentsOfIncident.find<AssessmentDoc>(incident._id);
  const latest = latestVersion(assessments);
  const consequences = ((latest?.input as { consequences?: string[] } | undefined)?.consequences ?? []).map(
    String,
  );
  let run: NoticeRunDoc | null = null;
  for (let attempt = 0; attempt < 50 && !run; attempt++) {
    const top = (
      attempt === 0
        ? await noticeRunsOfIncident.find<NoticeRunDoc>(incident._id, { number: 1 })
        : await NoticeRun.find({ incidentId: incident._id }).select({ number: 1 }).lean<NoticeRunDoc[]>()
    ).reduce((m, r) => Math.max(m, r.number), 0);
    try {
      run = (
        await NoticeRun.create({
          incidentId: incident._id,
          incidentReference: incident.reference,
          number: top + 1,
          createdAt: ctx.now,
          createdById: ctx.user.id,
          createdByName: ctx.user.name,
        })
      ).toObject<NoticeRunDoc>();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  if (!run) throw new ConflictError('NOTICE_BUSY', 'notices.error.busy');
  await tryAppendRunEvent(run._id, 'created', { id: ctx.user.id, name: ctx.user.name }, ctx.now);
  await insertTextVersion(run._id, defaultTexts(incident, consequences), ctx);
  await auditAction(ctx, {
    action: 'notice.run.create',
    object: runObject(run),
    details: { incidentId: String(incident._id) },
  });
  return run;
}

/** A run as its page shows it. */
export interface RunView {
  run: NoticeRunDoc;
  snapshot: RunSnapshot;
  text: NoticeRunTextDoc;
  /** Everyone who wrote a version of the texts (four-eyes: none of them may approve). */
  textAuthorIds: string[];
  /** Why the current approval no longer holds (then it is voided on the next start or resume). */
  approvalProblem: string | null;
}

/** Reads a run with its state and latest texts. */
export async function readRun(runId: unknown, ctx: ActionContext): Promise<RunView> {
  const run = await noticeRun(runId, ctx);
  const snapshot = (await runSnapshot(run._id))!;
  const texts = await NoticeRunText.find({ runId: run._id }).lean<NoticeRunTextDoc[]>();
  const text = texts.reduce((m, t) => (t.version > m.version ? t : m));
  const pins = snapshot.approval?.pins ?? null;
  const approvalProblem = pins ? pinsProblem(pins, await currentVersions(run._id, pins, ctx.now)) : null;
  return {
    run,
    snapshot,
    text,
    textAuthorIds: [...new Set(texts.map((t) => t.createdById))],
    approvalProblem,
  };
}

/** Saves the run's texts as a new version; an existing approval is voided (issue 7 item 3). */
export async function saveRunTexts(
  runId: unknown,
  texts: LangTexts[],
  ctx: ActionContext,
): Promise<NoticeRunTextDoc> {
  const run = await noticeRun(runId, ctx);
  const snapshot = (await runSnapshot(run._id))!;
  // While sending, the texts in use must not move under the worker: pause first.
  if (!['draft', 'approved', 'paused'].includes(snapshot.state))
    throw new ConflictError('NOTICE_RUN_STATE', 'notices.error.textsLocked');
  const latest = (await latestRunText(run._id))!;
  if (latest.hash === textsHash(texts)) return latest;
  const doc = await insertTextVersion(run._id, texts, ctx);
  if (snapshot.approval)
    await appendRunEvent(run._id, 'approval_voided', { id: ctx.user.id, name: ctx.user.name }, ctx.now, {
      reason: 'texts-changed',
    });
  await auditAction(ctx, {
    action: 'notice.run.texts',
    object: runObject(run),
    details: {
      version: doc.version,
      hash: doc.hash,
      languages: texts.map((t) => t.lang),
      voidedApproval: !!snapshot.approval,
    },
  });
  return doc;
}

/** True while a run of the incident is sending or paused: its list of affected persons is then frozen. */
export async function incidentHasRunUnderWay(incidentId: Types.ObjectId): Promise<boolean> {
  const runs = await NoticeRun.find({ incidentId }).lean<NoticeRunDoc[]>();
  for (const r of runs) {
    const s = await runSnapshot(r._id);
    if (s && (s.state === 'sending' || s.state === 'paused')) return true;
  }
  return false;
}
