// Text that a process keeps in memory for long (the read models, issue 10 item 5), made compact.
//
// Measured in heap snapshots of the incident index at 10,000 incidents: every document read gives
// each of its strings a copy of its own (10,000 copies of "open"), and bson writes an ObjectId's hex
// text by joining two-character pieces, which V8 keeps as a chain of pieces (about 350 bytes for
// the 24 characters instead of about 40) for as long as it is held: 14 MB of chains in all.

/** An id as flat text (ObjectIds and strings alike). */
export function idText(id: unknown): string {
  const text = typeof id === 'string' ? id : String(id);
  // A copy through a buffer is always one flat string.
  return Buffer.from(text, 'latin1').toString('latin1');
}

const kept = new Map<string, string>();
const keptLists = new Map<string, readonly string[]>();

/**
 * One shared copy of a vocabulary value (a status, a type, a level). Only for values of a closed
 * list: every distinct value given is kept for the life of the process.
 */
export function vocabulary<T extends string>(value: T): T {
  let one = kept.get(value);
  if (one === undefined) kept.set(value, (one = value));
  return one as T;
}

/** One shared, frozen copy of a list of vocabulary values (e.g. an incident's breach types). */
export function vocabularyList<T extends string>(values: readonly T[]): readonly T[] {
  const key = values.join('\u0000');
  let one = keptLists.get(key);
  if (one === undefined) keptLists.set(key, (one = Object.freeze(values.map(vocabulary))));
  return one as readonly T[];
}
