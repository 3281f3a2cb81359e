// Which notice runs may be sending (architecture.md §4): one small document per run, under the
// run's own `_id`, written before the event that starts or resumes the run and removed once the run
// has ended (completed or cancelled). The notice worker polls these instead of folding the events
// of every run ever made, which it did once a second (issue 10: an idle app kept the database busy).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticeSendingSchema = new Schema(
  {
    /** The notice run's _id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    /** When the run was last started or resumed. */
    since: { type: Date, required: true },
  },
  { collection: 'notice_sending', versionKey: false },
);

/** A stored marker. */
export type NoticeSendingDoc = InferSchemaType<typeof noticeSendingSchema>;
export const NoticeSending = mongoose.model('NoticeSending', noticeSendingSchema);
