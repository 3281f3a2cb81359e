// Claims on reminders (architecture.md §4): a scheduler instance owns a reminder by inserting
// {reminderId, generation} under a unique index — never by flipping a status, which FerretDB 1.x
// cannot do atomically. An instance that died holding a claim is taken over once its lease ends, by
// inserting generation + 1; the mail it enqueues has a deterministic outbox key, so a takeover
// cannot send twice.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const reminderClaimSchema = new Schema(
  {
    reminderId: { type: Schema.Types.ObjectId, required: true },
    generation: { type: Number, required: true, min: 1 },
    instanceId: { type: String, required: true, maxlength: 200 },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    /** Set by the owner once the reminder's status is final. */
    releasedAt: { type: Date },
  },
  { collection: 'reminder_claims', versionKey: false },
);
reminderClaimSchema.index({ reminderId: 1, generation: 1 }, { unique: true });

/** A stored reminder claim. */
export type ReminderClaimDoc = InferSchemaType<typeof reminderClaimSchema> & { _id: mongoose.Types.ObjectId };
export const ReminderClaim = mongoose.model('ReminderClaim', reminderClaimSchema);
