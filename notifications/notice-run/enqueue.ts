// The enqueue step of a notice run (issue 7 item 4): the affected persons of the incident, in _id
// order, become pages of recipients. Idempotent and checkpointed: each recipient is inserted under
// the unique key run+person, each page under `${runId}:${page}`, and a page whose state document
// exists is skipped, so a step that crashed resumes after its last complete page.
import { Types } from 'mongoose';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { NoticeEnqueue } from '../../models/notice-enqueue.model.js';
import { NoticePage } from '../../models/notice-page.model.js';
import { NoticePageHead } from '../../models/notice-page-head.model.js';
import { NoticeRecipient } from '../../models/notice-recipient.model.js';
import { isDuplicateKeyError } from '../../server/db/unique-insert.js';
import type { ContactCipher } from '../../server/notices/contact-crypto.js';
import { ITEM_STATUS } from './page-state.js';
import type { EnqueueSummary } from './store.js';

/** Recipients per page: small enough to read quickly, large enough to keep the page count low. */
export const DEFAULT_PAGE_SIZE = 1000;

interface PersonRow {
  _id: Types.ObjectId;
  lang: string;
  channel: string;
  contact: string;
}

function ignoreDuplicates(err: unknown): void {
  // insertMany(ordered: false) reports every duplicate; anything else is a real failure.
  const e = err as { writeErrors?: { code?: number; err?: { code?: number } }[] };
  const errors = e.writeErrors ?? [];
  if (errors.length && errors.every((w) => (w.code ?? w.err?.code) === 11000)) return;
  if (!errors.length && isDuplicateKeyError(err)) return;
  throw err;
}

async function writePage(runId: Types.ObjectId, page: number, persons: PersonRow[], cipher: ContactCipher, now: Date): Promise<{ email: number; letter: number }> {
  const pageId = `${String(runId)}:${page}`;
  const items = persons.map((p) => {
    if (p.channel !== 'email') return { p: String(p._id), l: p.lang };
    const c = cipher.openContact(p.contact);
    if (!c.email) return { p: String(p._id), l: p.lang };
    return { p: String(p._id), l: p.lang, c: cipher.sealMailContact({ name: c.name, email: c.email }) };
  });
  const email = items.filter((i) => 'c' in i).length;
  const counts = { email, letter: items.length - email };
  if (await NoticePageHead.exists({ _id: pageId })) return counts;
  await NoticeRecipient.collection
    .insertMany(
      persons.map((p, index) => ({ _id: `${String(runId)}:${String(p._id)}` as unknown as Types.ObjectId, runId, page, index })),
      { ordered: false },
    )
    .catch(ignoreDuplicates);
  await NoticePage.collection.insertOne({ _id: pageId as unknown as Types.ObjectId, runId, page, items }).catch(ignoreDuplicates);
  const status = items.map((i) => ('c' in i ? ITEM_STATUS.pending : ITEM_STATUS.letter)).join('');
  const open = status.includes(ITEM_STATUS.pending);
  // The state document is written last: its existence marks the page complete (the checkpoint).
  await NoticePageHead.collection
    .insertOne({
      _id: pageId as unknown as Types.ObjectId,
      runId,
      page,
      size: items.length,
      status,
      retries: [],
      failures: [],
      open,
      nextDueAt: open ? new Date(0) : null,
      gen: 0,
      inFlightRecovered: 0,
      templates: [],
      updatedAt: now,
    })
    .catch(ignoreDuplicates);
  return counts;
}

/**
 * Writes the pages of a run from its incident's affected persons (those not excluded). Stops (and
 * returns null) when `keepClaim` says the step was taken over; returns the totals when done.
 */
export async function enqueueRun(
  run: { runId: string; incidentId: string },
  cipher: ContactCipher,
  keepClaim: () => Promise<boolean>,
  now: () => Date,
  pageSize = DEFAULT_PAGE_SIZE,
): Promise<EnqueueSummary | null> {
  const runId = new Types.ObjectId(run.runId);
  if (await NoticeEnqueue.exists({ _id: runId })) return null;
  const cursor = AffectedPerson.find({ incidentId: new Types.ObjectId(run.incidentId), excludedAt: { $exists: false } })
    .sort({ _id: 1 })
    .select({ lang: 1, channel: 1, contact: 1 })
    .lean<PersonRow[]>()
    .cursor({ batchSize: 1000 });
  const totals = { pages: 0, recipients: 0, email: 0, letter: 0 };
  let buffer: PersonRow[] = [];
  const flush = async (): Promise<boolean> => {
    if (!(await keepClaim())) return false;
    const c = await writePage(runId, totals.pages, buffer, cipher, now());
    totals.pages++;
    totals.recipients += buffer.length;
    totals.email += c.email;
    totals.letter += c.letter;
    buffer = [];
    return true;
  };
  for await (const p of cursor) {
    buffer.push(p);
    if (buffer.length >= pageSize && !(await flush())) {
      await cursor.close();
      return null;
    }
  }
  if (buffer.length && !(await flush())) return null;
  try {
    await NoticeEnqueue.create({ _id: runId, ...totals, finishedAt: now() });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  return totals;
}
