// Claims on reminders (architecture.md §4): a scheduler instance owns a reminder by inserting the
// claim of the next generation under the `_id` `<reminder id>:<generation>` — never by flipping a
// status, which FerretDB 1.x cannot do atomically — and found by `_id`, the one lookup FerretDB's
// SQLite backend makes without reading the whole collection. An instance that died holding a claim
// is taken over once its lease ends, by inserting generation + 1; the mail it enqueues has a
// deterministic outbox key, so a takeover cannot send twice.
//
// Claims of earlier versions (collection `reminder_claims`, addressed by fields) are dropped when a
// process starts (server/db/earlier-collections.ts).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const reminderClaimSchema = new Schema(
  {
    /** `<reminder id>:<generation>`. */
    _id: { type: String, required: true },
    reminderId: { type: Schema.Types.ObjectId, required: true },
    generation: { type: Number, required: true, min: 1 },
    instanceId: { type: String, required: true, maxlength: 200 },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    /** Set by the owner once the reminder's status is final. */
    releasedAt: { type: Date },
  },
  { collection: 'deadline_claims', versionKey: false },
);
// For deleting a reminder's claims with it (retention), on MongoDB.
reminderClaimSchema.index({ reminderId: 1 });

/** A stored reminder claim. */
export type ReminderClaimDoc = InferSchemaType<typeof reminderClaimSchema>;
export const ReminderClaim = mongoose.model('ReminderClaim', reminderClaimSchema);
