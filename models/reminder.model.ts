// Deadline reminders (domain.md §10.5, issue 5 "durable scheduling"): one document per incident,
// duty, deadline and slot, planned ahead by the scheduler under a unique key, so reminders survive
// restarts and several scheduler processes plan each one once. The status is written only by the
// scheduler instance that holds the reminder's claim (reminder-claim.model.ts).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { DUTY_KINDS } from './duty-fulfilment.model.js';

/** pending → sent | skipped (a later slot was due too: catch-up) | cancelled (duty done or changed). */
export const REMINDER_STATUSES = ['pending', 'sent', 'skipped', 'cancelled'] as const;
/** The state of a reminder. */
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** reminder: before the deadline; expiry: at it; overdue: repeated after it; nag: weekly follow-up. */
export const REMINDER_KINDS = ['reminder', 'expiry', 'overdue', 'nag'] as const;
/** What a reminder slot is. */
export type ReminderKind = (typeof REMINDER_KINDS)[number];

const reminderSchema = new Schema(
  {
    /** `incidentId:duty:clockKey:slot`; the clock key changes when the deadline changes. */
    key: { type: String, required: true, maxlength: 300 },
    incidentId: { type: Schema.Types.ObjectId, required: true },
    duty: { type: String, enum: DUTY_KINDS, required: true },
    /** Identifies the clock this slot belongs to (the deadline, or the anchor of a nag). */
    clockKey: { type: String, required: true, maxlength: 100 },
    slot: { type: String, required: true, maxlength: 50 },
    kind: { type: String, enum: REMINDER_KINDS, required: true },
    dueAt: { type: Date, required: true },
    deadline: { type: Date },
    /** Also mailed to the escalation address (management). */
    escalate: { type: Boolean, required: true, default: false },
    status: { type: String, enum: REMINDER_STATUSES, required: true, default: 'pending' },
    createdAt: { type: Date, required: true },
    doneAt: { type: Date },
    /** Outbox keys of the mails this reminder enqueued (one per language). */
    outboxKeys: { type: [String], default: undefined },
    /** Why it was skipped or cancelled. */
    note: { type: String, maxlength: 200 },
  },
  { collection: 'reminders', versionKey: false },
);
reminderSchema.index({ key: 1 }, { unique: true });
reminderSchema.index({ status: 1, dueAt: 1 });
reminderSchema.index({ incidentId: 1, duty: 1 });

/** A stored reminder. */
export type ReminderDoc = InferSchemaType<typeof reminderSchema> & { _id: mongoose.Types.ObjectId };
export const Reminder = mongoose.model('Reminder', reminderSchema);
