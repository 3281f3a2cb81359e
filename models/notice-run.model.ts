// A notice run: one notification of the affected persons of an incident (a first notice, later
// perhaps a follow-up). The document itself never changes after creation; its state is the fold of
// its events (notice-run-event.model.ts), its texts are versions (notice-run-text.model.ts).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

const noticeRunSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    incidentReference: { type: String, required: true, maxlength: 64 },
    /** 1, 2, … per incident, taken under the unique (incidentId, number) key. */
    number: { type: Number, required: true, min: 1 },
    createdAt: { type: Date, required: true },
    createdById: { type: String, required: true },
    createdByName: { type: String, required: true },
  },
  { collection: 'notice_runs', versionKey: false },
);
noticeRunSchema.index({ incidentId: 1, number: 1 }, { unique: true });

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
noticeRunSchema.plugin(trackChanges);

export type NoticeRunDoc = InferSchemaType<typeof noticeRunSchema> & { _id: mongoose.Types.ObjectId };
export const NoticeRun = mongoose.model('NoticeRun', noticeRunSchema);
