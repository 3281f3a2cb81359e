// Affected persons of an incident (issue 7 item 1): manual add, edit and exclusion, and the list.
// Every access to the list is audit-logged (counts and ids only, never contact data).
import { Types } from 'mongoose';
import { foreignKeyIndex } from '../db/read-models.js';
import { recordInserts } from '../../models/db/change-feed.js';
import { AffectedPerson, type AffectedPersonDoc } from '../../models/affected-person.model.js';
import { NoticeListChange } from '../../models/notice-list-change.model.js';

import { type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { ContactCipher, ContactData } from './contact-crypto.js';
import { isIdString, noticeIncident } from './notice-access.js';
import { incidentHasRunUnderWay } from './notice-runs.service.js';
import { hasPostalAddress, validatePerson, type PersonField } from './person-csv.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from '../incidents/incident-access.js';

/** A person as the list shows it (decrypted for the privacy officer). */
export interface PersonRow {
  id: string;
  lang: string;
  channel: string;
  contact: ContactData;
  source: string;
  rowNumber: number | null;
  excluded: boolean;
}

/** The persons of an incident, in list order, without reading the whole collection (issue 10). */
export const personsOfIncident = foreignKeyIndex(AffectedPerson, 'incidentId');

/**
 * Stores person documents of one incident in bulk (an import) and announces them on the change
 * feed with their incident, so the list index learns of them without reading them back. Returns
 * the positions refused as duplicates of a stored person (unique incident + contact hash).
 */
export async function insertPersonDocuments(
  incidentId: Types.ObjectId,
  docs: ReturnType<typeof personDocument>[],
): Promise<Set<number>> {
  let failed = new Set<number>();
  try {
    await AffectedPerson.collection.insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] })
      .writeErrors;
    if (!writeErrors?.length || writeErrors.some((w) => (w.code ?? w.err?.code) !== 11000)) throw err;
    failed = new Set(writeErrors.map((w) => w.index));
  }
  // The driver gives each inserted document its _id.
  const ids = docs.filter((_, i) => !failed.has(i)).map((d) => (d as { _id?: Types.ObjectId })._id!);
  await recordInserts(AffectedPerson.db, AffectedPerson.collection.name, ids, { incidentId });
  return failed;
}

/** The stored form of a validated person. */
export function personDocument(
  incidentId: Types.ObjectId,
  person: { contact: ContactData; lang: string },
  cipher: ContactCipher,
  meta: {
    source: 'import' | 'manual';
    importId?: Types.ObjectId;
    rowNumber?: number;
    userId: string;
    now: Date;
    dedupeKey?: string;
  },
) {
  return {
    incidentId,
    // The import has computed the key already (for duplicates within the file).
    dedupeKey: meta.dedupeKey ?? cipher.dedupeKey(person.contact),
    lang: person.lang,
    channel: person.contact.email ? 'email' : 'letter',
    hasAddress: hasPostalAddress(person.contact),
    contact: cipher.sealContact(person.contact),
    source: meta.source,
    ...(meta.importId ? { importId: meta.importId } : {}),
    ...(meta.rowNumber !== undefined ? { rowNumber: meta.rowNumber } : {}),
    createdAt: meta.now,
    createdById: meta.userId,
    updatedAt: meta.now,
    updatedById: meta.userId,
  };
}

/** Refuses changes to the list while a run of the incident is sending or paused (its recipients are fixed). */
export async function assertListEditable(incidentId: Types.ObjectId): Promise<void> {
  if (await incidentHasRunUnderWay(incidentId))
    throw new ConflictError('NOTICE_LIST_FROZEN', 'notices.error.listFrozen');
}

function fieldErrors(problems: { field: PersonField | 'row'; problem: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.field] ??= p.problem;
  return out;
}

/** A change of the list, as counts per channel and language. */
export interface ListDelta {
  total: number;
  email: number;
  letter: number;
  excluded: number;
  languages: Map<string, number>;
}

/** An empty delta. */
export function emptyDelta(): ListDelta {
  return { total: 0, email: 0, letter: 0, excluded: 0, languages: new Map() };
}

/** Adds (sign 1) or removes (sign -1) one person of a channel and language to a delta. */
export function tally(d: ListDelta, channel: string, lang: string, sign: 1 | -1): void {
  d.total += sign;
  if (channel === 'email') d.email += sign;
  else d.letter += sign;
  d.languages.set(lang, (d.languages.get(lang) ?? 0) + sign);
}

/** Appends a change of the list's counts (nothing when the delta is empty). */
export async function recordListChange(
  incidentId: Types.ObjectId,
  kind: 'import' | 'add' | 'edit' | 'exclude',
  d: ListDelta,
  at: Date,
  id?: Types.ObjectId,
): Promise<void> {
  const languages = [...d.languages].filter(([, n]) => n !== 0).map(([l, n]) => `${l}:${n}`);
  if (!d.total && !d.email && !d.letter && !d.excluded && !languages.length) return;
  await NoticeListChange.create({
    ...(id ? { _id: id } : {}),
    incidentId,
    at,
    kind,
    total: d.total,
    email: d.email,
    letter: d.letter,
    excluded: d.excluded,
    languages,
  });
}

/** Adds one person by hand. */
export async function addPerson(
  incidentId: unknown,
  values: Partial<Record<PersonField, string>>,
  ctx: ActionContext,
  cipher: ContactCipher,
): Promise<string> {
  const incident = await noticeIncident(incidentId, ctx);
  const v = validatePerson(values);
  if (!v.ok) throw new ValidationError(fieldErrors(v.problems));
  await assertListEditable(incident._id);
  try {
    const doc = new AffectedPerson(
      personDocument(incident._id, v.person, cipher, { source: 'manual', userId: ctx.user.id, now: ctx.now }),
    );
    await doc.save();
    const d = emptyDelta();
    tally(d, doc.channel, doc.lang, 1);
    await recordListChange(incident._id, 'add', d, ctx.now);
    await auditAction(ctx, {
      action: 'notice.persons.add',
      object: incidentObject(incident),
      details: { personId: String(doc._id) },
    });
    return String(doc._id);
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw new ValidationError({ email: 'notices.import.problem.duplicateExisting' });
    throw err;
  }
}

async function personOf(incidentId: Types.ObjectId, personId: unknown): Promise<AffectedPersonDoc> {
  if (!isIdString(personId)) throw new NotFoundError();
  const p = await AffectedPerson.findById(new Types.ObjectId(personId)).lean<AffectedPersonDoc>();
  if (!p || !p.incidentId.equals(incidentId)) throw new NotFoundError();
  return p;
}

/** One person, decrypted, for the edit form (audit-logged). */
export async function readPerson(
  incidentId: unknown,
  personId: unknown,
  ctx: ActionContext,
  cipher: ContactCipher,
): Promise<PersonRow> {
  const incident = await noticeIncident(incidentId, ctx);
  const p = await personOf(incident._id, personId);
  await auditAction(ctx, {
    action: 'notice.persons.view-one',
    object: incidentObject(incident),
    details: { personId: String(p._id) },
  });
  return toRow(p, cipher);
}

/** Changes one person's contact data or language. */
export async function updatePerson(
  incidentId: unknown,
  personId: unknown,
  values: Partial<Record<PersonField, string>>,
  ctx: ActionContext,
  cipher: ContactCipher,
): Promise<void> {
  const incident = await noticeIncident(incidentId, ctx);
  const p = await personOf(incident._id, personId);
  const v = validatePerson(values);
  if (!v.ok) throw new ValidationError(fieldErrors(v.problems));
  await assertListEditable(incident._id);
  const doc = personDocument(incident._id, v.person, cipher, {
    source: p.source,
    userId: ctx.user.id,
    now: ctx.now,
  });
  try {
    await AffectedPerson.updateOne(
      { _id: p._id },
      {
        $set: {
          dedupeKey: doc.dedupeKey,
          lang: doc.lang,
          channel: doc.channel,
          hasAddress: doc.hasAddress,
          contact: doc.contact,
          updatedAt: ctx.now,
          updatedById: ctx.user.id,
        },
      },
    );
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw new ValidationError({ email: 'notices.import.problem.duplicateExisting' });
    throw err;
  }
  if (!p.excludedAt) {
    const d = emptyDelta();
    tally(d, p.channel, p.lang, -1);
    tally(d, doc.channel, doc.lang, 1);
    await recordListChange(incident._id, 'edit', d, ctx.now);
  }
  await auditAction(ctx, {
    action: 'notice.persons.edit',
    object: incidentObject(incident),
    details: { personId: String(p._id) },
  });
}

/** Exclusions this process found already counted by a concurrent one (tests prove the race with it). */
export const exclusionStats = { lostInserts: 0 };

/** Takes a person off the list (kept, marked excluded, so the change stays traceable). */
export async function excludePerson(
  incidentId: unknown,
  personId: unknown,
  ctx: ActionContext,
): Promise<void> {
  const incident = await noticeIncident(incidentId, ctx);
  const p = await personOf(incident._id, personId);
  await assertListEditable(incident._id);
  if (p.excludedAt) return;
  // The count change of an exclusion is stored under the person's own id (issue 11 item 6): two
  // concurrent exclusions of one person insert the same key, so it is counted once, never twice.
  const d = emptyDelta();
  tally(d, p.channel, p.lang, -1);
  d.excluded = 1;
  let first = true;
  try {
    await recordListChange(incident._id, 'exclude', d, ctx.now, p._id);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    exclusionStats.lostInserts++;
    first = false;
  }
  await AffectedPerson.updateOne(
    { _id: p._id },
    {
      $set: { excludedAt: ctx.now, excludedById: ctx.user.id, updatedAt: ctx.now, updatedById: ctx.user.id },
    },
  );
  if (!first) return;
  await auditAction(ctx, {
    action: 'notice.persons.exclude',
    object: incidentObject(incident),
    details: { personId: String(p._id) },
  });
}

function toRow(p: AffectedPersonDoc, cipher: ContactCipher): PersonRow {
  return {
    id: String(p._id),
    lang: p.lang,
    channel: p.channel,
    contact: cipher.openContact(p.contact),
    source: p.source,
    rowNumber: p.rowNumber ?? null,
    excluded: !!p.excludedAt,
  };
}

/** Counts of an incident's list (without opening any contact data). */
export interface PersonCounts {
  total: number;
  email: number;
  letter: number;
  excluded: number;
  languages: { lang: string; count: number }[];
}

/** Counts the list by channel and language: the sum of its recorded changes (no pass over the list). */
export async function personCounts(incidentId: Types.ObjectId): Promise<PersonCounts> {
  const changes = await NoticeListChange.find({ incidentId }).lean();
  const c: PersonCounts = { total: 0, email: 0, letter: 0, excluded: 0, languages: [] };
  const langs = new Map<string, number>();
  for (const ch of changes) {
    c.total += ch.total;
    c.email += ch.email;
    c.letter += ch.letter;
    c.excluded += ch.excluded;
    for (const l of ch.languages) {
      const i = l.lastIndexOf(':');
      langs.set(l.slice(0, i), (langs.get(l.slice(0, i)) ?? 0) + Number(l.slice(i + 1)));
    }
  }
  c.languages = [...langs]
    .filter(([, n]) => n > 0)
    .map(([lang, count]) => ({ lang, count }))
    .sort((a, b) => b.count - a.count);
  return c;
}

export const PAGE_SIZE = 50;

/** A page of the list (audit-logged: who looked at which page of whose list). */
export async function listPersons(
  incidentId: unknown,
  page: number,
  ctx: ActionContext,
  cipher: ContactCipher,
): Promise<{ rows: PersonRow[]; page: number; hasNext: boolean }> {
  const incident = await noticeIncident(incidentId, ctx);
  const p = Math.max(1, Math.floor(page) || 1);
  const ids = await personsOfIncident.sortedIdsOf(incident._id);
  const docs = await personsOfIncident.fetch<AffectedPersonDoc>(
    ids.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE + 1),
  );
  await auditAction(ctx, {
    action: 'notice.persons.view',
    object: incidentObject(incident),
    details: { page: p, shown: Math.min(docs.length, PAGE_SIZE) },
  });
  return {
    rows: docs.slice(0, PAGE_SIZE).map((d) => toRow(d, cipher)),
    page: p,
    hasNext: docs.length > PAGE_SIZE,
  };
}
