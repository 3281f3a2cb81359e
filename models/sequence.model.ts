// Sequence numbers taken by inserting under a unique key (architecture.md §4): FerretDB 1.x has
// no atomic read-modify-write, but its unique indexes are real.
import mongoose, { Schema } from 'mongoose';

export interface SequenceDoc {
  scope: string;
  seq: number;
  takenAt: Date;
}

export const sequenceSchema = new Schema<SequenceDoc>(
  {
    scope: { type: String, required: true },
    seq: { type: Number, required: true },
    takenAt: { type: Date, required: true },
  },
  { collection: 'sequences', versionKey: false },
);
sequenceSchema.index({ scope: 1, seq: 1 }, { unique: true });

export const Sequence = mongoose.model<SequenceDoc>('Sequence', sequenceSchema);
