// Send slots shared by every worker process (issue 11 item 8): a send at a limited rate first
// inserts one slot of its time window under a unique `_id` (scope, window, number); a window holds
// as many slots as the rate allows, so N workers together keep to the rate (architecture.md §4).
import mongoose, { Schema } from 'mongoose';

const rateSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    scope: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'rate_slots', versionKey: false },
);
rateSlotSchema.index({ at: 1 });

export const RateSlot = mongoose.model('RateSlot', rateSlotSchema);
