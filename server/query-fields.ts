// Query-string fields shared by the list pages (register, audit trail, dev mailbox), validated at
// the edge: plain strings only, an empty value is "not set", a bad one is `field.invalid`.
import { z } from 'zod';

/** An empty form value means the filter is not set. */
export const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);

/** An optional whole number whose digits match `pattern`. */
function optionalWholeNumber(pattern: RegExp) {
  return z.preprocess(
    emptyIsUnset,
    z.string('field.invalid').regex(pattern, 'field.invalid').transform(Number).optional(),
  );
}

/** A page number from 1 up to `digits` digits. */
export const pageParam = (digits: number) => optionalWholeNumber(new RegExp(`^[1-9]\\d{0,${digits - 1}}$`));

/** A four-digit year. */
export const yearParam = () => optionalWholeNumber(/^\d{4}$/);

/** Free search text of at most `max` characters. */
export const searchParam = (max: number) =>
  z.preprocess(emptyIsUnset, z.string('field.invalid').trim().max(max, 'field.tooLong').optional());
