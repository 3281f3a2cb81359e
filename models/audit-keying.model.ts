// The keying record of the audit trail (issue 11 item 10): which key seals the trail, from which
// position on, sealed with that key. One document, `_id: 'chain'`, inserted once under its `_id`.
import mongoose, { Schema } from 'mongoose';

const auditKeyingSchema = new Schema(
  {
    _id: { type: String, required: true },
    keyId: { type: String, required: true },
    keyedFrom: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    seal: { type: String, required: true },
  },
  { collection: 'audit_keying', versionKey: false },
);

export const AuditKeying = mongoose.model('AuditKeying', auditKeyingSchema);
