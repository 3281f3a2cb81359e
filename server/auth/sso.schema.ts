// Input of the second-factor forms (issue 16), validated at the edge.
import { z } from 'zod';

/** A six-digit code from the app, or a recovery code (xxxxx-xxxxx); spaces are ignored. */
export const codeSchema = z.object({
  code: z
    .string()
    .max(40, 'field.tooLong')
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().min(1, 'field.required')),
});
