// The enqueue step of a notice run (issue 7 item 4): the incident's affected persons become pages
// of recipients, streamed (sending starts with the first page). Idempotent and checkpointed: each
// recipient is inserted under the unique key run+person (a person already paged is refused by the
// key and skipped), and a page is complete once its state document exists. A step that takes over
// from a crashed one clears the half-written page after the last complete one and streams again.
import { Types } from 'mongoose';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { NoticeEnqueue } from '../../models/notice-enqueue.model.js';
import { NoticePage } from '../../models/notice-page.model.js';
import { NoticePageHead } from '../../models/notice-page-head.model.js';
import { NoticeRecipient } from '../../models/notice-recipient.model.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import type { ContactCipher, MailContact } from '../../server/notices/contact-crypto.js';
import { ITEM_STATUS } from './page-state.js';
import type { EnqueueSummary } from './store.js';

/** Recipients per page: large enough to keep the page count (and the reads per message) low. */
export const DEFAULT_PAGE_SIZE = 1000;

interface PersonRow {
  _id: Types.ObjectId;
  lang: string;
  channel: string;
  contact: string;
}

/** Indices refused as duplicates by insertMany(ordered: false); rethrows anything else. */
function duplicateIndices(err: unknown): Set<number> {
  const e = err as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] };
  const errors = e.writeErrors ?? [];
  if (errors.length && errors.every((w) => (w.code ?? w.err?.code) === 11000))
    return new Set(errors.map((w) => w.index));
  throw err;
}

/**
 * Writes the pages of a run from its incident's affected persons (those not excluded). `fresh` is
 * false when taking over from an earlier attempt. Stops (and returns null) when `keepClaim` says the
 * step was taken over; returns the totals when done.
 */
export async function enqueueRun(
  run: { runId: string; incidentId: string },
  cipher: ContactCipher,
  keepClaim: () => Promise<boolean>,
  now: () => Date,
  fresh: boolean,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<EnqueueSummary | null> {
  const runId = new Types.ObjectId(run.runId);
  if (await NoticeEnqueue.exists({ _id: runId })) return null;
  const totals = { pages: 0, recipients: 0, email: 0, letter: 0 };
  let nextPage = 0;
  if (!fresh) {
    // Pages are written in order by one owner at a time: the complete ones are 0 … highest head.
    const heads = await NoticePageHead.find({ runId }).select({ page: 1, status: 1 }).lean();
    for (const h of heads) {
      nextPage = Math.max(nextPage, h.page + 1);
      totals.recipients += h.status.length;
      totals.letter += [...h.status].filter((c) => c === ITEM_STATUS.letter).length;
    }
    totals.pages = heads.length;
    totals.email = totals.recipients - totals.letter;
    await NoticeRecipient.deleteMany({ runId, page: { $gte: nextPage } });
    await NoticePage.deleteOne({ _id: `${run.runId}:${nextPage}` });
  }

  const writePage = async (persons: PersonRow[]): Promise<boolean> => {
    if (!(await keepClaim())) return false;
    const page = nextPage;
    let refused = new Set<number>();
    try {
      await NoticeRecipient.collection.insertMany(
        persons.map((p) => ({
          _id: `${run.runId}:${String(p._id)}` as unknown as Types.ObjectId,
          runId,
          page,
        })),
        { ordered: false },
      );
    } catch (err) {
      refused = duplicateIndices(err);
    }
    // Persons refused by the key are in an earlier page already (a restarted step streams again).
    const members = persons.filter((_, i) => !refused.has(i));
    if (!members.length) return true;
    const contacts: (MailContact | null)[] = members.map((p) => {
      if (p.channel !== 'email') return null;
      const c = cipher.openContact(p.contact);
      return c.email ? { name: c.name, email: c.email } : null;
    });
    const pageId = `${run.runId}:${page}`;
    await NoticePage.collection.insertOne({
      _id: pageId as unknown as Types.ObjectId,
      runId,
      page,
      persons: members.map((p) => String(p._id)).join(','),
      langs: members.map((p) => p.lang).join(','),
      contacts: cipher.sealPageContacts(contacts),
    });
    const status = contacts.map((c) => (c ? ITEM_STATUS.pending : ITEM_STATUS.letter)).join('');
    const open = status.includes(ITEM_STATUS.pending);
    // The state document is written last: its existence marks the page complete (the checkpoint).
    await NoticePageHead.collection.insertOne({
      _id: pageId as unknown as Types.ObjectId,
      runId,
      page,
      size: members.length,
      status,
      retries: [],
      failures: [],
      open,
      nextDueAt: open ? new Date(0) : null,
      gen: 0,
      inFlightRecovered: 0,
      templates: [],
      updatedAt: now(),
    });
    nextPage++;
    totals.pages++;
    totals.recipients += members.length;
    const email = contacts.filter(Boolean).length;
    totals.email += email;
    totals.letter += members.length - email;
    return true;
  };

  // Natural order, no sort: the first page is written after the first 1,000 persons are read.
  const cursor = AffectedPerson.find({
    incidentId: new Types.ObjectId(run.incidentId),
    excludedAt: { $exists: false },
  })
    .select({ lang: 1, channel: 1, contact: 1 })
    .lean<PersonRow[]>()
    .cursor({ batchSize: 1000 });
  let buffer: PersonRow[] = [];
  for await (const p of cursor) {
    buffer.push(p);
    if (buffer.length < pageSize) continue;
    const ok = await writePage(buffer);
    buffer = [];
    if (!ok) {
      await cursor.close();
      return null;
    }
  }
  if (buffer.length && !(await writePage(buffer))) return null;
  try {
    await NoticeEnqueue.create({ _id: runId, ...totals, finishedAt: now() });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  return totals;
}
