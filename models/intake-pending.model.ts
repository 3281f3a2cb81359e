// A report being filed (issue 11 item 7): inserted under the incident's `_id` before the incident,
// removed once its timeline event, mails and audit entry are written. A process that dies in
// between leaves it behind, and the intake recovery completes what is missing.
import mongoose, { Schema } from 'mongoose';

const intakePendingSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'intake_pending', versionKey: false },
);

export const IntakePending = mongoose.model('IntakePending', intakePendingSchema);
