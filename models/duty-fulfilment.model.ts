// A duty done (or cancelled): the AP filed, the ministry notified, affected persons informed, the
// public communication published. One document per event, written by the feature that did it;
// deadlines, reminders and the register derive duty status from these (never a shared counter).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { trackChanges } from './db/change-feed.js';

export const DUTY_KINDS = [
  'authority',
  'ministry',
  'subjects',
  'public',
  'controller',
  'authority_followup',
] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

const dutyFulfilmentSchema = new Schema(
  {
    incidentId: { type: Schema.Types.ObjectId, required: true },
    duty: { type: String, enum: DUTY_KINDS, required: true },
    outcome: { type: String, enum: ['fulfilled', 'cancelled'], required: true },
    at: { type: Date, required: true },
    recordedAt: { type: Date, required: true },
    byId: { type: String },
    byName: { type: String },
    /** External reference, e.g. the AP meldingsnummer, or the notice run id. */
    ref: { type: String },
    /** True when done after its deadline; then delayReason is required (domain.md §10.5). */
    late: { type: Boolean, default: false },
    delayReason: { type: String, maxlength: 5000 },
    note: { type: String, maxlength: 5000 },
    /**
     * Phased AP notification (Art. 33(4), domain.md §10.5): `false` on an `authority` (or
     * `authority_followup`) fulfilment that still lacks information; the follow-up duty stays open
     * (nagged weekly) until a later one of those two is recorded without `complete: false`.
     */
    complete: { type: Boolean },
  },
  { collection: 'duty_fulfilments', versionKey: false },
);
dutyFulfilmentSchema.index({ incidentId: 1, duty: 1, at: -1 });

// Lists read these through the incident index, kept current by the change feed (issue 10).
dutyFulfilmentSchema.plugin(trackChanges);

export type DutyFulfilmentDoc = InferSchemaType<typeof dutyFulfilmentSchema>;
export const DutyFulfilment = mongoose.model('DutyFulfilment', dutyFulfilmentSchema);
