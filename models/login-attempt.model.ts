// Sign-in attempts (issue 11 item 5), the slots of the shared attempt limiter
// (server/db/attempt-slots.ts). Each guess first takes the next number of each of its keys — the
// e-mail address with the client address, the e-mail address alone, and the client address alone —
// by inserting under a unique (key, n) index (architecture.md §4). A guess is only checked when,
// for every key, fewer than the allowed number of attempts hold a lower number in the window, so
// parallel guesses cannot all pass the check before any failure is written. Keys are hashes: no
// address is stored.
import mongoose, { Schema } from 'mongoose';

const loginAttemptSchema = new Schema(
  {
    key: { type: String, required: true },
    n: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'login_attempts', versionKey: false },
);
loginAttemptSchema.index({ key: 1, n: 1 }, { unique: true });
loginAttemptSchema.index({ at: 1 });

export const LoginAttempt = mongoose.model('LoginAttempt', loginAttemptSchema);
