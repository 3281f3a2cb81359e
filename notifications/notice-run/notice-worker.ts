// The notice-run worker: mass sending of notices to affected persons (issue 7 item 4), following
// architecture.md §3 rules 8–11 and §4. It owns a page of a run by inserting a claim under a unique
// key with a lease (an expired lease is taken over with the next generation), marks each chunk of
// recipients `sending` before any of them is sent, sends through the pooled messenger under a
// concurrency limit and a rate, records outcomes as the retry policy decides, and pauses the run
// when too many failures come in a row. A crash between an SMTP reply and its recording leaves
// recipients `sending`; whoever takes the page over sends those again and counts them.
import { hostname } from 'node:os';
import { runPool } from '../../server/db/concurrency-pool.js';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../server/clock.js';
import type { Logger } from '../../server/logger.js';
import type { RunContent } from '../../server/notices/run-content.js';
import { recipientRenderer, type RecipientRenderer } from '../../server/notices/recipient-render.js';
import type { SendSettings } from '../../server/notices/run-state.js';
import { SendError } from '../channels/channel.js';
import { messageIdForKey } from '../outbox.js';
import type { RetryPolicy } from '../retry-policy.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { PageState, type AttemptOutcome } from './page-state.js';
import type {
  ActiveRun,
  ClaimHandle,
  NoticeMessenger,
  NoticeRunStore,
  PageHead,
  PageItem,
  RunTotals,
} from './store.js';
import { createThrottle, type Throttle } from './throttle.js';
import { createRateSlots } from '../../server/db/rate-slots.js';
import { pollLoop } from '../../server/db/poll-loop.js';
import { countStatus, emptyCounts, type StatusCounts } from './page-state.js';

/** Defaults when a run was started without settings. */
export const DEFAULT_SEND_SETTINGS: Readonly<SendSettings> = Object.freeze({
  concurrency: 5,
  ratePerSecond: 0,
  failureThreshold: 50,
});

/** Retries of notices: 1 min, 2, 4 … capped at 1 h, 8 attempts (about 3 hours) before a letter is due. */
export const NOTICE_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  baseDelayMs: 60_000,
  factor: 2,
  maxDelayMs: 3_600_000,
  maxAttempts: 8,
});

/** Options of the notice-run worker. */
export interface NoticeWorkerOptions {
  store: NoticeRunStore;
  messenger: NoticeMessenger;
  clock: Clock;
  logger: Logger;
  /** The From header (config.mail.from). */
  from: string;
  workerId?: string;
  /** How long a claim stays ours without renewal; a silent owner is presumed dead after it. */
  leaseMs?: number;
  /** Recipients marked `sending` and sent together: the most that can be sent twice after a crash. */
  chunkSize?: number;
  /** Pages worked on at once (one reads its page while another sends). */
  lanes?: number;
  retryPolicy?: RetryPolicy;
  /** Used when a run carries no settings of its own. */
  defaults?: SendSettings;
  /** Pause between passes while an enqueue step is still writing pages. */
  idleMs?: number;
}

/** What one pass did. */
export interface NoticeRunSummary {
  runs: number;
  pages: number;
  sent: number;
  retried: number;
  failed: number;
  dead: number;
  recovered: number;
  /** Pages claimed elsewhere or lost to a takeover. */
  skipped: number;
  paused: number;
  completed: number;
}

/** The worker: `runOnce()` for tests and jobs, `start()`/`stop()` for the loop. */
export interface NoticeWorker {
  readonly workerId: string;
  runOnce(): Promise<NoticeRunSummary>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

interface RunCtx {
  run: ActiveRun;
  content: RunContent;
  /** Renders the run's notice for one recipient (see recipient-render.ts). */
  render: RecipientRenderer;
  settings: SendSettings;
  breaker: CircuitBreaker;
  /** Set once the run must stop here (paused, cancelled, voided, circuit). */
  halted: boolean;
  checkedAt: number;
}

const AUTO_HEADERS = { 'Auto-Submitted': 'auto-generated' };

function emptySummary(): NoticeRunSummary {
  return {
    runs: 0,
    pages: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    dead: 0,
    recovered: 0,
    skipped: 0,
    paused: 0,
    completed: 0,
  };
}

/** A counting semaphore for sends in flight. */
function semaphore(limit: () => number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active >= limit()) await new Promise<void>((r) => waiting.push(r));
      active++;
      try {
        return await fn();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}

/** Creates a notice-run worker over a store and a messenger. */
export function createNoticeWorker(options: NoticeWorkerOptions): NoticeWorker {
  const { store, messenger, clock, from } = options;
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:notice:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const chunkSize = Math.max(1, options.chunkSize ?? 100);
  const lanes = Math.max(1, options.lanes ?? 2);
  const policy = options.retryPolicy ?? NOTICE_RETRY_POLICY;
  const defaults = options.defaults ?? DEFAULT_SEND_SETTINGS;
  const idleMs = options.idleMs ?? 200;
  const maxIdleWaits = Math.max(1, Math.ceil(10_000 / idleMs));
  const log = options.logger.child({ component: 'notice-worker', workerId });
  const breakers = new Map<string, { since: number; breaker: CircuitBreaker }>();
  let concurrency = defaults.concurrency;
  // Twice the pool size handed to the transport: a connection that finishes a message finds the
  // next one already waiting instead of idling while this worker hands it over.
  const inFlight = semaphore(() => concurrency * 2);
  const throttle: Throttle = createThrottle(defaults.ratePerSecond);
  // The run's rate holds for all workers together, not per worker (issue 11 item 8).
  const rateSlots = createRateSlots();
  const enqueues = new Map<string, Promise<void>>();

  function breakerFor(run: ActiveRun, threshold: number): CircuitBreaker {
    // A resume starts a new sending period: count failures afresh.
    const since = run.snapshot.sendingSince?.getTime() ?? 0;
    let entry = breakers.get(run.runId);
    if (!entry || entry.since !== since || entry.breaker.threshold !== threshold) {
      entry = { since, breaker: new CircuitBreaker(threshold) };
      breakers.set(run.runId, entry);
    }
    return entry.breaker;
  }

  /** True while the run may still be sent here; re-reads its state at most every 250 ms. */
  async function stillSending(ctx: RunCtx): Promise<boolean> {
    if (ctx.halted) return false;
    const t = performance.now();
    if (t - ctx.checkedAt < 250) return true;
    ctx.checkedAt = t;
    const s = await store.runSnapshot(ctx.run.runId);
    if (s?.state !== 'sending') ctx.halted = true;
    return !ctx.halted;
  }

  async function sendOne(
    ctx: RunCtx,
    item: PageItem,
  ): Promise<{ outcome: AttemptOutcome; template?: string }> {
    let template: string | undefined;
    try {
      const contact = item.contact!;
      await throttle.acquire();
      await rateSlots.acquire(`notice:${ctx.run.runId}`, ctx.settings.ratePerSecond);
      // Rendered only once a send slot is free: a chunk waiting for slots holds no message bodies.
      await inFlight.run(() => {
        const r = ctx.render.render(item.l, contact.name);
        template = r.template;
        return messenger.send({
          messageId: messageIdForKey(`notice:${ctx.run.runId}:${item.p}`),
          from,
          to: [contact.email],
          subject: r.rendered.subject,
          text: r.rendered.text,
          html: r.rendered.html,
          headers: AUTO_HEADERS,
        });
      });
      return { outcome: { ok: true }, template };
    } catch (err) {
      const e =
        err instanceof SendError
          ? err
          : new SendError('temporary', err instanceof Error ? err.message : String(err));
      return {
        outcome: {
          ok: false,
          kind: e.kind,
          message: e.message,
          ...(e.responseCode !== undefined ? { code: e.responseCode } : {}),
        },
        template,
      };
    }
  }

  async function trip(ctx: RunCtx, summary: NoticeRunSummary): Promise<void> {
    ctx.halted = true;
    const failures = ctx.breaker.failures;
    if (
      await store.pauseRun(ctx.run, 'circuit', { failures, threshold: ctx.breaker.threshold }, clock.now())
    ) {
      summary.paused++;
      log.warn({ runId: ctx.run.runId, failures }, 'notice run paused: too many failures in a row');
    }
  }

  async function processPage(ctx: RunCtx, head: PageHead, summary: NoticeRunSummary): Promise<void> {
    const { runId } = ctx.run;
    const part = String(head.page);
    const gen = await store.claim(runId, part, head.gen, workerId, clock.now(), leaseMs);
    if (gen === null) {
      summary.skipped++;
      return;
    }
    const claim: ClaimHandle = { runId, part, gen };
    // The lease is renewed while the page is worked on, whatever a chunk takes (a slow server, a
    // low rate): only a worker that stopped running loses its pages.
    const renewal = setInterval(
      () => {
        store
          .renew(claim, new Date(clock.now().getTime() + leaseMs))
          .catch((err: unknown) => log.error({ err, runId }, 'could not renew a page claim'));
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    try {
      // Someone took the page over (our lease ran out): the state is theirs now.
      const takenOver = () => {
        summary.skipped++;
        log.warn({ runId, page: head.page, gen }, 'page taken over by another worker');
      };
      // Re-read after claiming: the previous owner may have written since the candidate list was made.
      const fresh = await store.readHead(runId, head.page);
      if (!fresh?.open) return;
      const state = new PageState(fresh.data);
      const recovered = state.recoverInFlight();
      if (recovered) {
        summary.recovered += recovered;
        log.warn(
          { runId, page: head.page, recovered },
          'recipients left in flight by a previous owner: sending them again',
        );
      }
      const due = state.dueIndices(clock.now());
      if (!due.length) {
        if (recovered && !(await store.writeHead(runId, head.page, gen, state.toData(), clock.now())))
          takenOver();
        return;
      }
      summary.pages++;
      const items = await store.readPage(runId, head.page);
      let lost = false;
      for (let start = 0; start < due.length; start += chunkFor(ctx.settings)) {
        const [sending, owned] = await Promise.all([stillSending(ctx), store.stillOwns(claim)]);
        if (!sending) break;
        if (!owned) {
          lost = true;
          break;
        }
        const chunk = due.slice(start, start + chunkFor(ctx.settings));
        // Persisted before the first send: after a crash these are known to be in flight.
        state.markSending(chunk);
        if (!(await store.writeHead(runId, head.page, gen, state.toData(), clock.now()))) {
          lost = true;
          break;
        }
        let tripped = false;
        await Promise.all(
          chunk.map(async (i) => {
            const { outcome, template } = await sendOne(ctx, items[i]!);
            const result = state.record(i, outcome, clock.now(), policy, template);
            if (result === 'sent') {
              summary.sent++;
              ctx.breaker.success();
            } else {
              summary[result === 'retrying' ? 'retried' : result]++;
              if (ctx.breaker.failure()) tripped = true;
            }
          }),
        );
        if (tripped) {
          if (!(await store.writeHead(runId, head.page, gen, state.toData(), clock.now()))) takenOver();
          await trip(ctx, summary);
          return;
        }
      }
      if (lost || !(await store.writeHead(runId, head.page, gen, state.toData(), clock.now()))) takenOver();
    } finally {
      clearInterval(renewal);
      await store
        .release(claim, clock.now())
        .catch((err: unknown) => log.error({ err, runId }, 'could not release a page claim'));
    }
  }

  /** Recipients per chunk: at a low rate, fewer, so a pause or cancel takes effect within seconds. */
  function chunkFor(settings: SendSettings): number {
    if (!(settings.ratePerSecond > 0)) return chunkSize;
    return Math.max(1, Math.min(chunkSize, Math.floor((settings.ratePerSecond * 5) / lanes)));
  }

  function isDue(h: PageHead, now: Date): boolean {
    if (!h.open) return false;
    if (h.data.status.includes('p') || h.data.status.includes('s')) return true;
    return h.nextDueAt !== null && h.nextDueAt.getTime() <= now.getTime();
  }

  /** Works through the pages that are due now; returns how many were taken. */
  async function processAvailable(ctx: RunCtx, summary: NoticeRunSummary): Promise<number> {
    const now = clock.now();
    const candidates = (await store.openHeads(ctx.run.runId))
      .filter((h) => isDue(h, now))
      .sort((a, b) => a.page - b.page);
    let taken = 0;
    await runPool(
      candidates,
      lanes,
      async (head) => {
        const before = summary.pages;
        await processPage(ctx, head, summary);
        if (summary.pages > before) taken++;
      },
      () => ctx.halted,
    );
    return taken;
  }

  /** Runs (or joins) the enqueue step of a run when nobody else holds it. */
  function ensureEnqueued(run: ActiveRun): Promise<void> {
    let p = enqueues.get(run.runId);
    if (p) return p;
    p = (async () => {
      if (await store.enqueueDone(run.runId)) return;
      const gen = await store.claim(run.runId, 'enqueue', 0, workerId, clock.now(), leaseMs);
      if (gen === null) return;
      const claim: ClaimHandle = { runId: run.runId, part: 'enqueue', gen };
      try {
        const keep = async () => {
          if (!(await store.stillOwns(claim))) return false;
          await store.renew(claim, new Date(clock.now().getTime() + leaseMs));
          return true;
        };
        const written = await store.enqueue(run, keep, () => clock.now(), gen === 1);
        if (written)
          log.info(
            { runId: run.runId, pages: written.pages, recipients: written.recipients },
            'notice run enqueued',
          );
      } finally {
        await store.release(claim, clock.now());
      }
    })().finally(() => enqueues.delete(run.runId));
    enqueues.set(run.runId, p);
    return p;
  }

  async function totalsOf(runId: string): Promise<RunTotals> {
    const heads = await store.allHeads(runId);
    const counts: StatusCounts = emptyCounts();
    const templates = new Set<string>();
    let first: Date | null = null;
    let last: Date | null = null;
    let recovered = 0;
    for (const h of heads) {
      const c = countStatus(h.data.status);
      for (const k of Object.keys(c) as (keyof StatusCounts)[]) counts[k] += c[k];
      h.data.templates.forEach((t) => templates.add(t));
      recovered += h.data.inFlightRecovered;
      if (h.data.firstSentAt && (!first || h.data.firstSentAt < first)) first = h.data.firstSentAt;
      if (h.data.lastSentAt && (!last || h.data.lastSentAt > last)) last = h.data.lastSentAt;
    }
    return {
      counts,
      recipients: heads.reduce((n, h) => n + h.size, 0),
      inFlightRecovered: recovered,
      templates: [...templates].sort(),
      firstSentAt: first,
      lastSentAt: last,
    };
  }

  async function prepare(run: ActiveRun): Promise<RunCtx | null> {
    const now = clock.now();
    const problem = await store.pinsProblem(run, now);
    if (problem) {
      // An approved run is never sent with a modified template or texts (issue 7 "must hold").
      if (await store.voidApproval(run, problem, now))
        log.warn({ runId: run.runId, problem }, 'approval voided: sending stopped');
      return null;
    }
    const settings = run.snapshot.settings ?? defaults;
    concurrency = Math.max(1, settings.concurrency);
    throttle.setRate(settings.ratePerSecond);
    const content = await store.loadContent(run, now);
    return {
      run,
      content,
      render: recipientRenderer(content),
      settings,
      breaker: breakerFor(run, settings.failureThreshold),
      halted: false,
      checkedAt: performance.now(),
    };
  }

  async function runOnce(): Promise<NoticeRunSummary> {
    const summary = emptySummary();
    for (const run of await store.sendingRuns()) {
      summary.runs++;
      const ctx = await prepare(run);
      if (!ctx) continue;
      // Pages are sent as soon as they are written, while the enqueue step (here or in another
      // worker) goes on; without progress for a while the pass ends and the next one tries again.
      let enqueue = ensureEnqueued(run);
      for (let idle = 0; idle < maxIdleWaits;) {
        const taken = await processAvailable(ctx, summary);
        if (ctx.halted) break;
        if (taken > 0) {
          idle = 0;
          continue;
        }
        if (await store.enqueueDone(run.runId)) break;
        idle++;
        await Promise.race([enqueue, new Promise((r) => setTimeout(r, idleMs))]);
        enqueue = ensureEnqueued(run);
      }
      await enqueue;
      if (ctx.halted) continue;
      if (!(await store.enqueueDone(run.runId))) continue;
      const open = await store.openHeads(run.runId);
      if (open.length === 0 && (await store.completeRun(run, await totalsOf(run.runId), clock.now())))
        summary.completed++;
    }
    return summary;
  }

  const loop = pollLoop(
    async () => (await runOnce()).pages > 0,
    (err) => log.error({ err }, 'notice worker pass failed'),
  );

  return {
    workerId,
    runOnce,
    start: (pollMs: number) => loop.start(pollMs),
    stop: () => loop.stop(),
  };
}
