// What the AP form asks that neither the intake nor the assessment answers (domain.md §8.1
// sections 6, 8 and 9): recorded by a privacy officer on the dossier page. Every save is a new
// version under the unique (incidentId, version) key; the latest holds the answers in force and
// the earlier ones stay (§10.7 immutable history).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';
import { REPORT_AUTHORITIES, TRI_STATES } from './vocabulary/assessment.enums.js';

/** Whether the decision follows the privacy officer's (FG's) advice. */
export const FOLLOWS_ADVICE = ['yes', 'partly', 'no'] as const;
export type FollowsAdvice = (typeof FOLLOWS_ADVICE)[number];

/** The fields a details version holds (what the form edits). */
export const DETAIL_FIELDS = [
  'measuresBefore',
  'protectionMethod',
  'crossBorder',
  'otherAuthorities',
  'otherAuthoritiesWhich',
  'notInformingReason',
  'reportedTo',
  'reportedToOther',
  'fgName',
  'fgAdvice',
  'fgAdvisedAt',
  'decision',
  'decidedBy',
  'decidedAt',
  'followsAdvice',
  'deviationReason',
] as const;

/** The details fields held as times, and the one held as a list; every other is a text or choice. */
export const DETAIL_TIME_FIELDS = ['fgAdvisedAt', 'decidedAt'] as const;
export const DETAIL_LIST_FIELDS = ['reportedTo'] as const;

const text = (max: number) => ({ type: String, trim: true, maxlength: max });

const dossierDetailsSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true, min: 1 },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },

    // §8.1 section 6: measures in place before the breach, and how the data were protected.
    measuresBefore: text(5000),
    protectionMethod: text(2000),
    // §8.1 section 8: international aspects.
    crossBorder: { type: String, enum: TRI_STATES },
    otherAuthorities: { type: String, enum: TRI_STATES },
    otherAuthoritiesWhich: text(1000),
    // §8.1 section 8: why the affected persons are not informed (Art. 34(3), §10.8 item 8).
    notInformingReason: text(5000),
    // §8.1 section 9: reported to the police, the NCSC or another authority. Empty: the intake's
    // answer stands; `none` says it was reported nowhere else.
    reportedTo: { type: [{ type: String, enum: REPORT_AUTHORITIES }], default: [] },
    reportedToOther: text(500),

    // The privacy officer's (FG's) advice, kept apart from the decision and who took it (§10.4
    // step 6: "the system records who decided, when and why"; the FG advises, the controller decides).
    fgName: text(200),
    fgAdvice: text(5000),
    fgAdvisedAt: { type: Date },
    decision: text(5000),
    decidedBy: text(200),
    decidedAt: { type: Date },
    followsAdvice: { type: String, enum: FOLLOWS_ADVICE },
    deviationReason: text(5000),
  },
  { collection: 'dossier_details', versionKey: false },
);
dossierDetailsSchema.index({ incidentId: 1, version: 1 }, { unique: true });

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
dossierDetailsSchema.plugin(trackChanges);

export type DossierDetailsDoc = InferSchemaType<typeof dossierDetailsSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const DossierDetails = mongoose.model('DossierDetails', dossierDetailsSchema);
