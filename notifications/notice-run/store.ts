// The two small interfaces the sending engine depends on (architecture.md §6, after listmonk): a
// store that holds runs, pages and claims, and a messenger that delivers one message. The worker
// knows nothing else about the database or SMTP.
import type { OutgoingMail, SendResult } from '../channels/channel.js';
import type { RunSnapshot } from '../../server/notices/run-state.js';
import type { RunContent } from '../../server/notices/run-content.js';
import type { PageStateData, StatusCounts } from './page-state.js';

/** A run in state `sending`, as the worker sees it. */
export interface ActiveRun {
  runId: string;
  incidentId: string;
  reference: string;
  snapshot: RunSnapshot;
}

/** The stored state of one page. */
export interface PageHead {
  runId: string;
  page: number;
  size: number;
  gen: number;
  open: boolean;
  nextDueAt: Date | null;
  data: PageStateData;
}

/** One recipient of a page: person id, language, name + e-mail (null: letter only). */
export interface PageItem {
  p: string;
  l: string;
  contact: { name: string; email: string } | null;
}

/** What the enqueue step wrote. */
export interface EnqueueSummary {
  pages: number;
  recipients: number;
  email: number;
  letter: number;
}

/** A claim held by this worker. */
export interface ClaimHandle {
  runId: string;
  part: string;
  gen: number;
}

/** Totals of a finished run, for its completion record. */
export interface RunTotals {
  counts: StatusCounts;
  recipients: number;
  inFlightRecovered: number;
  templates: string[];
  firstSentAt: Date | null;
  lastSentAt: Date | null;
}

/** Where runs, pages and claims live. */
export interface NoticeRunStore {
  /** Runs whose state is `sending`. */
  sendingRuns(): Promise<ActiveRun[]>;
  runSnapshot(runId: string): Promise<RunSnapshot | null>;
  /** Pauses a run (e.g. the circuit breaker); false when its state no longer allows it. */
  pauseRun(run: ActiveRun, reason: string, details: Record<string, unknown>, now: Date): Promise<boolean>;
  /** Voids the approval of a run whose pinned template or texts changed; false when not allowed. */
  voidApproval(run: ActiveRun, reason: string, now: Date): Promise<boolean>;
  /** Marks a run completed; true for the one caller whose event was stored. */
  completeRun(run: ActiveRun, totals: RunTotals, now: Date): Promise<boolean>;
  /** Why the approval's pins no longer hold, or null. */
  pinsProblem(run: ActiveRun, now: Date): Promise<string | null>;
  /** The pinned templates and texts, compiled. */
  loadContent(run: ActiveRun, now: Date): Promise<RunContent>;
  enqueueDone(runId: string): Promise<boolean>;
  /**
   * Writes the run's pages; `keepClaim` renews the lease and says whether it is still ours; `fresh`
   * is false when taking over from an earlier attempt (which may have left a page half written).
   */
  enqueue(
    run: ActiveRun,
    keepClaim: () => Promise<boolean>,
    now: () => Date,
    fresh: boolean,
  ): Promise<EnqueueSummary | null>;

  /** Pages that still have work (or unknown outcomes). */
  openHeads(runId: string): Promise<PageHead[]>;
  allHeads(runId: string): Promise<PageHead[]>;
  readHead(runId: string, page: number): Promise<PageHead | null>;
  readPage(runId: string, page: number): Promise<PageItem[]>;
  /**
   * Stores a page's state as the owner of claim generation `gen`; false (nothing written) when a
   * newer generation has taken the page over — an old owner never overwrites its successor.
   */
  writeHead(runId: string, page: number, gen: number, data: PageStateData, now: Date): Promise<boolean>;

  /** Takes the next claim generation on a run part unless a live claim exists; the generation or null. */
  claim(
    runId: string,
    part: string,
    hintGen: number,
    workerId: string,
    now: Date,
    leaseMs: number,
  ): Promise<number | null>;
  renew(claim: ClaimHandle, leaseUntil: Date): Promise<void>;
  /** True while nobody took the part over from this claim. */
  stillOwns(claim: ClaimHandle): Promise<boolean>;
  release(claim: ClaimHandle, now: Date): Promise<void>;
}

/** Delivers one message; rejects with a classified SendError (channels/channel.ts). */
export interface NoticeMessenger {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}
