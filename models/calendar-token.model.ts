// Secret calendar-feed tokens (issue 5 "calendar feed"): one per privacy officer at a time; only a
// SHA-256 hash is stored, so a database leak does not leak working feed URLs. Revoking sets
// `revokedAt`; regenerating revokes the old token and inserts a new one.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const calendarTokenSchema = new Schema(
  {
    userId: { type: String, required: true },
    tokenHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { collection: 'calendar_tokens', versionKey: false },
);
calendarTokenSchema.index({ tokenHash: 1 }, { unique: true });
calendarTokenSchema.index({ userId: 1, createdAt: -1 });

/** A stored calendar token (hash only). */
export type CalendarTokenDoc = InferSchemaType<typeof calendarTokenSchema> & { _id: mongoose.Types.ObjectId };
export const CalendarToken = mongoose.model('CalendarToken', calendarTokenSchema);
