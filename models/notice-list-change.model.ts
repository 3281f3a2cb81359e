// Changes to an incident's list of affected persons, as counts (an import, an addition, an edit, an
// exclusion): append-only, so the list's totals are the sum of a few small documents instead of a
// pass over the whole list (architecture.md §4: count documents, never $inc a shared total).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticeListChangeSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    kind: { type: String, required: true, enum: ['import', 'add', 'edit', 'exclude'] },
    total: { type: Number, required: true, default: 0 },
    email: { type: Number, required: true, default: 0 },
    letter: { type: Number, required: true, default: 0 },
    excluded: { type: Number, required: true, default: 0 },
    /** Changes per language, as `lang:delta`. */
    languages: { type: [String], default: [] },
  },
  { collection: 'notice_list_changes', versionKey: false },
);
noticeListChangeSchema.index({ incidentId: 1, at: 1 });

export type NoticeListChangeDoc = InferSchemaType<typeof noticeListChangeSchema>;
export const NoticeListChange = mongoose.model('NoticeListChange', noticeListChangeSchema);
