// The person behind a report from the public page (issue 15): how they sign in again (the receipt
// code as a keyed hash for look-up, the passphrase as an argon2id hash — neither is kept in the
// clear), the contact details they chose to give, the spam mark and the size budget of the code.
// No network address, browser or other trace of the reporter is stored.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const externalReporterSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId },
    /** HMAC of the receipt code: unique, so a code finds one report. */
    codeLookup: { type: String, required: true },
    passphraseHash: { type: String, required: true },
    anonymous: { type: Boolean, required: true },
    contactName: { type: String, trim: true, maxlength: 200 },
    contactEmail: { type: String, trim: true, maxlength: 254 },
    contactPhone: { type: String, trim: true, maxlength: 40 },
    /** Mail "there is a new message" to contactEmail (never the content). */
    notify: { type: Boolean, default: false },
    language: { type: String, enum: ['nl', 'en'], default: 'nl' },
    /** Bytes of files and text received under this code (the size budget, issue 15 item 5). */
    bytesUsed: { type: Number, default: 0 },
    spam: { type: Boolean, default: false },
    spamMarkedAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { collection: 'external_reporters', versionKey: false },
);
externalReporterSchema.index({ codeLookup: 1 }, { unique: true });
externalReporterSchema.index({ incidentId: 1 });

export type ExternalReporterDoc = InferSchemaType<typeof externalReporterSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const ExternalReporter = mongoose.model('ExternalReporter', externalReporterSchema);
