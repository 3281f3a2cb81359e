// The dev mailbox's query: a search text and a page number, plain strings only.
import { z } from 'zod';
import { pageParam, searchParam } from '../query-fields.js';

export const mailboxQuerySchema = z.strictObject({
  q: searchParam(200),
  page: pageParam(7),
});
