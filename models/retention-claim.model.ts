// Claims on the retention sweep (issue 13): only one process deletes at a time. A sweep owns the
// work by inserting `retention:<generation>` under its `_id` (server/db/lease-claims.ts,
// architecture.md §4); a claim whose lease ran out (its owner died) is taken over by the next
// generation.
import mongoose, { Schema } from 'mongoose';

const retentionClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    gen: { type: Number, required: true, min: 1 },
    workerId: { type: String, required: true, maxlength: 200 },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    releasedAt: { type: Date },
  },
  { collection: 'retention_claims', versionKey: false },
);

export const RetentionClaim = mongoose.model('RetentionClaim', retentionClaimSchema);
