// Notices to the commissioning ministry (domain.md §8.4, §10.6): every notice (the first, then
// follow-ups) is a version under the unique (incidentId, version) key and carries a frozen copy of
// what was sent. The liaison portal reads only this collection — never incidents, assessments or
// affected persons — so the content holds no affected persons' personal data.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

const ministryNoticeSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    kind: { type: String, enum: ['initial', 'followup'], required: true },
    /** The incident reference (DL-2026-0007), the only identifier the ministry sees. */
    reference: { type: String, required: true, maxlength: 64 },
    /** The notice as sent: the template data of the `ministry-notice` email (no personal data). */
    content: { type: Schema.Types.Mixed, required: true },
    subject: { type: String, required: true, maxlength: 1000 },
    recipients: { type: [String], required: true },
    outboxKey: { type: String, required: true, maxlength: 300 },
    sentAt: { type: Date, required: true },
    sentById: { type: String, required: true },
    sentByName: { type: String, required: true },
    /** The contract deadline (domain.md §10.5) and whether the notice went after it. */
    deadline: { type: Date },
    late: { type: Boolean, required: true, default: false },
    delayReason: { type: String, maxlength: 5000 },
  },
  { collection: 'ministry_notices', versionKey: false, minimize: false },
);
ministryNoticeSchema.index({ incidentId: 1, version: 1 }, { unique: true });
ministryNoticeSchema.index({ sentAt: -1 });

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
ministryNoticeSchema.plugin(trackChanges);

export type MinistryNoticeDoc = InferSchemaType<typeof ministryNoticeSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const MinistryNotice = mongoose.model('MinistryNotice', ministryNoticeSchema);
