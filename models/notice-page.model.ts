// The recipients of a notice run, frozen at its start in pages of up to 1,000 (written once by the
// enqueue step, never changed; deleted by the contact-data purge). A page holds what sending needs:
// the person, the language and the sealed name + e-mail address, so sending never reads the
// affected-persons list again. Keyed `${runId}:${page}`: the enqueue step is idempotent.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const pageItemSchema = new Schema(
  {
    /** Affected person id. */
    p: { type: String, required: true, maxlength: 24 },
    /** Language of the notice. */
    l: { type: String, required: true, maxlength: 12 },
    /** Sealed { name, email }; absent for persons who only get a letter. */
    c: { type: String, maxlength: 4000 },
  },
  { _id: false },
);

const noticePageSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    page: { type: Number, required: true, min: 0 },
    items: { type: [pageItemSchema], required: true },
  },
  { collection: 'notice_pages', versionKey: false },
);

export type NoticePageDoc = InferSchemaType<typeof noticePageSchema>;
export const NoticePage = mongoose.model('NoticePage', noticePageSchema);
