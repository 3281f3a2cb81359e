// The timeline of an incident: every addition by the reporter and every triage step, appended as
// its own document (never an array rewritten in place: architecture.md §4).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const incidentEventSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    kind: { type: String, required: true }, // e.g. submitted, addition, awareness-set, status-changed, attachment-added
    actorId: { type: String },
    actorName: { type: String },
    text: { type: String, maxlength: 10_000 },
    data: { type: Schema.Types.Mixed },
  },
  { collection: 'incident_events', versionKey: false },
);
incidentEventSchema.index({ incidentId: 1, at: 1 });

export type IncidentEventDoc = InferSchemaType<typeof incidentEventSchema>;
export const IncidentEvent = mongoose.model('IncidentEvent', incidentEventSchema);
