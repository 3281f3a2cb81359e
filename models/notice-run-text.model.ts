// The incident-specific texts of a notice run, per language, as versions (never edited in place):
// what happened, which data, consequences, what we did, what you can do (domain.md §4, AP 2024).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const langTextSchema = new Schema(
  {
    lang: { type: String, required: true, maxlength: 12 },
    whatHappened: { type: String, default: '', maxlength: 5000 },
    dataConcerned: { type: String, default: '', maxlength: 5000 },
    consequences: { type: String, default: '', maxlength: 5000 },
    measures: { type: String, default: '', maxlength: 5000 },
    advice: { type: String, default: '', maxlength: 5000 },
  },
  { _id: false },
);

const noticeRunTextSchema = new Schema(
  {
    runId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true, min: 1 },
    texts: { type: [langTextSchema], default: [] },
    /** sha256 of the texts: what an approval pins. */
    hash: { type: String, required: true, maxlength: 64 },
    createdAt: { type: Date, required: true },
    createdById: { type: String, required: true },
    createdByName: { type: String, required: true },
  },
  { collection: 'notice_run_texts', versionKey: false },
);
noticeRunTextSchema.index({ runId: 1, version: 1 }, { unique: true });

export type NoticeRunTextDoc = InferSchemaType<typeof noticeRunTextSchema> & { _id: mongoose.Types.ObjectId };
export const NoticeRunText = mongoose.model('NoticeRunText', noticeRunTextSchema);
