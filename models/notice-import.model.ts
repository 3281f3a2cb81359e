// One upload of an affected-persons list: its counts and the row-by-row error report (row, column,
// problem — never the rejected values themselves, which may be contact data).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

const importErrorSchema = new Schema(
  {
    row: { type: Number, required: true },
    column: { type: String, required: true, maxlength: 100 },
    problem: { type: String, required: true, maxlength: 100 },
  },
  { _id: false },
);

const noticeImportSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date },
    status: { type: String, required: true, enum: ['running', 'done', 'failed'] },
    delimiter: { type: String, maxlength: 1 },
    /** The recognised columns, by field name. */
    columns: { type: [String], default: [] },
    rows: { type: Number, required: true, default: 0 },
    imported: { type: Number, required: true, default: 0 },
    invalid: { type: Number, required: true, default: 0 },
    duplicates: { type: Number, required: true, default: 0 },
    /** The first problems found (the report is capped; `problemsTruncated` says so). */
    problems: { type: [importErrorSchema], default: [] },
    problemsTruncated: { type: Boolean, default: false },
    /** Why the whole file was refused (no usable header, not UTF-8, too large …): a message key. */
    failure: { type: String, maxlength: 100 },
  },
  { collection: 'notice_imports', versionKey: false },
);
noticeImportSchema.index({ incidentId: 1, startedAt: -1 });

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
noticeImportSchema.plugin(trackChanges);

export type NoticeImportDoc = InferSchemaType<typeof noticeImportSchema> & { _id: mongoose.Types.ObjectId };
export const NoticeImport = mongoose.model('NoticeImport', noticeImportSchema);
