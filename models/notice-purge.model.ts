// The record that an incident's affected-persons contact data was purged (config.retention
// .contactDataPurgeDays after closing): once per incident (its id is the key), with the counts kept.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticePurgeSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    purgedAt: { type: Date, required: true },
    closedAt: { type: Date, required: true },
    persons: { type: Number, required: true },
    email: { type: Number, required: true },
    letter: { type: Number, required: true },
    /** Counts per language, as `lang:count`. */
    languages: { type: [String], default: [] },
    pages: { type: Number, required: true },
  },
  { collection: 'notice_purges', versionKey: false },
);

export type NoticePurgeDoc = InferSchemaType<typeof noticePurgeSchema>;
export const NoticePurge = mongoose.model('NoticePurge', noticePurgeSchema);
