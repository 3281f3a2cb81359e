// One sealed piece of an evidence file: AES-256-GCM ciphertext with its own nonce and tag, bound to
// its attachment and position by the additional authenticated data (so chunks cannot be swapped).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const attachmentChunkSchema = new Schema(
  {
    attachmentId: { type: Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true },
    iv: { type: Buffer, required: true },
    tag: { type: Buffer, required: true },
    data: { type: Buffer, required: true },
  },
  { collection: 'attachment_chunks', versionKey: false },
);
attachmentChunkSchema.index({ attachmentId: 1, n: 1 }, { unique: true });

export type AttachmentChunkDoc = InferSchemaType<typeof attachmentChunkSchema>;
export const AttachmentChunk = mongoose.model('AttachmentChunk', attachmentChunkSchema);
