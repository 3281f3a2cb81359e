// Users and their roles (architecture.md §5).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const ROLES = ['reporter', 'privacy_officer', 'ministry_liaison', 'admin', 'management'] as const;
export type Role = (typeof ROLES)[number];

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    role: { type: String, required: true, enum: ROLES },
    language: { type: String, required: true, enum: ['nl', 'en'], default: 'nl' },
    active: { type: Boolean, required: true, default: true },
    // Absent for users created by single sign-on (issue 16): they have no local password.
    passwordHash: { type: String, required: false, select: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'users', versionKey: false },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ role: 1, active: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export const User = mongoose.model('User', userSchema);
