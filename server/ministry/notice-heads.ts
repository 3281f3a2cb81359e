// What the officer's notice page and the liaison's portal both show of each notice to the ministry
// (domain.md §8.4): its place in the thread and whether, when and by whom it was acknowledged.
import type { MinistryNoticeDoc } from '../../models/ministry-notice.model.js';
import { MinistryNoticeAck } from '../../models/ministry-notice-ack.model.js';

export interface NoticeHead {
  id: string;
  version: number;
  kind: 'initial' | 'followup';
  sentAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

/** The heads of the given notices, in their order, with their acknowledgements. */
export async function noticeHeads(notices: readonly MinistryNoticeDoc[]): Promise<NoticeHead[]> {
  if (!notices.length) return [];
  const acks = await MinistryNoticeAck.find({ noticeId: { $in: notices.map((x) => x._id) } }).lean();
  return notices.map((x) => {
    const ack = acks.find((a) => String(a.noticeId) === String(x._id));
    return {
      id: String(x._id),
      version: x.version,
      kind: x.kind,
      sentAt: x.sentAt,
      acknowledgedAt: ack?.at ?? null,
      acknowledgedBy: ack?.byName ?? null,
    };
  });
}
