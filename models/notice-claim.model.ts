// Claims on notice-run work (architecture.md §4): a worker owns a page of a run (or the run's
// enqueue step) by inserting `${runId}:${part}:${generation}` — the _id is the unique key, so of two
// workers inserting the same generation exactly one succeeds. An expired lease is taken over by
// inserting the next generation. Only the inserter writes the claim afterwards (lease renewal,
// release). The rules live in server/db/lease-claims.ts (`leaseClaimsById`).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const noticeClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    /** `enqueue` or a page number. */
    part: { type: String, required: true, maxlength: 20 },
    gen: { type: Number, required: true, min: 1 },
    workerId: { type: String, required: true, maxlength: 200 },
    claimedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    releasedAt: { type: Date },
  },
  { collection: 'notice_claims', versionKey: false },
);

export type NoticeClaimDoc = InferSchemaType<typeof noticeClaimSchema>;
export const NoticeClaim = mongoose.model('NoticeClaim', noticeClaimSchema);
