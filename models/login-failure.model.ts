// Failed sign-ins, one document each (counted, never incremented: architecture.md §4). Keyed by a
// hash of the e-mail address so unknown and known addresses are treated alike and none is stored.
import mongoose, { Schema } from 'mongoose';

const loginFailureSchema = new Schema(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'login_failures', versionKey: false },
);
loginFailureSchema.index({ key: 1, at: -1 });
loginFailureSchema.index({ at: 1 });

export const LoginFailure = mongoose.model('LoginFailure', loginFailureSchema);
