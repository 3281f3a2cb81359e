// The sending state of one page of a notice run: one character per recipient (see
// notifications/notice-run/page-state.ts) plus the retry schedule and the failures. Written at
// creation by the enqueue step and afterwards only by the worker that holds the page's claim
// (architecture.md §4: a document only its owner writes may be updated normally). Small on
// purpose: the progress page and the workers read these often.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const retrySchema = new Schema(
  {
    i: { type: Number, required: true },
    /** Attempts made so far. */
    a: { type: Number, required: true },
    /** Next attempt at. */
    n: { type: Date, required: true },
    e: { type: String, maxlength: 300 },
  },
  { _id: false },
);

const failureSchema = new Schema(
  {
    i: { type: Number, required: true },
    a: { type: Number, required: true },
    /** SMTP reply code, when there was one. */
    code: { type: Number },
    /** The reason, with any e-mail address removed. */
    e: { type: String, maxlength: 300 },
  },
  { _id: false },
);

const noticePageHeadSchema = new Schema(
  {
    _id: { type: String, required: true },
    runId: { type: Schema.Types.ObjectId, required: true },
    page: { type: Number, required: true, min: 0 },
    size: { type: Number, required: true },
    /** One status character per recipient. */
    status: { type: String, required: true, maxlength: 2000 },
    retries: { type: [retrySchema], default: [] },
    failures: { type: [failureSchema], default: [] },
    /** False once every recipient of the page has a final status. */
    open: { type: Boolean, required: true },
    /** Earliest retry, for pages with only future work. */
    nextDueAt: { type: Date },
    /** Claim generation of the last writer. */
    gen: { type: Number, required: true, default: 0 },
    /** Recipients found `sending` by a worker that took the page over: they may have been sent twice. */
    inFlightRecovered: { type: Number, required: true, default: 0 },
    /** Template versions used, as `lang:version`. */
    templates: { type: [String], default: [] },
    firstSentAt: { type: Date },
    lastSentAt: { type: Date },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'notice_page_heads', versionKey: false },
);
noticePageHeadSchema.index({ runId: 1, page: 1 });

export type NoticePageHeadDoc = InferSchemaType<typeof noticePageHeadSchema>;
export const NoticePageHead = mongoose.model('NoticePageHead', noticePageHeadSchema);
