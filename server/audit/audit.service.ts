// Writing and verifying the audit trail (domain.md §8.3). Every read, change, export, download and
// mail of incident data goes through `recordAudit`.
import { AuditEntry } from '../../models/audit-entry.model.js';
import { databaseKey, isDuplicateKeyError, serialised } from '../db/unique-insert.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';

/** Who acted. Never a password, token or contact data of an affected person. */
export type AuditActor =
  | { kind: 'user'; id: string; label: string; role: string }
  | { kind: 'system'; label: string }
  | { kind: 'anonymous' };

/** Where the action came from. */
export interface AuditOrigin {
  ip?: string;
  via: 'web' | 'cli' | 'worker' | 'scheduler';
}

/** One thing to record. */
export interface AuditInput {
  actor: AuditActor;
  origin: AuditOrigin;
  action: string;
  object: { type: string; id?: string; ref?: string };
  result?: 'success' | 'denied' | 'failure';
  details?: Record<string, unknown>;
}

const queueOwner = {};

// The chain's head as this process last wrote or read it, per database. Entries never change, so
// the next entry can be inserted right after it; only a duplicate position (another process
// appended meanwhile) needs the head to be read again. Reading the head scans the whole collection
// on FerretDB 1.x, while an insert is checked by the unique index alone.
const heads = new Map<string, { seq: number; hash: string }>();

async function readHead(): Promise<{ seq: number; hash: string }> {
  const last = await AuditEntry.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Appends one entry at the next position of the chain; safe with many writers and processes. */
export async function recordAudit(input: AuditInput, now: Date): Promise<{ seq: number; hash: string }> {
  return serialised(queueOwner, 'audit', async () => {
    const key = databaseKey(AuditEntry);
    for (let attempt = 0; attempt < 200; attempt++) {
      const head = heads.get(key) ?? (await readHead());
      const seq = head.seq + 1;
      const prevHash = head.hash;
      const fields = {
        seq,
        at: now,
        actor: stripEmpty(input.actor),
        action: input.action,
        object: stripEmpty(input.object),
        result: input.result ?? 'success',
        origin: stripEmpty(input.origin),
        details: input.details ?? null,
        prevHash,
      };
      const hash = auditHash(fields);
      try {
        await AuditEntry.create({ ...fields, hash });
        heads.set(key, { seq, hash });
        return { seq, hash };
      } catch (err) {
        heads.delete(key);
        if (!isDuplicateKeyError(err)) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20));
      }
    }
    throw new Error('could not append to the audit trail');
  });
}

/** The outcome of checking the chain. */
export type AuditVerification =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; brokenAt: number; problem: 'missing' | 'altered' | 'relinked' };

/** Walks the whole chain in order and reports the first entry that is missing, altered or relinked. */
export async function verifyAuditChain(onProgress?: (checked: number) => void): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let head: { seq: number; hash: string } | null = null;
  for await (const e of AuditEntry.find({}).sort({ seq: 1 }).lean().cursor({ batchSize: 1000 })) {
    if (e.seq !== expectedSeq)
      return { ok: false, entries: count, brokenAt: expectedSeq, problem: 'missing' };
    const recomputed = auditHash({
      seq: e.seq,
      at: e.at,
      actor: stripEmpty(e.actor),
      action: e.action,
      object: stripEmpty(e.object),
      result: e.result,
      origin: stripEmpty(e.origin),
      details: e.details ?? null,
      prevHash: e.prevHash,
    });
    if (recomputed !== e.hash) return { ok: false, entries: count, brokenAt: e.seq, problem: 'altered' };
    if (e.prevHash !== prevHash) return { ok: false, entries: count, brokenAt: e.seq, problem: 'relinked' };
    prevHash = e.hash;
    head = { seq: e.seq, hash: e.hash };
    expectedSeq++;
    count++;
    if (onProgress && count % 10_000 === 0) onProgress(count);
  }
  return { ok: true, entries: count, head };
}

/** Drops unset keys: Mongoose returns sub-documents without them, so hashing must ignore them. */
export function stripEmpty<T>(v: T): T {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null),
  ) as T;
}
