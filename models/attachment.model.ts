// Evidence attached to an incident (domain.md §10.2: "stored encrypted, access-logged"). The file's
// bytes live in attachment_chunks, each chunk sealed with AES-256-GCM; this document holds what is
// needed to list, check and decrypt them. Written only by the upload that created it.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** uploading → complete, or rejected (too large, wrong type, interrupted; its chunks are removed). */
export const ATTACHMENT_STATUSES = ['uploading', 'complete', 'rejected'] as const;

const attachmentSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    /** The incident's reference, so audit entries and listings need no second read. */
    reference: { type: String, required: true },
    filename: { type: String, required: true, maxlength: 255 },
    /** Our own MIME type for the extension (never the browser's claim). */
    contentType: { type: String, required: true, maxlength: 200 },
    status: { type: String, required: true, enum: ATTACHMENT_STATUSES },
    size: { type: Number, required: true, default: 0 },
    chunkCount: { type: Number, required: true, default: 0 },
    /** sha256 of the plaintext, hex: shown to the privacy officer as evidence fingerprint. */
    sha256: { type: String },
    /** Which key sealed the chunks (a fingerprint, never the key): a wrong key fails clearly. */
    keyId: { type: String, required: true },
    /** Per-file salt for deriving the file key from the master key (HKDF). */
    salt: { type: Buffer, required: true },
    uploadedById: { type: String, required: true },
    uploadedByName: { type: String, required: true },
    uploadedAt: { type: Date, required: true },
    rejectedReason: { type: String, maxlength: 100 },
  },
  { collection: 'attachments', versionKey: false },
);
attachmentSchema.index({ incidentId: 1, uploadedAt: 1 });

export type AttachmentDoc = InferSchemaType<typeof attachmentSchema> & { _id: mongoose.Types.ObjectId };
export const Attachment = mongoose.model('Attachment', attachmentSchema);
