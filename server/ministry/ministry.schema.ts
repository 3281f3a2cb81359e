// Zod at the edge for the ministry notice form (preview and send share one form).
import { z } from 'zod';

const text = z.string('field.required').trim().min(1, 'field.required').max(5000, 'field.tooLong');

/** The notice form: texts for the ministry, the no-personal-data check, and the delay reason. */
export const noticeFormSchema = z.object({
  action: z.enum(['preview', 'send']).default('preview'),
  summary: text,
  measures: text,
  delayReason: z
    .string()
    .trim()
    .max(5000, 'field.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined)),
  // Sending needs the officer's explicit check that the texts hold no affected persons' data.
  confirmNoPersonalData: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
  // Flagged personal data is sent only when confirmed, and only as flagged when confirmed
  // (server/privacy/outgoing-check.ts).
  confirmPersonalData: z
    .literal('yes')
    .optional()
    .transform((v) => v === 'yes'),
  personalDataFingerprint: z.string().max(64).optional(),
});
/** A notice to send (the validated form; the delay reason may be left out). */
export interface NoticeFormInput {
  action: 'preview' | 'send';
  summary: string;
  measures: string;
  delayReason?: string | undefined;
  confirmNoPersonalData: boolean;
  confirmPersonalData?: boolean;
  personalDataFingerprint?: string | undefined;
}
