// Status changes of incidents as claims (issue 11 item 6; architecture.md §4): the n-th change of
// an incident is inserted under the unique (incidentId, seq) index before the incident is updated,
// so two concurrent changes cannot both win — the second insert fails with a duplicate key.
import mongoose, { Schema } from 'mongoose';

const incidentTransitionSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    /** Incident fields changed together with the status (applied again when a change is repaired). */
    set: { type: Schema.Types.Mixed },
    at: { type: Date, required: true },
    actorId: { type: String },
  },
  { collection: 'incident_transitions', versionKey: false, minimize: false },
);
incidentTransitionSchema.index({ incidentId: 1, seq: 1 }, { unique: true });

export const IncidentTransition = mongoose.model('IncidentTransition', incidentTransitionSchema);
