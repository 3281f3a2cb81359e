// Letters printed and posted for a notice run (domain.md §4: postal delivery for those without
// e-mail or whose e-mail failed): which recipients, and on which date they were posted.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

const noticeLetterPostingSchema = new Schema(
  {
    runId: { type: Schema.Types.ObjectId, required: true },
    incidentId: { type: Schema.Types.ObjectId, required: true },
    postedOn: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
    count: { type: Number, required: true },
    /** Affected person ids (no contact data). */
    personIds: { type: [String], default: [] },
  },
  { collection: 'notice_letter_postings', versionKey: false },
);
noticeLetterPostingSchema.index({ runId: 1, recordedAt: 1 });

// The insights figures count posted letters and are kept until the change feed reports one (issue 17).
noticeLetterPostingSchema.plugin(trackChanges);

export type NoticeLetterPostingDoc = InferSchemaType<typeof noticeLetterPostingSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const NoticeLetterPosting = mongoose.model('NoticeLetterPosting', noticeLetterPostingSchema);
