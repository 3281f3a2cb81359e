// The ministry liaison portal (domain.md §8.4): the liaison sees only the notices sent to the
// ministry — read from the notices collection alone, never from incidents, assessments,
// attachments or affected persons (architecture.md §5) — and acknowledges receipt. Privacy
// officers may read the portal too, to see what the ministry sees; only a liaison acknowledges.
import { MinistryNotice, type MinistryNoticeDoc } from '../../models/ministry-notice.model.js';
import { MinistryNoticeAck } from '../../models/ministry-notice-ack.model.js';

import { requireRoleAudited } from '../audit/audited-role.js';
import { assertRole, type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { NotFoundError } from '../errors.js';
import { toObjectId } from '../authority/incident-facts.js';
import type { MinistryNoticeContent } from './ministry-notice-content.js';
import { noticeHeads, type NoticeHead } from './notice-heads.js';
import { auditAction } from '../audit/audit-action.js';

/** One incident's notices in the portal list. */
export interface NoticeThreadRow {
  reference: string;
  latestId: string;
  firstSentAt: Date;
  lastSentAt: Date;
  count: number;
  unacknowledged: number;
}

/** One notice in the portal. */
export interface PortalNotice extends NoticeHead {
  subject: string;
  content: MinistryNoticeContent;
}

const MAX_NOTICES = 1000;

async function assertPortalReader(ctx: ActionContext, object: { type: string; id?: string }): Promise<void> {
  await requireRoleAudited(ctx, ['ministry_liaison', 'privacy_officer'], {
    action: 'ministry.portal.access',
    object,
  });
}

/** The notices sent to the ministry, one row per incident, newest first (audit: ministry.portal.list). */
export async function listNoticeThreads(ctx: ActionContext): Promise<NoticeThreadRow[]> {
  await assertPortalReader(ctx, { type: 'ministry-notices' });
  const notices = await MinistryNotice.find({})
    .select({ incidentId: 1, reference: 1, sentAt: 1, version: 1 })
    .sort({ sentAt: -1 })
    .limit(MAX_NOTICES)
    .lean();
  const acks = new Set(
    (
      await MinistryNoticeAck.find({ noticeId: { $in: notices.map((x) => x._id) } })
        .select({ noticeId: 1 })
        .lean()
    ).map((a) => String(a.noticeId)),
  );
  const threads = new Map<string, NoticeThreadRow>();
  for (const x of notices) {
    const key = String(x.incidentId);
    const row = threads.get(key) ?? {
      reference: x.reference,
      latestId: String(x._id),
      firstSentAt: x.sentAt,
      lastSentAt: x.sentAt,
      count: 0,
      unacknowledged: 0,
    };
    row.count++;
    if (x.sentAt < row.firstSentAt) row.firstSentAt = x.sentAt;
    if (!acks.has(String(x._id))) row.unacknowledged++;
    threads.set(key, row);
  }
  await auditAction(ctx, {
    action: 'ministry.portal.list',
    object: { type: 'ministry-notices' },
    details: { rows: threads.size },
  });
  return [...threads.values()];
}

/** A notice with every other notice on the same incident (audit: ministry.notice.view). */
export async function getNoticeThread(
  noticeId: string,
  ctx: ActionContext,
): Promise<{ reference: string; notices: PortalNotice[]; canAcknowledge: boolean }> {
  await assertPortalReader(ctx, { type: 'ministry-notice', id: String(noticeId) });
  const notice = await MinistryNotice.findById(toObjectId(noticeId)).lean<MinistryNoticeDoc>();
  if (!notice) throw new NotFoundError();
  const thread = await MinistryNotice.find({ incidentId: notice.incidentId })
    .sort({ version: 1 })
    .lean<MinistryNoticeDoc[]>();
  const heads = await noticeHeads(thread);
  await auditAction(ctx, {
    action: 'ministry.notice.view',
    object: { type: 'ministry-notice', id: String(notice._id), ref: notice.reference },
  });
  return {
    reference: notice.reference,
    canAcknowledge: ctx.user.role === 'ministry_liaison',
    notices: thread.map((x, i) => ({
      ...heads[i]!,
      subject: x.subject,
      content: x.content as MinistryNoticeContent,
    })),
  };
}

/** Records the liaison's acknowledgement; a second one keeps the first (audit: ministry.notice.acknowledge). */
export async function acknowledgeNotice(
  noticeId: string,
  ctx: ActionContext,
): Promise<{ at: Date; alreadyAcknowledged: boolean }> {
  await assertPortalReader(ctx, { type: 'ministry-notice', id: String(noticeId) });
  assertRole(ctx.user, 'ministry_liaison');
  const notice = await MinistryNotice.findById(toObjectId(noticeId))
    .select({ incidentId: 1, reference: 1 })
    .lean();
  if (!notice) throw new NotFoundError();
  try {
    await MinistryNoticeAck.create({
      noticeId: notice._id,
      incidentId: notice.incidentId,
      at: ctx.now,
      byId: ctx.user.id,
      byName: ctx.user.name,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await MinistryNoticeAck.findOne({ noticeId: notice._id }).lean();
    return { at: existing?.at ?? ctx.now, alreadyAcknowledged: true };
  }
  await auditAction(ctx, {
    action: 'ministry.notice.acknowledge',
    object: { type: 'ministry-notice', id: String(notice._id), ref: notice.reference },
  });
  return { at: ctx.now, alreadyAcknowledged: false };
}
