// Notice templates (domain.md §10.6), one version per edit and language: a version is never changed,
// so an approval can pin it by id and content hash (a later edit is a new version and voids it).
// Versions are taken by inserting under the unique (lang, version) key (architecture.md §4).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticeTemplateSchema = new Schema(
  {
    lang: { type: String, required: true, maxlength: 12 },
    /** The language's own name (Nederlands, English, Türkçe …). */
    langName: { type: String, required: true, maxlength: 60 },
    version: { type: Number, required: true, min: 1 },
    subject: { type: String, required: true, maxlength: 500 },
    body: { type: String, required: true, maxlength: 20_000 },
    /** sha256 of lang, subject and body: what an approval pins. */
    hash: { type: String, required: true, maxlength: 64 },
    builtIn: { type: Boolean, required: true, default: false },
    createdAt: { type: Date, required: true },
    createdById: { type: String },
    createdByName: { type: String },
  },
  { collection: 'notice_templates', versionKey: false },
);
noticeTemplateSchema.index({ lang: 1, version: 1 }, { unique: true });

export type NoticeTemplateDoc = InferSchemaType<typeof noticeTemplateSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const NoticeTemplate = mongoose.model('NoticeTemplate', noticeTemplateSchema);
