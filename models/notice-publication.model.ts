// A public communication instead of individual notices (GDPR Art. 34(3)(c), domain.md §4): the text
// as published, generated from the notice templates, and where and when it was published.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

const publishedTextSchema = new Schema(
  {
    lang: { type: String, required: true, maxlength: 12 },
    templateVersion: { type: Number, required: true },
    subject: { type: String, required: true, maxlength: 500 },
    body: { type: String, required: true, maxlength: 50_000 },
  },
  { _id: false },
);

const noticePublicationSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    textVersion: { type: Number, required: true },
    texts: { type: [publishedTextSchema], required: true },
    where: { type: String, required: true, maxlength: 1000 },
    publishedAt: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
  },
  { collection: 'notice_publications', versionKey: false },
);
noticePublicationSchema.index({ incidentId: 1, recordedAt: 1 });

// Found per parent through a foreign-key index kept current by the change feed (issue 10).
noticePublicationSchema.plugin(trackChanges);

export type NoticePublicationDoc = InferSchemaType<typeof noticePublicationSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const NoticePublication = mongoose.model('NoticePublication', noticePublicationSchema);
