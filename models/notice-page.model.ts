// The recipients of a notice run, frozen at its start in pages of up to 1,000 (written once by the
// enqueue step, never changed; deleted by the contact-data purge). A page holds what sending needs:
// the persons, their languages and their names + e-mail addresses sealed as one blob. Kept as a few
// long strings rather than an array of sub-documents: FerretDB reads every stored byte of a table
// to find a document by _id, and strings are the cheapest bytes to read. Keyed `${runId}:${page}`.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticePageSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    page: { type: Number, required: true, min: 0 },
    /** Affected person ids, comma-separated, in page order. */
    persons: { type: String, required: true },
    /** Language codes, comma-separated, in page order. */
    langs: { type: String, required: true },
    /** Sealed JSON array of [name, email] per person, null for letter-only persons. */
    contacts: { type: String, required: true },
  },
  { collection: 'notice_pages', versionKey: false },
);

export type NoticePageDoc = InferSchemaType<typeof noticePageSchema>;
export const NoticePage = mongoose.model('NoticePage', noticePageSchema);
