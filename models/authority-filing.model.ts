// Filings with the AP (or, as processor, with the controller): every initial notification,
// follow-up (vervolgmelding) and withdrawal (intrekken) is its own version, taken by inserting under
// the unique (incidentId, version) key (architecture.md §4), and keeps a frozen copy of the dossier
// exactly as filed (domain.md §8.1, §10.5 "Phased notification", §10.7 immutable history).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

export const FILING_KINDS = ['initial', 'followup', 'withdrawal'] as const;
/** What a filing is: the first notification, a supplement, or the withdrawal. */
export type FilingKind = (typeof FILING_KINDS)[number];

export const FILING_RECIPIENTS = ['authority', 'controller'] as const;
/** Who was notified: the AP (as controller) or the controller (as processor, Art. 33(2)). */
export type FilingRecipient = (typeof FILING_RECIPIENTS)[number];

const changeSchema = new Schema(
  {
    id: { type: String, required: true },
    section: { type: Number, required: true },
    question: { type: String, required: true },
    before: { type: String },
    after: { type: String },
  },
  { _id: false },
);

const authorityFilingSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    kind: { type: String, enum: FILING_KINDS, required: true },
    recipient: { type: String, enum: FILING_RECIPIENTS, required: true },
    /** The AP meldingsnummer (or the controller's reference); follow-ups repeat the initial one. */
    apReference: { type: String, maxlength: 64 },
    /** When it was submitted in the AP form (UTC). */
    submittedAt: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
    /** Phased notification (Art. 33(4)): false while information is still to follow. */
    complete: { type: Boolean, required: true },
    deadline: { type: Date },
    late: { type: Boolean, required: true, default: false },
    reasonForDelay: { type: String, maxlength: 5000 },
    withdrawalReason: { type: String, maxlength: 5000 },
    note: { type: String, maxlength: 5000 },
    /** The filer's direct telephone number as given in the AP form (domain.md §8.1 section 1). */
    filerPhone: { type: String, maxlength: 32 },
    /** The dossier as filed (Dutch), never changed afterwards. */
    dossier: { type: Schema.Types.Mixed, required: true },
    /** For follow-ups and withdrawals: the answers that differ from the previous filing. */
    changes: { type: [changeSchema], default: [] },
  },
  { collection: 'authority_filings', versionKey: false, minimize: false },
);
authorityFilingSchema.index({ incidentId: 1, version: 1 }, { unique: true });
authorityFilingSchema.index({ submittedAt: -1 });

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
authorityFilingSchema.plugin(trackChanges);

export type AuthorityFilingDoc = InferSchemaType<typeof authorityFilingSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const AuthorityFiling = mongoose.model('AuthorityFiling', authorityFilingSchema);
