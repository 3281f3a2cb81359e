// An incident: what the reporter told us (domain.md §10.2 intake fields) plus triage facts.
// Assessments, filings, notices and the timeline live in their own collections and refer to
// the incident by id, so that features never rewrite each other's data.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';
import {
  AVAILABILITY_IMPACTS,
  BACKUP_AVAILABILITY,
  BREACH_TYPES,
  CONFIDENTIALITY_SCOPES,
  DATA_CATEGORIES,
  DISCOVERY_CHANNELS,
  INCIDENT_CAUSES,
  INCIDENT_NATURES,
  INTEGRITY_IMPACTS,
  REPORT_AUTHORITIES,
  SUBJECT_CATEGORIES,
  TRI_STATES,
  UNINTELLIGIBILITY_LEVELS,
} from './vocabulary/assessment.enums.js';
import { INCIDENT_STATUSES } from './vocabulary/incident-status.js';

/** The routes a report comes in by (issue 15): an employee's account, or the public page with or without a name. */
export const INCIDENT_SOURCES = ['employee', 'external_named', 'external_anonymous'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

const tri = { type: String, enum: TRI_STATES, default: 'unknown' };
const text = (max: number) => ({ type: String, trim: true, maxlength: max });

const incidentSchema = new Schema(
  {
    reference: { type: String, required: true }, // DL-2026-0007, sequential per year, never reused
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    status: { type: String, required: true, enum: INCIDENT_STATUSES },
    /** Number of status changes so far: the position the next change claims (incident-transition.model.ts). */
    statusSeq: { type: Number, default: 0 },
    reporterId: { type: String, required: true },
    reporterName: { type: String, required: true },
    /** Where the report came from: an employee's account or the public page (issue 15). */
    source: { type: String, enum: INCIDENT_SOURCES, default: 'employee' },
    handlerId: { type: String },
    handlerName: { type: String },

    // What happened
    summary: { ...text(10_000), required: true },
    incidentCause: { type: String, enum: INCIDENT_CAUSES, required: true },
    incidentNature: { type: [{ type: String, enum: INCIDENT_NATURES }], default: [] },
    breachTypes: { type: [{ type: String, enum: BREACH_TYPES }], default: [] },

    // When (stored in UTC; domain.md §3)
    occurredFrom: { type: Date },
    occurredTo: { type: Date },
    ongoing: { type: Boolean, default: false },
    occurrenceUnknown: { type: Boolean, default: false },
    discoveredAt: { type: Date, required: true },
    discoveryChannel: { type: String, enum: DISCOVERY_CHANNELS },
    reportedInternallyAt: { type: Date, required: true },
    awarenessAt: { type: Date },
    awarenessNote: text(5000),

    // Which data, whose, how many
    personalDataInvolved: tri,
    dataCategories: { type: [{ type: String, enum: DATA_CATEGORIES }], default: [] },
    dataDetail: text(5000),
    subjectCategories: { type: [{ type: String, enum: SUBJECT_CATEGORIES }], default: [] },
    subjectsCountMin: { type: Number, min: 0 },
    subjectsCountMax: { type: Number, min: 0 },
    recordsCount: { type: Number, min: 0 },
    vulnerableSubjects: tri,

    // Where did it go
    dataLeftOrganisation: tri,
    recipients: text(5000),
    recipientTrusted: tri,
    deletionConfirmed: tri,
    dataRetrieved: tri,
    confidentialityScope: { type: String, enum: CONFIDENTIALITY_SCOPES, default: 'unknown' },
    integrityImpact: { type: String, enum: INTEGRITY_IMPACTS, default: 'not_applicable' },
    availabilityImpact: { type: String, enum: AVAILABILITY_IMPACTS, default: 'not_applicable' },
    unavailableHours: { type: Number, min: 0 },
    backupAvailable: { type: String, enum: BACKUP_AVAILABILITY, default: 'unknown' },
    malicious: tri,
    unintelligibility: { type: String, enum: UNINTELLIGIBILITY_LEVELS, default: 'unknown' },

    // Systems, processors, other countries, measures
    systemsInvolved: text(2000),
    processorInvolved: tri,
    processorName: text(500),
    processorNotifiedAt: { type: Date },
    otherEeaCountries: text(1000),
    measuresTaken: text(10_000),
    // Also reported to the police, the NCSC or another authority (domain.md §8.1 section 9); optional.
    reportedTo: { type: [{ type: String, enum: REPORT_AUTHORITIES }], default: [] },
    reportedToOther: text(500),

    // Triage and closure
    notABreachReason: text(5000),
    closedAt: { type: Date },
    closingMeasures: text(10_000),
    lessonsLearned: text(10_000),

    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'incidents', versionKey: false },
);
incidentSchema.index({ year: 1, seq: 1 }, { unique: true });
incidentSchema.index({ reference: 1 }, { unique: true });
incidentSchema.index({ reporterId: 1, createdAt: -1 });
incidentSchema.index({ status: 1, createdAt: -1 });

// Lists read these through the incident index, kept current by the change feed (issue 10).
incidentSchema.plugin(trackChanges);

export type IncidentDoc = InferSchemaType<typeof incidentSchema> & { _id: mongoose.Types.ObjectId };
export const Incident = mongoose.model('Incident', incidentSchema);
