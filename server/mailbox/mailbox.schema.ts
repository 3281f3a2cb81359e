// The dev mailbox's query: a search text and a page number, plain strings only.
import { z } from 'zod';

const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);

export const mailboxQuerySchema = z.strictObject({
  q: z.preprocess(emptyIsUnset, z.string('field.invalid').trim().max(200, 'field.tooLong').optional()),
  page: z.preprocess(
    emptyIsUnset,
    z
      .string('field.invalid')
      .regex(/^[1-9]\d{0,6}$/, 'field.invalid')
      .transform(Number)
      .optional(),
  ),
});
