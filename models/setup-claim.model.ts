// The claim to create the first administrator (issue 11 item 6): one document, `_id: 'first-admin'`,
// inserted under its `_id` before the user is created, so only one setup can ever succeed.
import mongoose, { Schema } from 'mongoose';

const setupClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'setup_claims', versionKey: false },
);

export const SetupClaim = mongoose.model('SetupClaim', setupClaimSchema);
