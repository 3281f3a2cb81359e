// The notice-run store on MongoDB / FerretDB 1.24 (architecture.md §4). Coordination is by inserting
// under unique keys only (claims, run events); a page's state is written only by its claim owner.
// Everything on the hot path is read by _id or from small collections: FerretDB's SQLite backend
// reads a whole table for any other filter, so recipients live in pages, not in a document each.
import { Types } from 'mongoose';
import { NoticeClaim } from '../../models/notice-claim.model.js';
import { NoticeEnqueue } from '../../models/notice-enqueue.model.js';
import { NoticePage, type NoticePageDoc } from '../../models/notice-page.model.js';
import { NoticePageHead, type NoticePageHeadDoc } from '../../models/notice-page-head.model.js';
import { NoticeRun, type NoticeRunDoc } from '../../models/notice-run.model.js';
import { NoticeRunEvent, type NoticeRunEventDoc } from '../../models/notice-run-event.model.js';
import { NoticeSending } from '../../models/notice-sending.model.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import type { Config } from '../../server/config.js';
import { leaseClaimsById } from '../../server/db/lease-claims.js';
import type { ContactCipher } from '../../server/notices/contact-crypto.js';
import { currentVersions, loadRunContent } from '../../server/notices/run-content.js';
import { runSnapshot, tryAppendRunEvent } from '../../server/notices/run-events.js';
import { foldRunEvents, pinsProblem } from '../../server/notices/run-state.js';
import { DEFAULT_PAGE_SIZE, enqueueRun } from './enqueue.js';
import type { ActiveRun, ClaimHandle, NoticeRunStore, PageHead, PageItem, RunTotals } from './store.js';

/** Side effects of run changes made by the engine (audit trail, duty record, staff mail). */
export interface NoticeRunHooks {
  onPaused?(
    run: ActiveRun,
    reason: string,
    details: Record<string, unknown>,
    seq: number,
    now: Date,
  ): Promise<void>;
  onVoided?(run: ActiveRun, reason: string, now: Date): Promise<void>;
  onCompleted?(run: ActiveRun, totals: RunTotals, now: Date): Promise<void>;
}

/** Settings of the Mongo store. */
export interface MongoNoticeStoreOptions {
  cipher: ContactCipher;
  /** The organisation, or how to read it at each run (the settings in force, issue 12). */
  org: Config['organisation'] | (() => Promise<Config['organisation']>);
  pageSize?: number;
  hooks?: NoticeRunHooks;
}

const ENGINE = (workerLabel: string) => ({ id: `worker:${workerLabel}`, name: 'Meldpunt' });

function toHead(d: NoticePageHeadDoc): PageHead {
  return {
    runId: String(d.runId),
    page: d.page,
    size: d.size,
    gen: d.gen,
    open: d.open,
    nextDueAt: d.nextDueAt ?? null,
    data: {
      status: d.status,
      retries: (d.retries ?? []).map((r) => ({ i: r.i, a: r.a, n: r.n, ...(r.e ? { e: r.e } : {}) })),
      failures: (d.failures ?? []).map((f) => ({
        i: f.i,
        a: f.a,
        ...(f.code != null ? { code: f.code } : {}),
        ...(f.e ? { e: f.e } : {}),
      })),
      inFlightRecovered: d.inFlightRecovered ?? 0,
      templates: d.templates ?? [],
      firstSentAt: d.firstSentAt ?? null,
      lastSentAt: d.lastSentAt ?? null,
    },
  };
}

/** A claimable part of a run: a page number or `enqueue`. */
interface RunPart {
  runId: string;
  part: string;
}

// Claims on run parts (issue 11: one lease-claim module for every kind of work item), addressed
// by `${runId}:${part}:${generation}` so every lookup is by _id.
const partClaims = leaseClaimsById<RunPart>({
  model: NoticeClaim,
  idOf: (p, gen) => `${p.runId}:${p.part}:${gen}`,
  generationField: 'gen',
  holderField: 'workerId',
  fields: (p) => ({ runId: new Types.ObjectId(p.runId), part: p.part }),
});

/**
 * Marks every sending run that has no marker (runs started by an earlier version, which kept
 * none). Folds the events of every run once, so it runs at a store's first poll. Returns how many
 * markers it wrote.
 */
export async function restoreSendingMarkers(): Promise<number> {
  const byRun = new Map<string, NoticeRunEventDoc[]>();
  for (const e of await NoticeRunEvent.find({}).lean<NoticeRunEventDoc[]>()) {
    const k = String(e.runId);
    byRun.set(k, [...(byRun.get(k) ?? []), e]);
  }
  const sending = [...byRun].flatMap(([runId, evs]) => {
    const s = foldRunEvents(evs.map((e) => ({ ...e, reason: e.reason ?? null })));
    return s?.state === 'sending' ? [new Types.ObjectId(runId)] : [];
  });
  let written = 0;
  for (const _id of sending) {
    try {
      const r = await NoticeSending.updateOne(
        { _id },
        { $setOnInsert: { since: new Date() } },
        { upsert: true },
      );
      written += r.upsertedCount;
    } catch (err) {
      // Another process restored it at the same moment.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  return written;
}

/** Creates the store over the default Mongoose connection. */
export function createMongoNoticeStore(options: MongoNoticeStoreOptions): NoticeRunStore {
  const { cipher, org, hooks = {} } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let restored = false;

  return {
    async sendingRuns() {
      if (!restored) {
        await restoreSendingMarkers();
        restored = true;
      }
      const active: ActiveRun[] = [];
      for (const { _id } of await NoticeSending.find({}).select({ _id: 1 }).lean()) {
        // The in-memory events first (no database read for a paused or approved run); what it says
        // is sending or ended is confirmed from the database, which the index may lag behind.
        const seen = await runSnapshot(_id, 'index');
        if (seen && !['sending', 'completed', 'cancelled'].includes(seen.state)) continue;
        const snapshot = await runSnapshot(_id, 'database');
        if (!snapshot || snapshot.state === 'completed' || snapshot.state === 'cancelled') {
          // Ended for good (or gone): nothing can make it send again.
          await NoticeSending.deleteOne({ _id });
          continue;
        }
        if (snapshot.state !== 'sending') continue;
        const r = await NoticeRun.findById(_id).lean<NoticeRunDoc>();
        if (r)
          active.push({
            runId: String(_id),
            incidentId: String(r.incidentId),
            reference: r.incidentReference,
            snapshot,
          });
      }
      return active;
    },

    runSnapshot: (runId) => runSnapshot(runId),

    async pauseRun(run, reason, details, now) {
      const s = await tryAppendRunEvent(run.runId, 'paused', ENGINE('notice'), now, { reason, details });
      if (s) await hooks.onPaused?.(run, reason, details, s.seq, now);
      return !!s;
    },

    async voidApproval(run, reason, now) {
      const s = await tryAppendRunEvent(run.runId, 'approval_voided', ENGINE('notice'), now, { reason });
      if (s) await hooks.onVoided?.(run, reason, now);
      return !!s;
    },

    async completeRun(run, totals, now) {
      const details = {
        counts: totals.counts,
        recipients: totals.recipients,
        inFlightRecovered: totals.inFlightRecovered,
        templates: totals.templates,
        firstSentAt: totals.firstSentAt,
        lastSentAt: totals.lastSentAt,
      };
      const s = await tryAppendRunEvent(run.runId, 'completed', ENGINE('notice'), now, { details });
      if (s) await hooks.onCompleted?.(run, totals, now);
      return !!s;
    },

    async pinsProblem(run, now) {
      const pins = run.snapshot.approval?.pins;
      if (!pins) return 'not-approved';
      return pinsProblem(pins, await currentVersions(run.runId, pins, now));
    },

    loadContent: async (run, now) =>
      loadRunContent(
        run.runId,
        run.incidentId,
        run.reference,
        run.snapshot.approval!.pins,
        typeof org === 'function' ? await org() : org,
        now,
      ),

    async enqueueDone(runId) {
      return !!(await NoticeEnqueue.exists({ _id: new Types.ObjectId(runId) }));
    },

    enqueue: (run, keepClaim, now, fresh) => enqueueRun(run, cipher, keepClaim, now, fresh, pageSize),

    async openHeads(runId) {
      const docs = await NoticePageHead.find({ runId: new Types.ObjectId(runId), open: true }).lean<
        NoticePageHeadDoc[]
      >();
      return docs.map(toHead);
    },

    async allHeads(runId) {
      const docs = await NoticePageHead.find({ runId: new Types.ObjectId(runId) }).lean<
        NoticePageHeadDoc[]
      >();
      return docs.map(toHead).sort((a, b) => a.page - b.page);
    },

    async readHead(runId, page) {
      const d = await NoticePageHead.findById(`${runId}:${page}`).lean<NoticePageHeadDoc>();
      return d ? toHead(d) : null;
    },

    async readPage(runId, page) {
      const d = await NoticePage.findById(`${runId}:${page}`).lean<NoticePageDoc>();
      if (!d) throw new Error(`notice run ${runId}: page ${page} is missing`);
      // One decryption per page: the names and addresses of all its recipients.
      const persons = d.persons.split(',');
      const langs = d.langs.split(',');
      const contacts = cipher.openPageContacts(d.contacts);
      return persons.map((p, i): PageItem => ({ p, l: langs[i] ?? 'nl', contact: contacts[i] ?? null }));
    },

    async writeHead(runId, page, gen, data, now) {
      // Issue 11 item 6: a worker whose lease ran out may still be finishing a chunk; once another
      // worker has taken the page (claim generation gen + 1 exists, or the head carries a newer
      // generation), the old owner's state is stale and must not overwrite the new owner's.
      if (!(await partClaims.stillOwns({ runId, part: String(page) }, gen))) return false;
      const current = await NoticePageHead.findById(`${runId}:${page}`, { gen: 1 }).lean<{ gen?: number }>();
      if ((current?.gen ?? 0) > gen) return false;
      const open = /[psr]/.test(data.status);
      let nextDueAt: Date | null = null;
      if (/[ps]/.test(data.status)) nextDueAt = new Date(0);
      else for (const r of data.retries) if (!nextDueAt || r.n < nextDueAt) nextDueAt = r.n;
      await NoticePageHead.updateOne(
        { _id: `${runId}:${page}` },
        { $set: { ...data, open, nextDueAt, gen, updatedAt: now } },
      );
      return true;
    },

    claim: (runId, part, hintGen, workerId, now, leaseMs) =>
      partClaims.take({ runId, part }, workerId, now, leaseMs, { hint: hintGen }),

    renew: (claim: ClaimHandle, leaseUntil: Date) => partClaims.renew(claim, claim.gen, leaseUntil),

    stillOwns: (claim: ClaimHandle) => partClaims.stillOwns(claim, claim.gen),

    release: (claim: ClaimHandle, now: Date) => partClaims.release(claim, claim.gen, now),
  };
}

export type { RunTotals };
