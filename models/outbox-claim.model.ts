// Claims on outbox messages (architecture.md §4): FerretDB 1.x cannot atomically flip a status, so
// a worker owns a message by inserting {messageId, generation} under a unique index. Whoever
// inserts it wins; an expired lease is taken over by inserting generation + 1. A claim is written
// afterwards only by the worker that inserted it (to release it).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const outboxClaimSchema = new Schema(
  {
    /** The claimed outbox message's _id (not its Message-ID header). */
    messageId: { type: Schema.Types.ObjectId, required: true, ref: 'OutboxMessage' },
    generation: { type: Number, required: true, min: 1 },
    leaseUntil: { type: Date, required: true },
    workerId: { type: String, required: true, maxlength: 200 },
    claimedAt: { type: Date, required: true },
    /** Set by the owner when it is done, so the next attempt need not wait for the lease to run out. */
    releasedAt: { type: Date },
  },
  { collection: 'outbox_claims', versionKey: false },
);
outboxClaimSchema.index({ messageId: 1, generation: 1 }, { unique: true });

/** A stored claim. */
export type OutboxClaimDoc = InferSchemaType<typeof outboxClaimSchema> & { _id: mongoose.Types.ObjectId };
export const OutboxClaim = mongoose.model('OutboxClaim', outboxClaimSchema);
