// The life of a notice run as an append-only list (created, approved, started, paused, resumed,
// approval voided, cancelled, completed). Each event takes the next seq under the unique
// (runId, seq) key, so two actors that change the run at once cannot both win (architecture.md §4):
// the loser re-reads the state and decides again. The run's state is the fold of its events.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

export const NOTICE_RUN_EVENT_TYPES = [
  'created',
  'approved',
  'approval_voided',
  'started',
  'paused',
  'resumed',
  'cancelled',
  'completed',
] as const;
export type NoticeRunEventType = (typeof NOTICE_RUN_EVENT_TYPES)[number];

const noticeRunEventSchema = new Schema(
  {
    runId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true, min: 1 },
    type: { type: String, required: true, enum: NOTICE_RUN_EVENT_TYPES },
    at: { type: Date, required: true },
    /** A user id, or "worker:<id>" for the sending engine. */
    byId: { type: String, required: true, maxlength: 200 },
    byName: { type: String, required: true, maxlength: 200 },
    /** Why (user, circuit, template-changed, texts-changed …). */
    reason: { type: String, maxlength: 100 },
    /** Type-specific data: approval pins, send settings, failure counts, final counts. */
    details: { type: Schema.Types.Mixed },
  },
  { collection: 'notice_run_events', versionKey: false, minimize: false },
);
noticeRunEventSchema.index({ runId: 1, seq: 1 }, { unique: true });

// Found per parent through a foreign-key index kept current by the change feed (issue 10).
noticeRunEventSchema.plugin(trackChanges);

export type NoticeRunEventDoc = InferSchemaType<typeof noticeRunEventSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const NoticeRunEvent = mongoose.model('NoticeRunEvent', noticeRunEventSchema);
