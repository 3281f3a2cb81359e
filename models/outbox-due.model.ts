// Which outbox messages a worker must look at, and from when (architecture.md §4): one small
// document per message that is pending or being sent, under the message's own `_id`, with the
// moment it is due (its next attempt, or the end of its sender's lease). The worker's poll reads
// these instead of the outbox, whose messages carry their template data and are never deleted:
// on FerretDB every such query reads the whole collection, which took 13 s per poll with 24,000
// stored mails. A marker is written before its message is (so no pending message goes unseen)
// and removed once the message is final; a marker whose message is not due is corrected by the
// worker that reads it, and a periodic pass restores any marker a crash left out.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const outboxDueSchema = new Schema(
  {
    /** The outbox message's _id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    dueAt: { type: Date, required: true },
  },
  { collection: 'outbox_due', versionKey: false },
);
outboxDueSchema.index({ dueAt: 1 });

/** A stored marker. */
export type OutboxDueDoc = InferSchemaType<typeof outboxDueSchema>;
export const OutboxDue = mongoose.model('OutboxDue', outboxDueSchema);
