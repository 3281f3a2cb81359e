// The append-only audit trail (domain.md §8.3, BIO 8.15): action, object, result, origin, actor,
// timestamp — each entry chained to the previous one by a hash. Positions are taken by inserting
// under a unique index, so concurrent writers cannot fork the chain (architecture.md §4).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const auditEntrySchema = new Schema(
  {
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: {
      kind: { type: String, required: true, enum: ['user', 'system', 'anonymous'] },
      id: { type: String },
      label: { type: String },
      role: { type: String },
    },
    action: { type: String, required: true },
    object: {
      type: { type: String, required: true },
      id: { type: String },
      ref: { type: String },
    },
    result: { type: String, required: true, enum: ['success', 'denied', 'failure'] },
    origin: {
      ip: { type: String },
      via: { type: String, required: true },
    },
    details: { type: Schema.Types.Mixed },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    // HMAC of (seq, hash) under the audit key kept outside the database (issue 11 item 10).
    seal: { type: String },
  },
  { collection: 'audit_entries', versionKey: false, minimize: false },
);
auditEntrySchema.index({ seq: 1 }, { unique: true });
auditEntrySchema.index({ 'object.type': 1, 'object.id': 1, seq: -1 });
auditEntrySchema.index({ 'actor.id': 1, seq: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntry = mongoose.model('AuditEntry', auditEntrySchema);
