// The audit page's query, validated at the edge: plain strings only, unknown keys refused.
import { z } from 'zod';
import { emptyIsUnset, pageParam, searchParam } from '../query-fields.js';
import { ACTION_GROUPS } from './audit-labels.js';

const day = () =>
  z.preprocess(
    emptyIsUnset,
    z
      .string('field.invalid')
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'field.invalid')
      .optional(),
  );

export const auditFilterSchema = z
  .strictObject({
    ref: searchParam(100),
    user: searchParam(254),
    action: z.preprocess(
      emptyIsUnset,
      z
        .string('field.invalid')
        .trim()
        .regex(/^[a-z][a-z0-9.-]{0,99}$/, 'field.invalid')
        .optional(),
    ),
    /** An action group (the code's first part): the filter's select list. */
    group: z.preprocess(
      emptyIsUnset,
      z.enum(ACTION_GROUPS as [string, ...string[]], 'field.invalid').optional(),
    ),
    /** First and last day, inclusive, in Dutch local time (input type="date"). */
    from: day(),
    to: day(),
    page: pageParam(7),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'field.audit.toBeforeFrom' });

export type AuditFilterInput = z.infer<typeof auditFilterSchema>;
