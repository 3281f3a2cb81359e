// Counted attempts on the public report page (issue 15 item 5), the slots of the shared attempt
// limiter (server/db/attempt-slots.ts). Keys name a limit, never a person: "all reports" and "this
// receipt code" (as its keyed hash). No network address is stored.
import mongoose, { Schema } from 'mongoose';

const intakeAttemptSchema = new Schema(
  {
    key: { type: String, required: true },
    n: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'intake_attempts', versionKey: false },
);
intakeAttemptSchema.index({ key: 1, n: 1 }, { unique: true });
intakeAttemptSchema.index({ at: 1 });

export const IntakeAttempt = mongoose.model('IntakeAttempt', intakeAttemptSchema);
