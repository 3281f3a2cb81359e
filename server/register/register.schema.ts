// Register filters and triage forms, validated at the edge. Query strings are parsed as plain
// strings (Express 5's simple parser), and unknown keys such as `status[$ne]` are refused, so a
// crafted URL can never turn into a query operator.
import { z } from 'zod';
import { RISK_LEVELS } from '../../models/vocabulary/assessment.enums.js';
import { INCIDENT_STATUSES } from '../../models/vocabulary/incident-status.js';
import { optionalText, requiredText } from '../incidents/incidents.schema.js';
import { dutchLocalField } from '../local-time.js';
import { emptyIsUnset, pageParam, searchParam, yearParam } from '../query-fields.js';

/** Risk filter values: the decided level of the latest assessment, or not assessed yet. */
export const RISK_FILTERS = [...RISK_LEVELS, 'unassessed'] as const;

export const registerFilterSchema = z.strictObject({
  status: z.preprocess(emptyIsUnset, z.enum(INCIDENT_STATUSES, 'field.invalid').optional()),
  year: yearParam(),
  risk: z.preprocess(emptyIsUnset, z.enum(RISK_FILTERS, 'field.invalid').optional()),
  overdue: z.preprocess(emptyIsUnset, z.enum(['yes'], 'field.invalid').optional()),
  q: searchParam(200),
  page: pageParam(5),
});
export type RegisterFilter = z.infer<typeof registerFilterSchema>;

/** The export's own query: the format comes from the path, the year is optional. */
export const exportQuerySchema = z.strictObject({
  year: yearParam(),
});

const requiredLocalDateTime = dutchLocalField({
  required: 'field.required',
  invalid: 'field.incidents.dateInvalid',
});

export const awarenessSchema = z.object({
  awarenessAt: requiredLocalDateTime,
  awarenessNote: optionalText(5000),
});
export const notABreachSchema = z.object({ reason: requiredText(5000) });
export const handlerSchema = z.object({
  handlerId: z.string('field.required').regex(/^[0-9a-f]{24}$/i, 'field.invalid'),
});
export const closeSchema = z.object({
  closingMeasures: requiredText(10_000),
  lessonsLearned: requiredText(10_000),
});
