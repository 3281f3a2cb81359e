// Public communication instead of individual notices (GDPR Art. 34(3)(c), domain.md §4): when
// informing everyone individually would take disproportionate effort, the text is generated from
// the same templates and texts as the notice (without a personal salutation), and where and when
// it was published is recorded — which fulfils the `public` duty.
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { NoticePublication, type NoticePublicationDoc } from '../../models/notice-publication.model.js';

import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { noticeRun, runObject } from './notice-access.js';
import { latestTemplates } from './notice-templates.service.js';
import { compileNotice } from './notice-render.js';
import {
  latestRunText,
  noticeData,
  noticeIncidentFacts,
  textsComplete,
  type LangTexts,
} from './run-content.js';
import { renderNotice } from './notice-render.js';
import { checkRunTexts } from './notice-run-control.service.js';
import { ValidationError } from '../errors.js';
import {
  auditConfirmedFlags,
  confirmationError,
  type FlagConfirmation,
  type OutgoingCheck,
  type OutgoingGate,
} from '../privacy/outgoing-check.js';
import { auditAction } from '../audit/audit-action.js';

/** The public text in one language. */
export interface PublicText {
  lang: string;
  templateVersion: number;
  subject: string;
  body: string;
}

/** Generates the public communication in every language with a template and complete texts. */
export async function publicNoticeTexts(
  runId: unknown,
  ctx: ActionContext,
  org: Config['organisation'],
  gate: OutgoingGate,
): Promise<{
  texts: PublicText[];
  textVersion: number;
  publications: NoticePublicationDoc[];
  check: OutgoingCheck;
}> {
  const run = await noticeRun(runId, ctx);
  const text = (await latestRunText(run._id))!;
  const templates = await latestTemplates(ctx.now);
  const used = (text.texts as LangTexts[]).filter((t) => textsComplete(t) && templates.has(t.lang));
  // What goes public is checked for personal data like every other outgoing text (issue 12, problem 5).
  const check = await checkRunTexts(run.incidentId, used, gate, ctx.now);
  const incident = await noticeIncidentFacts(run.incidentId);
  const texts = used
    .map((t) => {
      const tpl = templates.get(t.lang)!;
      // No recipient name: the templates greet the reader generally when it is empty.
      const r = renderNotice(
        compileNotice(tpl),
        noticeData({ reference: run.incidentReference, incident, org, sentOn: ctx.now }, t, ''),
      );
      return { lang: t.lang, templateVersion: tpl.version, subject: r.subject, body: r.text };
    })
    .sort((a, b) => (a.lang === 'nl' ? -1 : b.lang === 'nl' ? 1 : a.lang.localeCompare(b.lang)));
  const publications = (await NoticePublication.find({ runId: run._id }).lean<NoticePublicationDoc[]>()).sort(
    (a, b) => b.recordedAt.getTime() - a.recordedAt.getTime(),
  );
  return { texts, textVersion: text.version, publications, check };
}

/** Records where and when the public communication was published, with the exact text. */
export async function recordPublication(
  runId: unknown,
  input: { where: string; publishedAt: Date },
  ctx: ActionContext,
  org: Config['organisation'],
  gate: OutgoingGate,
  confirmation: FlagConfirmation = { confirmed: false },
): Promise<NoticePublicationDoc> {
  const run = await noticeRun(runId, ctx);
  const { texts, textVersion, check } = await publicNoticeTexts(runId, ctx, org, gate);
  const flagError = confirmationError(check, confirmation);
  if (flagError) throw new ValidationError({ confirmPersonalData: flagError });
  const doc = await NoticePublication.create({
    incidentId: run.incidentId,
    runId: run._id,
    textVersion,
    texts,
    where: input.where,
    publishedAt: input.publishedAt,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
  });
  await DutyFulfilment.create({
    incidentId: run.incidentId,
    duty: 'public',
    outcome: 'fulfilled',
    at: input.publishedAt,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
    ref: String(doc._id),
    note: input.where.slice(0, 5000),
  });
  await auditAction(ctx, {
    action: 'notice.public.record',
    object: runObject(run),
    details: {
      publicationId: String(doc._id),
      languages: texts.map((t) => t.lang),
      publishedAt: input.publishedAt.toISOString(),
      personalDataFlags: check.count,
    },
  });
  await auditConfirmedFlags(check, 'notice.public', runObject(run), ctx);
  return doc.toObject<NoticePublicationDoc>();
}
