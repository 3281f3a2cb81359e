// The mail worker: claims due outbox messages by inserting a claim under a unique key
// (architecture.md §4 — FerretDB 1.x has no atomic status flip), renders, sends, and records the
// outcome decided by the retry policy. Safe with any number of workers in any number of processes.
import { hostname } from 'node:os';
import { runPool } from '../server/db/concurrency-pool.js';
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { ZodError } from 'zod';
import type { Logger } from '../server/logger.js';
import type { Clock } from '../server/clock.js';
import { OutboxMessage, type OutboxMessageDoc } from '../models/outbox-message.model.js';
import { claimOutboxMessage, releaseClaim, stillOwnsClaim } from './outbox-claims.js';
import { dueMessageIds, markDue, restoreDueMarkers, syncDue, unmarkDue } from './outbox-due.js';
import { restoreSchedule } from '../server/db/due-markers.js';
import { pollLoop } from '../server/db/poll-loop.js';
import { SendError, type MailChannel, type SendResult } from './channels/channel.js';
import { decideAfterAttempt, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { getMailRenderer, type RenderedMail } from './templates.js';
import { isMailLang, isMailTemplateName } from './mail-types.js';

/** Called with the stored message after its final state was recorded (e.g. to write the audit trail). */
export type OutboxHook = (message: OutboxMessageDoc) => void | Promise<void>;

/** Everything the worker needs; only channel, clock, logger and from are required. */
export interface MailWorkerOptions {
  channel: MailChannel;
  clock: Clock;
  logger: Logger;
  /** The From header of every mail (config.mail.from). */
  from: string;
  /** Identifies this worker in claims; unique per process by default. */
  workerId?: string;
  /** How long a claim stays ours; a worker silent for longer is presumed dead and taken over. Keep it well above the channel's timeouts. */
  leaseMs?: number;
  /** Due messages looked at per run. */
  batchSize?: number;
  /** Messages sent in parallel by this worker. */
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  /** Renders a stored message; the project's templates by default. */
  render?: (template: string, lang: string, data: unknown) => RenderedMail;
  onSent?: OutboxHook;
  /** Called when a message became failed or dead. */
  onFailed?: OutboxHook;
  /** How often the worker looks for pending messages that lost their due marker (default hourly). */
  restoreEveryMs?: number;
}

/** What one run did. */
export interface MailRunSummary {
  /** Due messages found. */
  due: number;
  sent: number;
  retried: number;
  failed: number;
  dead: number;
  /** Claimed elsewhere, finished meanwhile, or our lease was lost. */
  skipped: number;
}

/** A mail worker: `runOnce()` for tests and jobs, `start()`/`stop()` for the polling loop. */
export interface MailWorker {
  readonly workerId: string;
  runOnce(): Promise<MailRunSummary>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

type Outcome = 'sent' | 'retried' | 'failed' | 'dead' | 'skipped';

// RFC 3834: tells auto-responders (out-of-office) not to answer a machine.
const AUTO_HEADERS = { 'Auto-Submitted': 'auto-generated' };

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function classifyRenderError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  // Stored data that fails its schema will fail the same way on every attempt.
  if (err instanceof ZodError) return new SendError('invalid', `invalid template data: ${errorText(err)}`);
  // Anything else (a template file missing after a bad deploy) can be fixed by an operator: retry.
  return new SendError('temporary', `render failed: ${errorText(err)}`);
}

function defaultRender(template: string, lang: string, data: unknown): RenderedMail {
  if (!isMailTemplateName(template) || !isMailLang(lang)) {
    throw new SendError('invalid', `unknown email type or language: ${template}/${lang}`);
  }
  // The data was validated against this type's schema on enqueue and is validated again here.
  return getMailRenderer().render(template, lang, data as never);
}

function isDue(m: Pick<OutboxMessageDoc, 'status' | 'nextAttemptAt' | 'leaseUntil'>, now: Date): boolean {
  if (m.status === 'pending') return m.nextAttemptAt.getTime() <= now.getTime();
  // A send whose owner's lease ran out: the owner is presumed dead.
  if (m.status === 'sending') return !m.leaseUntil || m.leaseUntil.getTime() <= now.getTime();
  return false;
}

/** Creates a mail worker over the outbox collections of the default Mongoose connection. */
export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { channel, clock, logger, from } = options;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 5;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const render = options.render ?? defaultRender;
  const log = logger.child({ component: 'mail-worker', workerId });

  async function callHook(hook: OutboxHook | undefined, message: OutboxMessageDoc): Promise<void> {
    if (!hook) return;
    try {
      await hook(message);
    } catch (err) {
      // The mail's state is already recorded; a failing hook must not make the worker resend it.
      log.error({ err, outboxId: String(message._id) }, 'outbox hook failed');
    }
  }

  async function sendOwned(id: Types.ObjectId, generation: number): Promise<Outcome> {
    const now = clock.now();
    // Re-read after claiming: the candidate list may be stale (another worker finished it meanwhile).
    const msg = await OutboxMessage.findById(id).lean<OutboxMessageDoc>();
    if (!msg || !isDue(msg, now)) {
      // Its marker was stale (the message was finished, or moved on, meanwhile): correct it.
      await syncDue(id, msg);
      return 'skipped';
    }
    const attempts = msg.attempts + 1;
    const base = { claimGeneration: generation, workerId, updatedAt: now };
    if (msg.status === 'sending' && msg.attempts >= policy.maxAttempts) {
      // Its last attempt took its worker down; do not try again.
      const update = {
        ...base,
        status: 'dead' as const,
        failedAt: now,
        failureReason: 'max-attempts' as const,
        lastError: 'lease expired during the last attempt',
      };
      await OutboxMessage.updateOne({ _id: id }, { $set: update });
      await unmarkDue(id);
      await callHook(options.onFailed, { ...msg, ...update });
      return 'dead';
    }
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await OutboxMessage.updateOne(
      { _id: id },
      { $set: { ...base, status: 'sending', attempts, leaseUntil, lastAttemptAt: now } },
    );
    // Should this worker die while sending, the message is due again when its lease runs out.
    await markDue(id, leaseUntil);

    let result: SendResult | undefined;
    let error: SendError | undefined;
    let rendered: RenderedMail | undefined;
    try {
      rendered = render(msg.template, msg.lang, msg.data);
    } catch (err) {
      error = classifyRenderError(err);
    }
    if (rendered) {
      try {
        result = await channel.send({
          messageId: msg.messageId,
          from,
          to: msg.to,
          ...rendered,
          headers: AUTO_HEADERS,
        });
      } catch (err) {
        // Channels throw classified SendErrors; anything else (a full disk under the mailbox) may pass.
        error = err instanceof SendError ? err : new SendError('temporary', errorText(err));
      }
    }
    const doneAt = clock.now();
    const decision = decideAfterAttempt(
      error ? { ok: false, kind: error.kind } : { ok: true },
      attempts,
      doneAt,
      policy,
      { retryRefused: true },
    );
    if (!(await stillOwnsClaim(id, generation))) {
      // Our lease ran out and another worker took over: it owns the status now. If we did send,
      // the recipient may get the mail twice, with the same Message-ID (delivery is at-least-once;
      // this check narrows the window, it cannot close it without an atomic compare-and-set).
      log.warn({ outboxId: String(id), generation, sent: !error }, 'lease lost before recording the outcome');
      return 'skipped';
    }
    const common = { status: decision.status, attempts, updatedAt: doneAt, leaseUntil: null };
    let update: Record<string, unknown>;
    if (decision.status === 'sent') {
      update = {
        ...common,
        sentAt: decision.sentAt,
        response: result?.response.slice(0, 1000),
        rejected: result?.rejected,
      };
    } else if (decision.status === 'pending') {
      update = { ...common, nextAttemptAt: decision.nextAttemptAt, lastError: error?.message.slice(0, 1000) };
    } else {
      update = {
        ...common,
        failedAt: doneAt,
        failureReason: decision.reason,
        lastError: error?.message.slice(0, 1000),
      };
    }
    await OutboxMessage.updateOne({ _id: id }, { $set: update });
    const stored = { ...msg, ...update, claimGeneration: generation, workerId } as OutboxMessageDoc;
    // After the status: a marker without a due message is corrected; a due message without one is not seen.
    await syncDue(id, stored);
    log.info(
      { outboxId: String(id), template: msg.template, status: decision.status, attempts },
      'mail attempt recorded',
    );
    if (decision.status === 'sent') await callHook(options.onSent, stored);
    if (decision.status === 'failed' || decision.status === 'dead') await callHook(options.onFailed, stored);
    return decision.status === 'pending' ? 'retried' : decision.status;
  }

  async function processOne(id: Types.ObjectId): Promise<Outcome> {
    const generation = await claimOutboxMessage(id, workerId, clock.now(), leaseMs);
    if (generation === null) return 'skipped';
    try {
      return await sendOwned(id, generation);
    } finally {
      // Written after the message's status, so whoever sees the release also sees the outcome.
      await releaseClaim(id, generation, clock.now());
    }
  }

  const restoring = restoreSchedule(options.restoreEveryMs);

  async function runOnce(): Promise<MailRunSummary> {
    const now = clock.now();
    if (restoring.due(now)) {
      const restored = await restoreDueMarkers();
      if (restored > 0) log.warn({ restored }, 'pending mails without a due marker found and marked');
    }
    const due = await dueMessageIds(now, batchSize);
    const summary: MailRunSummary = { due: due.length, sent: 0, retried: 0, failed: 0, dead: 0, skipped: 0 };
    await runPool(due, concurrency, async (_id) => {
      try {
        summary[await processOne(_id)]++;
      } catch (err) {
        // A database hiccup on one message must not stop the batch; the claim's lease lets a later run retry it.
        log.error({ err, outboxId: String(_id) }, 'mail worker failed on a message');
        summary.skipped++;
      }
    });
    return summary;
  }

  // A full batch means a backlog: go again at once instead of waiting a poll interval.
  const loop = pollLoop(
    async () => (await runOnce()).due >= batchSize,
    (err) => log.error({ err }, 'mail worker run failed'),
  );

  return {
    workerId,
    runOnce,
    start: (pollMs: number) => loop.start(pollMs),
    stop: () => loop.stop(),
  };
}
