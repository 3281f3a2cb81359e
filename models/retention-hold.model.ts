// A legal hold on an incident (issue 13, retention): while it exists the retention sweep keeps the
// incident and everything belonging to it. One document per incident, `_id` = the incident's `_id`,
// so of two officers placing a hold at once one insert wins (architecture.md §4). Lifting the hold
// deletes the document; both steps are in the audit trail, which keeps the history.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const retentionHoldSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    reference: { type: String, required: true, maxlength: 40 },
    reason: { type: String, required: true, maxlength: 1000 },
    byId: { type: String, required: true, maxlength: 100 },
    byLabel: { type: String, required: true, maxlength: 320 },
    at: { type: Date, required: true },
  },
  { collection: 'retention_holds', versionKey: false },
);

export type RetentionHoldDoc = InferSchemaType<typeof retentionHoldSchema>;
export const RetentionHold = mongoose.model('RetentionHold', retentionHoldSchema);
