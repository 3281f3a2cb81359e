// Acknowledgements of ministry notices by the liaison: one per notice, taken by inserting under the
// unique noticeId key (architecture.md §4), so a double click or two liaisons at once record one.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const ministryNoticeAckSchema = new Schema(
  {
    noticeId: { type: Schema.Types.ObjectId, required: true },
    incidentId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
  },
  { collection: 'ministry_notice_acks', versionKey: false },
);
ministryNoticeAckSchema.index({ noticeId: 1 }, { unique: true });
ministryNoticeAckSchema.index({ incidentId: 1 });

export type MinistryNoticeAckDoc = InferSchemaType<typeof ministryNoticeAckSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const MinistryNoticeAck = mongoose.model('MinistryNoticeAck', ministryNoticeAckSchema);
