// Internal mail that could not be delivered (issue 11 item 13): alerts, reminders and ministry
// notices must not die silently. Messages that ended failed or dead are listed for administrators,
// counted in a banner on their pages, and can be put back in the outbox once the cause is fixed.
import { Types } from 'mongoose';
import { OutboxMessage, type OutboxMessageDoc } from '../../models/outbox-message.model.js';

import { assertRole, type ActionContext } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { isMailLang, isMailTemplateName } from '../../notifications/mail-types.js';
import { getMailRenderer } from '../../notifications/templates.js';
import { markDue } from '../../notifications/outbox-due.js';
import { auditAction } from '../audit/audit-action.js';

const UNDELIVERED = ['failed', 'dead'] as const;
const LIST_LIMIT = 200;

/** One undelivered message as an administrator sees it. */
export interface UndeliverableRow {
  id: string;
  createdAt: Date;
  failedAt: Date | undefined;
  to: string[];
  /** The mail's own subject in its language, or null when it cannot be rendered. */
  subject: string | null;
  attempts: number;
  lastError: string;
  reason: 'permanent' | 'invalid' | 'max-attempts';
  retryable: boolean;
}

function reasonOf(
  m: Pick<OutboxMessageDoc, 'status' | 'failureReason' | 'lastError'>,
): UndeliverableRow['reason'] {
  if (m.failureReason) return m.failureReason;
  // Rows written before the reason was stored.
  if (m.status === 'dead') return 'max-attempts';
  return /invalid template data|unknown email type/.test(m.lastError ?? '') ? 'invalid' : 'permanent';
}

function subjectOf(m: Pick<OutboxMessageDoc, 'template' | 'lang' | 'data'>): string | null {
  if (!isMailTemplateName(m.template) || !isMailLang(m.lang)) return null;
  try {
    return getMailRenderer().render(m.template, m.lang, m.data as never).subject;
  } catch {
    return null;
  }
}

// The banner count is read at most every 30 s per process: it is shown on every admin page.
let cached: { at: number; count: number } | undefined;
const COUNT_TTL_MS = 30_000;

/** The newest undelivered messages (administrators), and how many there are. */
export async function listUndeliverable(
  ctx: ActionContext,
): Promise<{ rows: UndeliverableRow[]; total: number }> {
  assertRole(ctx.user, 'admin');
  const all = await OutboxMessage.find({ status: { $in: UNDELIVERED } })
    .sort({ failedAt: -1 })
    .lean<OutboxMessageDoc[]>();
  const docs = all.slice(0, LIST_LIMIT);
  // The page knows the true number: the banner shows it from now on.
  cached = { at: Date.now(), count: all.length };
  await auditAction(ctx, {
    action: 'mail.undeliverable.view',
    object: { type: 'mail' },
    details: { rows: docs.length },
  });
  const rows = docs.map((m) => {
    const reason = reasonOf(m);
    return {
      id: String(m._id),
      createdAt: m.createdAt,
      failedAt: m.failedAt ?? undefined,
      to: m.to,
      subject: subjectOf(m),
      attempts: m.attempts,
      lastError: m.lastError ?? '',
      reason,
      retryable: reason !== 'invalid',
    };
  });
  return { rows, total: all.length };
}

/** How many messages are undelivered (cached briefly). */
export async function countUndeliverable(nowMs: number): Promise<number> {
  if (cached && nowMs - cached.at < COUNT_TTL_MS) return cached.count;
  const count = await OutboxMessage.countDocuments({ status: { $in: UNDELIVERED } });
  cached = { at: nowMs, count };
  return count;
}

/**
 * Puts an undelivered message back in the outbox with a fresh set of attempts. The message has no
 * owner while failed or dead (no worker claims it), so this write cannot race a sender; a worker
 * claims it again under the next claim generation (architecture.md §4).
 */
export async function retryUndeliverable(ctx: ActionContext, id: string): Promise<void> {
  assertRole(ctx.user, 'admin');
  if (!Types.ObjectId.isValid(id)) throw new NotFoundError();
  const m = await OutboxMessage.findById(id).lean<OutboxMessageDoc>();
  if (!m || !(UNDELIVERED as readonly string[]).includes(m.status)) throw new NotFoundError();
  if (reasonOf(m) === 'invalid') throw new ConflictError('MAIL_INVALID', 'undeliverable.invalidRetry');
  await OutboxMessage.updateOne(
    { _id: m._id, status: m.status },
    {
      $set: { status: 'pending', attempts: 0, nextAttemptAt: ctx.now, updatedAt: ctx.now },
      $unset: { failedAt: '', failureReason: '', leaseUntil: '' },
    },
  );
  // After the status (the worker removes the marker of a message that is not due).
  await markDue(m._id, ctx.now);
  cached = undefined;
  await auditAction(ctx, {
    action: 'mail.retry',
    object: { type: 'mail', id },
    details: { previousStatus: m.status, attempts: m.attempts },
  });
}
