// Messages between the privacy officer and an external reporter (issue 15 item 3), per incident,
// in the order written. Never changed or removed by the app, except that a reporter's message is
// marked read once a privacy officer has seen it.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const externalMessageSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    from: { type: String, enum: ['officer', 'reporter'], required: true },
    /** The officer's name; empty for the reporter (shown as "external reporter"). */
    authorName: { type: String },
    text: { type: String, required: true, maxlength: 10_000 },
    at: { type: Date, required: true },
    /** A reporter's message: when a privacy officer first opened the incident page after it came in (unread until then). */
    readAt: { type: Date },
  },
  { collection: 'external_messages', versionKey: false },
);
externalMessageSchema.index({ incidentId: 1, at: 1 });

export type ExternalMessageDoc = InferSchemaType<typeof externalMessageSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ExternalMessage = mongoose.model('ExternalMessage', externalMessageSchema);
