// The timeline of an incident: every addition by the reporter and every triage step, appended as
// its own document (never an array rewritten in place: architecture.md §4).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

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

// Found per incident through a foreign-key index kept current by the change feed (issue 10).
incidentEventSchema.plugin(trackChanges);

export type IncidentEventDoc = InferSchemaType<typeof incidentEventSchema>;
export const IncidentEvent = mongoose.model('IncidentEvent', incidentEventSchema);
