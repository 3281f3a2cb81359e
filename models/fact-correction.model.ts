// The privacy officer's corrections of an incident's facts (issue 12, "one set of facts"): each
// correction is a new version, appended under the unique (incidentId, version) key and never
// changed. The reporter's own version is the incident document itself, which is never rewritten
// by a correction; the facts in force are derived on read (server/facts/effective-facts.ts).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

const factCorrectionSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true, min: 1 },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
    /** Why the facts were corrected (required: domain.md §10.7 asks the register to hold the reasoning). */
    reason: { type: String, required: true, trim: true, maxlength: 5000 },
    /** The corrected facts, by fact name (server/facts/fact-fields.ts); null = not known. */
    changes: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'fact_corrections', versionKey: false, minimize: false },
);
factCorrectionSchema.index({ incidentId: 1, version: 1 }, { unique: true });

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
factCorrectionSchema.plugin(trackChanges);

export type FactCorrectionDoc = InferSchemaType<typeof factCorrectionSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const FactCorrection = mongoose.model('FactCorrection', factCorrectionSchema);
