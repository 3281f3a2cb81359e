// Affected persons of an incident (domain.md §4: the people a notice goes to). Only what notifying
// needs is kept, and the contact data itself is sealed (AES-256-GCM, server/notices/contact-crypto.ts):
// the database holds the language, the channel and an opaque blob. Duplicates are refused by the
// unique (incidentId, dedupeKey) index, where dedupeKey is a keyed hash of the normalised contact.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

/** How a person can be reached: by e-mail, or only by post. */
export const CONTACT_CHANNELS = ['email', 'letter'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

const affectedPersonSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    /** Keyed hash (HMAC) of the normalised e-mail address, or of name + address when there is none. */
    dedupeKey: { type: String, required: true, maxlength: 64 },
    /** Language code of the notice this person should get (e.g. nl, en, tr). */
    lang: { type: String, required: true, maxlength: 12 },
    channel: { type: String, required: true, enum: CONTACT_CHANNELS },
    hasAddress: { type: Boolean, required: true },
    /** Sealed JSON of { name, email, addressLines, postcode, city, country }. */
    contact: { type: String, required: true, maxlength: 8000 },
    source: { type: String, required: true, enum: ['import', 'manual'] },
    importId: { type: Schema.Types.ObjectId },
    /** The row of the import file this person came from (for the officer's reference). */
    rowNumber: { type: Number },
    /** Taken off the list by an officer; kept so the change stays traceable. */
    excludedAt: { type: Date },
    excludedById: { type: String },
    createdAt: { type: Date, required: true },
    createdById: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    updatedById: { type: String, required: true },
  },
  { collection: 'affected_persons', versionKey: false },
);
affectedPersonSchema.index({ incidentId: 1, dedupeKey: 1 }, { unique: true });
affectedPersonSchema.index({ incidentId: 1, _id: 1 });

// Listed per incident through a foreign-key index kept current by the change feed (issue 10).
affectedPersonSchema.plugin(trackChanges);

export type AffectedPersonDoc = InferSchemaType<typeof affectedPersonSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const AffectedPerson = mongoose.model('AffectedPerson', affectedPersonSchema);
