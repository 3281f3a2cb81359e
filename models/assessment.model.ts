// Assessments of an incident: every (re-)assessment is a new version (issue: re-assessment keeps
// history). The latest version holds the decision in force. Versions are taken by inserting under
// the unique (incidentId, version) key.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';
import { ART34_EXCEPTIONS, RISK_LEVELS } from './vocabulary/assessment.enums.js';

const assessmentSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    at: { type: Date, required: true },
    assessorId: { type: String, required: true },
    assessorName: { type: String, required: true },
    /** The engine input (AssessmentInput), exactly as assessed. */
    input: { type: Schema.Types.Mixed, required: true },
    /** The engine output (AssessmentResult) for that input. */
    result: { type: Schema.Types.Mixed, required: true },
    suggestedRisk: { type: String, enum: RISK_LEVELS, required: true },
    /** The privacy officer's decision (domain.md §10.4 step 6). */
    riskLevel: { type: String, enum: RISK_LEVELS, required: true },
    justification: { type: String, maxlength: 10_000 },
    art34Exception: { type: String, enum: [...ART34_EXCEPTIONS, null] },
    art34ExceptionReason: { type: String, maxlength: 5000 },
    /** Why this version changes facts in force (issue 12); required when it overrides an officer's correction. */
    factsReason: { type: String, maxlength: 5000 },
    awarenessAt: { type: Date },
    /** Why awareness came more than 24 h after discovery (domain.md §3). */
    awarenessNote: { type: String, maxlength: 5000 },
    decidedAt: { type: Date, required: true },
    /** Duties and deadlines that follow from the decision (domain.md §10.5), UTC. */
    duties: {
      register: { type: Boolean, required: true },
      notifyAuthority: { type: Boolean, required: true },
      informSubjects: { type: Boolean, required: true },
      notifyMinistry: { type: Boolean, required: true },
      publicCommunication: { type: Boolean, default: false },
      /** As processor: inform the controller (Art. 33(2)). */
      notifyController: { type: Boolean, default: false },
    },
    deadlines: {
      authority: { type: Date },
      ministry: { type: Date },
      subjects: { type: Date },
      /** As processor: inform the controller (Art. 33(2)). */
      controller: { type: Date },
    },
  },
  { collection: 'assessments', versionKey: false, minimize: false },
);
assessmentSchema.index({ incidentId: 1, version: 1 }, { unique: true });
assessmentSchema.index({ decidedAt: -1 });

// Lists read these through the incident index, kept current by the change feed (issue 10).
assessmentSchema.plugin(trackChanges);

export type AssessmentDoc = InferSchemaType<typeof assessmentSchema> & { _id: mongoose.Types.ObjectId };
export const Assessment = mongoose.model('Assessment', assessmentSchema);
