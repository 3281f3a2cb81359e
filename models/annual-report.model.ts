// The annual report's narrative (issue 17): one per year, written by a privacy officer over a text
// generated from the figures; who saved it last and when are kept with it.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const annualReportSchema = new Schema(
  {
    year: { type: Number, required: true },
    narrative: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedById: { type: String, required: true },
    updatedByName: { type: String, required: true },
  },
  { collection: 'annual_reports', versionKey: false },
);
annualReportSchema.index({ year: 1 }, { unique: true });

export type AnnualReportDoc = InferSchemaType<typeof annualReportSchema> & { _id: mongoose.Types.ObjectId };
export const AnnualReport = mongoose.model('AnnualReport', annualReportSchema);
