// Claims on outbox messages (architecture.md §4): FerretDB 1.x cannot atomically flip a status, so
// a worker owns a message by inserting the claim of the next generation under a unique key. The key
// is the claim's `_id` (`<message id>:<generation>`, server/db/lease-claims.ts `leaseClaimsById`):
// FerretDB's SQLite backend finds a document fast only by `_id` equality, and every mail costs a
// few claim lookups, so a field lookup there read the whole collection (2–2.5 s per lookup with
// 8,000 claims). Whoever inserts a generation wins; an expired lease is taken over by inserting
// generation + 1. A claim is written afterwards only by the worker that inserted it (to release it).
//
// Claims of earlier versions (collection `outbox_claims`, addressed by fields) are dropped when a
// worker starts (notifications/outbox-due.ts).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const outboxClaimSchema = new Schema(
  {
    /** `<message id>:<generation>`. */
    _id: { type: String, required: true },
    /** The claimed outbox message's _id (not its Message-ID header). */
    messageId: { type: Schema.Types.ObjectId, required: true, ref: 'OutboxMessage' },
    generation: { type: Number, required: true, min: 1 },
    leaseUntil: { type: Date, required: true },
    workerId: { type: String, required: true, maxlength: 200 },
    claimedAt: { type: Date, required: true },
    /** Set by the owner when it is done, so the next attempt need not wait for the lease to run out. */
    releasedAt: { type: Date },
  },
  { collection: 'mail_claims', versionKey: false },
);
// For deleting a message's claims with it (retention), on MongoDB.
outboxClaimSchema.index({ messageId: 1 });

/** A stored claim. */
export type OutboxClaimDoc = InferSchemaType<typeof outboxClaimSchema>;
export const OutboxClaim = mongoose.model('OutboxClaim', outboxClaimSchema);
