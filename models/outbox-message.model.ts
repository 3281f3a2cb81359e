// The mail outbox (architecture.md §3 rule 9): a request records the intent to send by inserting a
// row under a unique idempotency key; a worker that has claimed the row (outbox-claim.model.ts)
// sends it and is the only writer of its status. Rows are never deleted, failures included.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** pending → sending → sent | failed (permanent error) | dead (attempts used up); pending again after a temporary error. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
/** The state of an outbox message. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const outboxMessageSchema = new Schema(
  {
    /** Idempotency key, e.g. `report-receipt:DL-2026-0007`: the same intent is stored once. */
    key: { type: String, required: true, maxlength: 300 },
    /** What the mail is for (transactional, notice, …), for listings and throttling. */
    kind: { type: String, required: true, maxlength: 50 },
    template: { type: String, required: true, maxlength: 100 },
    lang: { type: String, required: true, enum: ['nl', 'en'] },
    to: { type: [String], required: true, validate: (v: string[]) => v.length > 0 },
    /** Template data, validated against the email type's schema on enqueue (never passwords). */
    data: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: OUTBOX_STATUSES, default: 'pending' },
    /** Attempts started so far (counted when claimed, so a send that kills its worker still counts). */
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    /** Copy of the owner's claim lease, so abandoned sends can be found without reading claims. */
    leaseUntil: { type: Date },
    claimGeneration: { type: Number, required: true, default: 0 },
    workerId: { type: String, maxlength: 200 },
    lastAttemptAt: { type: Date },
    lastError: { type: String, maxlength: 1000 },
    /** Server response of the accepted send. */
    response: { type: String, maxlength: 1000 },
    /** Recipients the server refused while accepting the message for the others. */
    rejected: { type: [String], default: undefined },
    sentAt: { type: Date },
    failedAt: { type: Date },
    /** Why a message ended failed or dead: refused (5xx) until attempts ran out, can never be sent, or temporary failures ran out. */
    failureReason: { type: String, enum: ['permanent', 'invalid', 'max-attempts'] },
    /** Deterministic RFC 5322 Message-ID (`<sha256(key)@meldpunt>`): a redelivery is traceable. */
    messageId: { type: String, required: true, maxlength: 200 },
    incidentId: { type: Schema.Types.ObjectId, ref: 'Incident' },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'outbox_messages', versionKey: false },
);
outboxMessageSchema.index({ key: 1 }, { unique: true });
outboxMessageSchema.index({ messageId: 1 }, { unique: true });
outboxMessageSchema.index({ status: 1, nextAttemptAt: 1 });
outboxMessageSchema.index({ incidentId: 1 });

/** A stored outbox message. */
export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema> & { _id: mongoose.Types.ObjectId };
export const OutboxMessage = mongoose.model('OutboxMessage', outboxMessageSchema);
