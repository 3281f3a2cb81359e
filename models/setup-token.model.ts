// One-time tokens for creating the first administrator (contracts.md §1). Only a hash is stored.
import mongoose, { Schema } from 'mongoose';

const setupTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { collection: 'setup_tokens', versionKey: false },
);
setupTokenSchema.index({ tokenHash: 1 }, { unique: true });

export const SetupToken = mongoose.model('SetupToken', setupTokenSchema);
