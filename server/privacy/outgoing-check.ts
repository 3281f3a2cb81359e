// The check every outgoing text passes before it is sent or filed (issue 12, problem 5): the
// personal-data detector runs over the texts the officer wrote; when it flags something, sending
// needs an explicit confirmation of exactly those flags (a fingerprint of them travels with the
// form), and that confirmation is written to the audit trail (domain.md §8.3) — with the kinds and
// counts only, never the flagged text itself.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { AffectedPerson } from '../../models/affected-person.model.js';

import type { ReadModel } from '../../models/db/change-feed.js';
import { readModels } from '../db/read-models.js';
import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { contactCipher, type ContactCipher } from '../notices/contact-crypto.js';
import {
  detectPersonalData,
  type PersonalDataFlag,
  type PersonalDataKind,
} from './personal-data-detector.js';
import { auditAction } from '../audit/audit-action.js';

/** The flags of a set of texts, per field name. */
export interface OutgoingCheck {
  fields: Record<string, PersonalDataFlag[]>;
  /** Number of flags in all fields. */
  count: number;
  /** Flags per kind (what the audit trail records). */
  kinds: Partial<Record<PersonalDataKind, number>>;
  /** Identifies exactly these flags: a confirmation holds only for what the officer saw. */
  fingerprint: string;
}

/** What the detector needs besides the texts. */
export interface CheckContext {
  names: readonly string[];
  allow: readonly string[];
  year: number;
}

/** Runs the detector over each text. */
export function checkTexts(texts: Record<string, string | null | undefined>, c: CheckContext): OutgoingCheck {
  const fields: Record<string, PersonalDataFlag[]> = {};
  const kinds: Partial<Record<PersonalDataKind, number>> = {};
  let count = 0;
  const basis: string[] = [];
  for (const [field, text] of Object.entries(texts)) {
    const flags = detectPersonalData(text ?? '', { names: c.names, allow: c.allow, year: c.year });
    if (!flags.length) continue;
    fields[field] = flags;
    count += flags.length;
    for (const f of flags) {
      kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
      basis.push(`${field}\u0000${f.kind}\u0000${f.match}`);
    }
  }
  const fingerprint = count
    ? createHash('sha256').update(basis.sort().join('\u0001')).digest('hex').slice(0, 32)
    : '';
  return { fields, count, kinds, fingerprint };
}

/** The officer's confirmation as the form sent it. */
export interface FlagConfirmation {
  confirmed: boolean;
  fingerprint?: string | undefined;
}

/** Reads the confirmation fields of a form (`confirmPersonalData`, `personalDataFingerprint`). */
export function confirmationFromForm(body: unknown): FlagConfirmation {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    confirmed: b.confirmPersonalData === 'yes',
    fingerprint: typeof b.personalDataFingerprint === 'string' ? b.personalDataFingerprint : undefined,
  };
}

/** The field error when flagged texts are not (or no longer) confirmed; null when sending may go on. */
export function confirmationError(check: OutgoingCheck, confirmation: FlagConfirmation): string | null {
  if (!check.count) return null;
  if (!confirmation.confirmed) return 'privacy.confirmRequired';
  // The texts changed since the flags were shown: the officer confirms what is there now.
  if (confirmation.fingerprint !== check.fingerprint) return 'privacy.confirmStale';
  return null;
}

/** What checking an incident's outgoing texts needs: the key to its persons' names, our own details. */
export interface OutgoingGate {
  cipher: ContactCipher;
  /** Our own contact details (organisation, privacy officer, ministry): never flagged. */
  allow: readonly string[];
}

/** The gate of this installation. */
export function gateOf(config: Config): OutgoingGate {
  const o = config.organisation;
  return {
    cipher: contactCipher(config),
    allow: [o.email, o.dpoEmail, o.phone, ...config.mail.ministryEmails].filter((v) => !!v && !!v.trim()),
  };
}

/** Reads the names on an incident's list of affected persons (opened from their sealed contact data). */
async function readPersonNames(incidentId: Types.ObjectId, cipher: ContactCipher): Promise<string[]> {
  const rows = await AffectedPerson.find({ incidentId }).select({ contact: 1 }).lean();
  const names = new Set<string>();
  for (const r of rows) {
    try {
      const name = cipher.openContact(r.contact).name.trim();
      if (name) names.add(name);
    } catch {
      // A blob sealed under another key cannot be read here; the rest of the list still counts.
    }
  }
  return [...names];
}

/** How many incidents' name lists are kept opened at once (the most recently checked). */
const NAME_LISTS_KEPT = 16;

/**
 * The names per incident, kept between checks: every page with an outgoing text checks it, and
 * reading a long list of persons from the database takes seconds. Any change to any person (the
 * change feed, architecture.md §4) drops what is kept, so a check never misses a name added or
 * changed before it; only a few recent incidents are kept, so few opened names stay in memory.
 */
class PersonNames implements ReadModel {
  readonly collections = [AffectedPerson.collection.name];
  private readonly kept = new WeakMap<
    ContactCipher,
    { generation: number; lists: Map<string, Promise<string[]>> }
  >();
  private generation = 0;

  load(): Promise<void> {
    this.generation++;
    return Promise.resolve();
  }

  apply(): Promise<void> {
    this.generation++;
    return Promise.resolve();
  }

  async namesOf(incidentId: Types.ObjectId, cipher: ContactCipher): Promise<string[]> {
    await readModels.use(this);
    let entry = this.kept.get(cipher);
    if (entry?.generation !== this.generation) {
      entry = { generation: this.generation, lists: new Map() };
      this.kept.set(cipher, entry);
    }
    const { lists } = entry;
    const key = String(incidentId);
    let names = lists.get(key);
    if (names)
      lists.delete(key); // re-inserted below: the most recent comes last
    else names = readPersonNames(incidentId, cipher);
    lists.set(key, names);
    while (lists.size > NAME_LISTS_KEPT) lists.delete(lists.keys().next().value!);
    try {
      return await names;
    } catch (err) {
      lists.delete(key);
      throw err;
    }
  }
}

const personNames = new PersonNames();

/** The names on the incident's list of affected persons, current as of the call. */
export function affectedPersonNames(incidentId: Types.ObjectId, cipher: ContactCipher): Promise<string[]> {
  return personNames.namesOf(incidentId, cipher);
}

/** The detector context of an incident at a moment. */
export async function checkContextFor(
  incidentId: Types.ObjectId,
  gate: OutgoingGate,
  now: Date,
): Promise<CheckContext> {
  return {
    names: await affectedPersonNames(incidentId, gate.cipher),
    allow: gate.allow,
    year: Number(
      new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(now),
    ),
  };
}

/** Records that the officer sent or filed flagged texts knowingly (audit: privacy.flags.confirmed). */
export async function auditConfirmedFlags(
  check: OutgoingCheck,
  purpose: string,
  object: { type: string; id?: string; ref?: string },
  ctx: ActionContext,
): Promise<void> {
  if (!check.count) return;
  await auditAction(ctx, {
    action: 'privacy.flags.confirmed',
    object,
    details: { purpose, count: check.count, kinds: check.kinds, fields: Object.keys(check.fields) },
  });
}

/** The flags as a form shows them: per field, each with its message key. */
export function flagsView(
  check: OutgoingCheck,
): Record<string, Array<{ kind: PersonalDataKind; key: string; match: string }>> {
  return Object.fromEntries(
    Object.entries(check.fields).map(([field, flags]) => [
      field,
      flags.map((f) => ({ kind: f.kind, key: `privacy.kind.${f.kind}`, match: f.match })),
    ]),
  );
}
