// The audit page's query, validated at the edge: plain strings only, unknown keys refused.
import { z } from 'zod';

const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);

export const auditFilterSchema = z.strictObject({
  ref: z.preprocess(emptyIsUnset, z.string('field.invalid').trim().max(100, 'field.tooLong').optional()),
  user: z.preprocess(emptyIsUnset, z.string('field.invalid').trim().max(254, 'field.tooLong').optional()),
  action: z.preprocess(emptyIsUnset, z.string('field.invalid').trim().regex(/^[a-z][a-z0-9.-]{0,99}$/, 'field.invalid').optional()),
  page: z.preprocess(emptyIsUnset, z.string('field.invalid').regex(/^[1-9]\d{0,6}$/, 'field.invalid').transform(Number).optional()),
});
