// Zod at the edge (architecture.md §3 rule 5): a failure becomes a ValidationError whose fields map
// each input name to a message key.
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors.js';

/** Maps Zod issues to `{ field: messageKey }` (first problem per field). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_form';
    if (out[path]) continue;
    if (issue.message.startsWith('field.')) out[path] = issue.message;
    else if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined)
      out[path] = 'field.required';
    else out[path] = 'field.invalid';
  }
  return out;
}

/** Parses input or throws a ValidationError listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ValidationError(fieldErrors(r.error));
  return r.data;
}

/** Like parseInput, but returns the errors instead of throwing (for forms that re-render). */
export function tryParseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; fields: FieldErrors } {
  const r = schema.safeParse(input ?? {});
  return r.success ? { ok: true, data: r.data } : { ok: false, fields: fieldErrors(r.error) };
}
