// One document per recipient of a notice run, keyed `${runId}:${personId}`: the unique key that makes
// enqueuing idempotent (a person is in a run once, whatever crashes and restarts happen) and tells
// which page holds that person's status. Insert-only (a half-written page is cleared by the
// enqueue step that takes over).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticeRecipientSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    page: { type: Number, required: true },
  },
  { collection: 'notice_recipients', versionKey: false },
);

export type NoticeRecipientDoc = InferSchemaType<typeof noticeRecipientSchema>;
export const NoticeRecipient = mongoose.model('NoticeRecipient', noticeRecipientSchema);
