// The end of a run's enqueue step: written once (the run id is the key) after the last page, with
// the totals. Its absence means the step is still to do or to finish (pages already written are the
// checkpoints: a restarted step skips them).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticeEnqueueSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    pages: { type: Number, required: true },
    recipients: { type: Number, required: true },
    email: { type: Number, required: true },
    letter: { type: Number, required: true },
    finishedAt: { type: Date, required: true },
  },
  { collection: 'notice_enqueues', versionKey: false },
);

export type NoticeEnqueueDoc = InferSchemaType<typeof noticeEnqueueSchema>;
export const NoticeEnqueue = mongoose.model('NoticeEnqueue', noticeEnqueueSchema);
