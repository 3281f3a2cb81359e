// A local account's second factor (issue 16 item 3): the TOTP secret, sealed at rest, and the last
// time step accepted (a code is taken once: a step at or below it is a replay). Recovery codes are
// separate documents, each stored as an argon2id hash and spent by setting usedAt once.
import mongoose, { Schema } from 'mongoose';

const secondFactorSchema = new Schema(
  {
    userId: { type: String, required: true },
    /** The base32 secret, sealed (AES-256-GCM) with a key derived from the attachment master secret. */
    sealedSecret: { type: String, required: true },
    /** The highest TOTP time step accepted so far. */
    lastStep: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
  },
  { collection: 'second_factors', versionKey: false },
);
secondFactorSchema.index({ userId: 1 }, { unique: true });

const recoveryCodeSchema = new Schema(
  {
    userId: { type: String, required: true },
    hash: { type: String, required: true },
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'recovery_codes', versionKey: false },
);
recoveryCodeSchema.index({ userId: 1 });

export const SecondFactor = mongoose.model('SecondFactor', secondFactorSchema);
export const RecoveryCode = mongoose.model('RecoveryCode', recoveryCodeSchema);
