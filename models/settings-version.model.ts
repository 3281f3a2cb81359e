// The settings an administrator changed in the app (issue 12, "settings in the app"): every save
// adds a whole new version under a unique number, never an update in place, so of two saves at once
// one insert wins and the other is told to reload (architecture.md §4; FerretDB cannot compare and
// swap a field atomically). The newest version holds every value that differs from the environment;
// a setting not in it takes its environment default. Who changed what is in the audit trail.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const settingsVersionSchema = new Schema(
  {
    version: { type: Number, required: true, min: 1 },
    /** The overridden settings by key (server/settings/settings.schema.ts), validated on read. */
    values: { type: Schema.Types.Mixed, required: true, default: {} },
    byId: { type: String, required: true, maxlength: 100 },
    byLabel: { type: String, required: true, maxlength: 320 },
    at: { type: Date, required: true },
  },
  { collection: 'settings_versions', versionKey: false, minimize: false },
);
settingsVersionSchema.index({ version: 1 }, { unique: true });

export type SettingsVersionDoc = InferSchemaType<typeof settingsVersionSchema>;
export const SettingsVersion = mongoose.model('SettingsVersion', settingsVersionSchema);
