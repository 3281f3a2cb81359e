// Letters for postal delivery (issue 7 item 5): recipients without an e-mail address, and those
// whose e-mail failed for good, get the same approved text on paper. The list is derived from the
// run's page states; what was posted is recorded with the posting date.
import { Types } from 'mongoose';
import type { Writable } from 'node:stream';
import { AffectedPerson, type AffectedPersonDoc } from '../../models/affected-person.model.js';
import {
  NoticeLetterPosting,
  type NoticeLetterPostingDoc,
} from '../../models/notice-letter-posting.model.js';
import { NoticePage, type NoticePageDoc } from '../../models/notice-page.model.js';
import { NoticePageHead, type NoticePageHeadDoc } from '../../models/notice-page-head.model.js';
import type { NoticeRunDoc } from '../../models/notice-run.model.js';

import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { ConflictError } from '../errors.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { ContactCipher, ContactData } from './contact-crypto.js';
import { writeLettersPdf, type Letter } from './letter-pdf.js';
import { noticeRun, runObject } from './notice-access.js';
import { formatNoticeDate, loadRunContent, renderForRecipient } from './run-content.js';
import { runSnapshot } from './run-events.js';
import { csvRecord, neutraliseFormula } from '../csv.js';
import { auditAction } from '../audit/audit-action.js';

/** Why a recipient gets a letter. */
export type LetterReason = 'no-email' | 'email-failed';

/** Recipients of a run who need a letter and have not been posted one yet. */
export async function pendingLetterTargets(runId: Types.ObjectId): Promise<Map<string, LetterReason>> {
  const heads = await NoticePageHead.find({ runId }).lean<NoticePageHeadDoc[]>();
  const posted = new Set(
    (await NoticeLetterPosting.find({ runId }).lean<NoticeLetterPostingDoc[]>()).flatMap((p) => p.personIds),
  );
  const targets = new Map<string, LetterReason>();
  for (const h of heads) {
    const idx: [number, LetterReason][] = [];
    [...h.status].forEach((c, i) => {
      if (c === 'L') idx.push([i, 'no-email']);
      else if (c === 'F' || c === 'D') idx.push([i, 'email-failed']);
    });
    if (!idx.length) continue;
    const page = await NoticePage.findById(h._id).lean<NoticePageDoc>();
    if (!page) continue; // purged
    const persons = page.persons.split(',');
    for (const [i, reason] of idx) {
      const p = persons[i];
      if (p && !posted.has(p)) targets.set(p, reason);
    }
  }
  return targets;
}

/** The letters page: counts, and what was posted when. */
export async function lettersOverview(
  runId: unknown,
  ctx: ActionContext,
): Promise<{
  run: NoticeRunDoc;
  toPost: number;
  noEmail: number;
  emailFailed: number;
  postings: NoticeLetterPostingDoc[];
}> {
  const run = await noticeRun(runId, ctx);
  const targets = await pendingLetterTargets(run._id);
  const reasons = [...targets.values()];
  const postings = (await NoticeLetterPosting.find({ runId: run._id }).lean<NoticeLetterPostingDoc[]>()).sort(
    (a, b) => b.recordedAt.getTime() - a.recordedAt.getTime(),
  );
  return {
    run,
    toPost: targets.size,
    noEmail: reasons.filter((r) => r === 'no-email').length,
    emailFailed: reasons.filter((r) => r === 'email-failed').length,
    postings,
  };
}

/** The persons with these ids, opened; one pass over the list for many, lookups for a few. */
async function* personsByIds(
  incidentId: Types.ObjectId,
  ids: Set<string>,
  cipher: ContactCipher,
): AsyncGenerator<{ id: string; lang: string; contact: ContactData }> {
  if (ids.size <= 50) {
    for (const id of [...ids].sort()) {
      const p = await AffectedPerson.findById(new Types.ObjectId(id)).lean<AffectedPersonDoc>();
      if (p) yield { id, lang: p.lang, contact: cipher.openContact(p.contact) };
    }
    return;
  }
  for await (const p of AffectedPerson.find({ incidentId })
    .sort({ _id: 1 })
    .lean<AffectedPersonDoc[]>()
    .cursor({ batchSize: 1000 })) {
    const id = String(p._id);
    if (ids.has(id)) yield { id, lang: p.lang, contact: cipher.openContact(p.contact) };
  }
}

async function auditDownload(ctx: ActionContext, run: NoticeRunDoc, what: string, count: number) {
  await auditAction(ctx, {
    action: 'notice.letters.download',
    object: runObject(run),
    details: { what, count },
  });
}

/** Streams the letters PDF of the recipients still to post. */
export async function streamLettersPdf(
  runId: unknown,
  out: Writable,
  ctx: ActionContext,
  deps: { cipher: ContactCipher; org: Config['organisation']; uiLang: Lang },
): Promise<number> {
  const run = await noticeRun(runId, ctx);
  const snapshot = (await runSnapshot(run._id))!;
  const pins = snapshot.lastApproval?.pins;
  if (!pins) throw new ConflictError('NOTICE_NOT_APPROVED', 'notices.error.notApproved');
  // The same approved text as the e-mails: the pinned template versions and texts.
  const content = await loadRunContent(
    run._id,
    run.incidentId,
    run.incidentReference,
    pins,
    deps.org,
    snapshot.firstStartedAt ?? ctx.now,
  );
  const targets = await pendingLetterTargets(run._id);
  // Recorded before the first byte leaves: the download is audited even if the client stops reading.
  await auditDownload(ctx, run, 'pdf', targets.size);
  const persons = personsByIds(run.incidentId, new Set(targets.keys()), deps.cipher);
  async function* letters(): AsyncGenerator<Letter> {
    for await (const p of persons) {
      const r = renderForRecipient(content, p.lang, p.contact.name);
      yield {
        contact: p.contact,
        subject: r.rendered.subject,
        body: r.rendered.raw,
        reference: run.incidentReference,
        date: formatNoticeDate(content.sentOn, r.lang === 'nl+en' ? 'nl' : r.lang),
        lang: r.lang,
      };
    }
  }
  const count = await writeLettersPdf(letters(), out, {
    sender: deps.org.name,
    senderAddress: deps.org.address,
    title: `${translate(deps.uiLang, 'notices.letters.title')} ${run.incidentReference}`,
    referenceLabel: (lang) => (lang === 'en' ? 'Reference' : 'Kenmerk'),
  });
  return count;
}

/** Streams the address list (CSV, `;`, UTF-8 with BOM) of the recipients still to post. */
export async function streamLettersCsv(
  runId: unknown,
  out: Writable,
  ctx: ActionContext,
  deps: { cipher: ContactCipher; uiLang: Lang },
): Promise<number> {
  const run = await noticeRun(runId, ctx);
  const targets = await pendingLetterTargets(run._id);
  await auditDownload(ctx, run, 'csv', targets.size);
  const t = (k: string) => translate(deps.uiLang, k);
  const write = (line: string) =>
    new Promise<void>((resolve) => (out.write(line) ? resolve() : out.once('drain', resolve)));
  await write(
    `\uFEFF${csvRecord(
      ['name', 'address1', 'address2', 'address3', 'postcode', 'city', 'country', 'language', 'reason'].map(
        (k) => t(`notices.letters.csv.${k}`),
      ),
      ';',
    )}`,
  );
  let count = 0;
  for await (const p of personsByIds(run.incidentId, new Set(targets.keys()), deps.cipher)) {
    const c = p.contact;
    const reason =
      targets.get(p.id) === 'no-email'
        ? t('notices.letters.reason.noEmail')
        : t('notices.letters.reason.emailFailed');
    await write(
      csvRecord(
        [
          c.name,
          c.addressLines[0] ?? '',
          c.addressLines[1] ?? '',
          c.addressLines[2] ?? '',
          c.postcode,
          c.city,
          c.country,
          p.lang,
          reason,
        ].map(neutraliseFormula),
        ';',
      ),
    );
    count++;
  }
  out.end();
  return count;
}

/** Records that the letters still to post were posted on `postedOn`. */
export async function markLettersPosted(runId: unknown, postedOn: Date, ctx: ActionContext): Promise<number> {
  const run = await noticeRun(runId, ctx);
  const targets = await pendingLetterTargets(run._id);
  if (!targets.size) throw new ConflictError('NOTICE_NO_LETTERS', 'notices.letters.none');
  await NoticeLetterPosting.create({
    runId: run._id,
    incidentId: run.incidentId,
    postedOn,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
    count: targets.size,
    personIds: [...targets.keys()],
  });
  await auditAction(ctx, {
    action: 'notice.letters.posted',
    object: runObject(run),
    details: { count: targets.size, postedOn: postedOn.toISOString().slice(0, 10) },
  });
  return targets.size;
}
