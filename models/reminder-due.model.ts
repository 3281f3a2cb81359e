// Which deadline reminders are still to be handled, and from when (server/db/due-markers.ts): one
// small document per pending reminder, under the reminder's own `_id`, with its due moment. The
// scheduler's run reads these instead of the reminders, which are kept after they are sent,
// skipped or cancelled (16,000 of them at 10,000 incidents: 1.5 s per query on the embedded
// database, twice a minute). Written before its reminder, removed once the reminder is final.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const reminderDueSchema = new Schema(
  {
    /** The reminder's _id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    dueAt: { type: Date, required: true },
  },
  { collection: 'reminder_due', versionKey: false },
);
reminderDueSchema.index({ dueAt: 1 });

/** A stored marker. */
export type ReminderDueDoc = InferSchemaType<typeof reminderDueSchema>;
export const ReminderDue = mongoose.model('ReminderDue', reminderDueSchema);
