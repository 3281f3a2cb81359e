// Chasing unacknowledged ministry notices (domain.md §8.4; MINISTRY_ACK_HOURS): a reminder mail
// for every full window without acknowledgement, at most MAX_REMINDERS per notice. Safe to run
// twice and from several processes: each reminder's outbox key is unique, so it is stored once.
// The same run re-queues the mail of a notice whose enqueue was lost (e.g. a crash in between).
import { MinistryNotice, type MinistryNoticeDoc } from '../../models/ministry-notice.model.js';
import { MinistryNoticeAck } from '../../models/ministry-notice-ack.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { enqueueMail } from '../../notifications/outbox.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Config } from '../config.js';

export const MAX_REMINDERS = 3;
const HOUR_MS = 3_600_000;

/** Which reminder (1…MAX) is due for a notice sent at `sentAt`, or 0 when none yet. Pure. */
export function reminderNumber(sentAt: Date, now: Date, ackHours: number): number {
  const windows = Math.floor((now.getTime() - sentAt.getTime()) / (ackHours * HOUR_MS));
  return Math.max(0, Math.min(MAX_REMINDERS, windows));
}

/** Enqueues the reminders that are due; returns how many new ones were stored. */
export async function sendAcknowledgementReminders(
  config: Pick<Config, 'ministry' | 'mail' | 'baseUrl'>,
  now: Date,
): Promise<{ reminders: number; requeued: number }> {
  const windowMs = config.ministry.ackHours * HOUR_MS;
  // Notices old enough for a first reminder, but not past the last one (bounded scan).
  const notices = await MinistryNotice.find({
    sentAt: {
      $lte: new Date(now.getTime() - windowMs),
      $gte: new Date(now.getTime() - windowMs * (MAX_REMINDERS + 1)),
    },
  })
    .select({ reference: 1, sentAt: 1, recipients: 1, incidentId: 1 })
    .lean<MinistryNoticeDoc[]>();
  const acked = new Set(
    (
      await MinistryNoticeAck.find({ noticeId: { $in: notices.map((x) => x._id) } })
        .select({ noticeId: 1 })
        .lean()
    ).map((a) => String(a.noticeId)),
  );
  let reminders = 0;
  for (const notice of notices) {
    if (acked.has(String(notice._id))) continue;
    const n = reminderNumber(notice.sentAt, now, config.ministry.ackHours);
    if (n === 0) continue;
    const to = config.mail.ministryEmails.length ? [...config.mail.ministryEmails] : notice.recipients;
    const { created } = await enqueueMail(
      {
        key: `ministry-notice-reminder:${String(notice._id)}:${n}`,
        template: 'ministry-notice-reminder',
        lang: 'nl',
        to,
        data: {
          reference: notice.reference,
          sentAt: notice.sentAt,
          link: `${config.baseUrl}/ministry/notices/${String(notice._id)}`,
        },
        kind: 'ministry-reminder',
        incidentId: notice.incidentId,
      },
      now,
    );
    if (!created) continue;
    reminders++;
    await recordAudit(
      {
        actor: { kind: 'system', label: 'ministry-reminders' },
        origin: { via: 'scheduler' },
        action: 'ministry.notice.remind',
        object: { type: 'ministry-notice', id: String(notice._id), ref: notice.reference },
        details: { reminder: n, recipients: to.length },
      },
      now,
    );
  }
  return { reminders, requeued: await requeueLostNoticeMails(now) };
}

/** Enqueues (idempotently) the mail of recent notices that have no outbox message. */
async function requeueLostNoticeMails(now: Date): Promise<number> {
  const recent = await MinistryNotice.find({ sentAt: { $gte: new Date(now.getTime() - 7 * 24 * HOUR_MS) } })
    .select({ outboxKey: 1, recipients: 1, content: 1, incidentId: 1 })
    .lean<MinistryNoticeDoc[]>();
  if (!recent.length) return 0;
  const queued = new Set(
    (
      await OutboxMessage.find({ key: { $in: recent.map((x) => x.outboxKey) } })
        .select({ key: 1 })
        .lean()
    ).map((m) => m.key),
  );
  let requeued = 0;
  for (const x of recent) {
    if (queued.has(x.outboxKey)) continue;
    const { created } = await enqueueMail(
      {
        key: x.outboxKey,
        template: 'ministry-notice',
        lang: 'nl',
        to: x.recipients,
        data: x.content as never,
        kind: 'ministry-notice',
        incidentId: x.incidentId,
      },
      now,
    );
    if (created) requeued++;
  }
  return requeued;
}
