// Writing and verifying the audit trail (domain.md §8.3). Every read, change, export, download and
// mail of incident data goes through `recordAudit`.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Types } from 'mongoose';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { AuditKeying } from '../../models/audit-keying.model.js';
import { databaseKey, isDuplicateKeyError, serialised } from '../../models/db/unique-insert.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { anchorSeal, auditKeyId, entrySeal, keyingSeal, resolveAuditKey, sealsEqual } from './audit-key.js';

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

/** Positions found taken by another writer, in this process (tests prove the race with it). */
export const auditStats = { collisions: 0, headReads: 0 };

/** The key that seals entries (issue 11 item 10), and where the head is anchored outside the database. */
interface KeyState {
  key: string;
  keyId: string;
  anchorFile: string | undefined;
}
let keyState: KeyState | undefined;
// Per database: the keying record was checked against this process's key (or found absent without a key).
const keyingChecked = new Map<string, string>();

/** Raised when the configured key does not fit the trail in the database; nothing is written. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';

/**
 * Sets the key every entry this process writes is sealed with, and the folder (DATA_DIR) where the
 * newest head is anchored. Called once at start by each process that writes (app, worker, CLI).
 */
export function configureAuditKey(key: string | undefined, anchorDir?: string): void {
  // A head waiting to be anchored belongs to the trail and folder it was written under.
  flushAuditAnchor();
  keyState = key
    ? { key, keyId: auditKeyId(key), anchorFile: anchorDir ? join(anchorDir, AUDIT_ANCHOR_FILE) : undefined }
    : undefined;
  keyingChecked.clear();
}

/** Uses the installation's key: AUDIT_KEY, or DATA_DIR/.audit-key (made on first start). */
function useInstallationAuditKey(config: { audit: { key: string | undefined }; dataDir: string }): void {
  configureAuditKey(resolveAuditKey(config.audit.key, config.dataDir, true), config.dataDir);
}

/**
 * At the start of a process that writes (app, worker): uses the installation's key and checks that
 * it sealed this database's trail. Returns why the trail cannot be written, or null.
 */
export async function prepareAuditTrail(
  config: { audit: { key: string | undefined }; dataDir: string },
  now: Date,
): Promise<string | null> {
  useInstallationAuditKey(config);
  try {
    await ensureKeying(now);
    return null;
  } catch (err) {
    if (err instanceof AuditKeyError) return err.message;
    throw err;
  }
}

/**
 * Makes sure the database's keying record exists and names this process's key. The first sealed
 * writer inserts it under its fixed `_id` (architecture.md §4), sealing from the next position on;
 * every other writer checks it. A different key is refused, so a wrongly configured process can
 * never write entries that would later read as tampering.
 */
async function ensureKeying(now: Date): Promise<void> {
  const dbKey = databaseKey(AuditEntry);
  const k = keyState;
  const want = k?.keyId ?? 'none';
  if (keyingChecked.get(dbKey) === want) return;
  let record: { keyId: string; keyedFrom: number; createdAt: Date; seal: string } | null =
    await AuditKeying.findById('chain').lean();
  if (!k) {
    if (record)
      throw new AuditKeyError(
        'the audit trail in this database is sealed with a key, but this process has no audit key (AUDIT_KEY)',
      );
    keyingChecked.set(dbKey, want);
    return;
  }
  if (!record) {
    const head = await readHead();
    const createdAt = now;
    const keyedFrom = head.seq + 1;
    const doc = {
      _id: 'chain',
      keyId: k.keyId,
      keyedFrom,
      createdAt,
      seal: keyingSeal(k.key, keyedFrom, createdAt),
    };
    try {
      await AuditKeying.create(doc);
      record = doc;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      record = await AuditKeying.findById('chain').lean();
    }
  }
  if (!record || record.keyId !== k.keyId)
    throw new AuditKeyError(
      `the audit trail in this database was sealed with another key (key id ${record?.keyId ?? '?'}, this process has ${k.keyId}): set AUDIT_KEY, or DATA_DIR, to the ones it was written with`,
    );
  keyingChecked.set(dbKey, want);
}

// Anchoring: after writes, the newest head this process wrote is kept in a file outside the
// database (DATA_DIR/audit-anchor.json, sealed), never moved backwards. Cutting the newest entries
// off the trail then shows as a truncation, without anyone having had to keep the head by hand.
let anchorTimer: NodeJS.Timeout | undefined;
let pendingAnchor: { seq: number; hash: string } | undefined;
const ANCHOR_DELAY_MS = 2_000;

interface AnchorFile {
  seq: number;
  hash: string;
  keyId: string;
  seal: string;
}

function readAnchor(file: string): AnchorFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const a = JSON.parse(readFileSync(file, 'utf8')) as AnchorFile;
    return typeof a.seq === 'number' && typeof a.hash === 'string' ? a : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the pending head to the anchor file now (also called at shutdown). */
export function flushAuditAnchor(): void {
  if (anchorTimer) clearTimeout(anchorTimer);
  anchorTimer = undefined;
  const k = keyState;
  const head = pendingAnchor;
  pendingAnchor = undefined;
  if (!k?.anchorFile || !head) return;
  const current = readAnchor(k.anchorFile);
  if (current && current.keyId === k.keyId && current.seq >= head.seq) return;
  const anchor: AnchorFile = {
    seq: head.seq,
    hash: head.hash,
    keyId: k.keyId,
    seal: anchorSeal(k.key, head.seq, head.hash),
  };
  try {
    mkdirSync(join(k.anchorFile, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${k.anchorFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
    renameSync(tmp, k.anchorFile);
  } catch {
    // The anchor is a second line of defence; the trail itself is already written.
  }
}

function scheduleAnchor(head: { seq: number; hash: string }): void {
  if (!keyState?.anchorFile) return;
  if (!pendingAnchor || head.seq > pendingAnchor.seq) pendingAnchor = head;
  anchorTimer ??= setTimeout(flushAuditAnchor, ANCHOR_DELAY_MS);
  anchorTimer.unref();
}

// The chain's head as this process last wrote or read it, per database. Entries never change, so
// the next entry can be inserted right after it; only a duplicate position (another process
// appended meanwhile) needs the head to be read again. Reading the head scans the whole collection
// on FerretDB 1.x, while an insert is checked by the unique index alone.
const heads = new Map<string, { seq: number; hash: string }>();

async function readHead(): Promise<{ seq: number; hash: string }> {
  auditStats.headReads++;
  const last = await AuditEntry.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

// Where the head was last seen, for a process that does not know it yet: one document under a
// fixed `_id` naming the entry by its `_id`, both found by lookup instead of the scan. It is only
// a hint: the entry it names must exist with its position and hash, and if others were appended
// after it, the insert at the next position collides and the head is read in full.
const HEAD_HINT = 'audit_head';

interface HeadHint {
  _id: 'head';
  entryId: Types.ObjectId;
  seq: number;
  hash: string;
}

function headHints() {
  return AuditEntry.db.collection<HeadHint>(HEAD_HINT);
}

async function hintedHead(): Promise<{ seq: number; hash: string } | undefined> {
  const hint = await headHints().findOne({ _id: 'head' });
  if (!hint) return undefined;
  const entry = await AuditEntry.findById(hint.entryId, { seq: 1, hash: 1 }).lean();
  return entry && entry.seq === hint.seq && entry.hash === hint.hash
    ? { seq: hint.seq, hash: hint.hash }
    : undefined;
}

async function moveHeadHint(entryId: Types.ObjectId, seq: number, hash: string): Promise<void> {
  try {
    // Only forwards: a writer that appended earlier never moves it back.
    await headHints().updateOne(
      { _id: 'head', seq: { $lt: seq } },
      { $set: { entryId, seq, hash } },
      { upsert: true },
    );
  } catch (err) {
    // A newer hint exists (the upsert found `_id` taken): nothing to do.
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** Forgets the heads this process knows, as a new process starts (tests of the head hint). */
export function forgetAuditHeads(): void {
  heads.clear();
}

/**
 * Reads the chain's head ahead of an append this process is about to make, when it does not know
 * it yet: a new process (the CLI) can then do its work while the head is read, instead of after.
 * A head that another writer moves on meanwhile costs a retry, as always.
 */
export async function warmAuditHead(): Promise<void> {
  const key = databaseKey(AuditEntry);
  if (heads.has(key)) return;
  try {
    const head = (await hintedHead()) ?? (await readHead());
    if (!heads.has(key)) heads.set(key, head);
  } catch {
    // The append reads it itself.
  }
}

/** Appends one entry at the next position of the chain; safe with many writers and processes. */
export async function recordAudit(input: AuditInput, now: Date): Promise<{ seq: number; hash: string }> {
  return serialised(queueOwner, 'audit', async () => {
    await ensureKeying(now);
    const key = databaseKey(AuditEntry);
    let hinted = true;
    for (let attempt = 0; attempt < 200; attempt++) {
      const head = heads.get(key) ?? (hinted ? await hintedHead() : undefined) ?? (await readHead());
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
      const seal = keyState ? entrySeal(keyState.key, seq, hash) : undefined;
      try {
        const entry = await AuditEntry.create({ ...fields, hash, ...(seal ? { seal } : {}) });
        heads.set(key, { seq, hash });
        await moveHeadHint(entry._id, seq, hash);
        scheduleAnchor({ seq, hash });
        return { seq, hash };
      } catch (err) {
        heads.delete(key);
        if (!isDuplicateKeyError(err)) throw err;
        // Others appended after the head known or hinted: read it in full from now on.
        hinted = false;
        auditStats.collisions++;
        await new Promise((r) => setTimeout(r, Math.random() * 20));
      }
    }
    throw new Error('could not append to the audit trail');
  });
}

/** Why a chain is not intact: an entry (`brokenAt`), or the database as a whole (`brokenAt: 0`). */
export type AuditProblem =
  | 'missing'
  | 'altered'
  | 'relinked'
  | 'unsealed'
  | 'truncated'
  | 'empty'
  | 'unkeyed'
  | 'keying-altered'
  | 'no-key'
  | 'wrong-key';

/** The outcome of checking the chain. */
export type AuditVerification =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null; anchored: number | null }
  | { ok: false; entries: number; brokenAt: number; problem: AuditProblem };

/** What verification needs besides the database: the key, and the folder holding the anchor. */
export interface VerifyOptions {
  key?: string | undefined;
  anchorDir?: string | undefined;
  onProgress?: (checked: number) => void;
}

/**
 * Walks the whole chain in order and reports the first entry that is missing, altered, relinked
 * or not sealed with the key; refuses a database with no trail or no keying record (the wrong
 * database, or a wiped one: never a false all-clear), and a key that did not seal this trail.
 */
export async function verifyAuditChain(options: VerifyOptions = {}): Promise<AuditVerification> {
  const key = options.key ?? keyState?.key;
  const anchorDir = options.anchorDir ?? (keyState?.anchorFile ? join(keyState.anchorFile, '..') : undefined);
  const refuse = (problem: AuditProblem): AuditVerification => ({
    ok: false,
    entries: 0,
    brokenAt: 0,
    problem,
  });
  const keying = await AuditKeying.findById('chain').lean();
  const any = await AuditEntry.findOne({}, { _id: 1 }).lean();
  if (!keying) return refuse(any ? 'unkeyed' : 'empty');
  if (!key) return refuse('no-key');
  if (keying.keyId !== auditKeyId(key)) return refuse('wrong-key');
  if (!sealsEqual(keying.seal, keyingSeal(key, keying.keyedFrom, new Date(keying.createdAt))))
    return refuse('keying-altered');

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
    if (e.seq >= keying.keyedFrom && !sealsEqual(e.seal, entrySeal(key, e.seq, e.hash)))
      return { ok: false, entries: count, brokenAt: e.seq, problem: 'unsealed' };
    prevHash = e.hash;
    head = { seq: e.seq, hash: e.hash };
    expectedSeq++;
    count++;
    if (options.onProgress && count % 10_000 === 0) options.onProgress(count);
  }
  let anchored: number | null = null;
  const anchor = anchorDir ? readAnchor(join(anchorDir, AUDIT_ANCHOR_FILE)) : undefined;
  if (
    anchor &&
    anchor.keyId === keying.keyId &&
    sealsEqual(anchor.seal, anchorSeal(key, anchor.seq, anchor.hash))
  ) {
    if (!head || head.seq < anchor.seq)
      return { ok: false, entries: count, brokenAt: (head?.seq ?? 0) + 1, problem: 'truncated' };
    const at = await AuditEntry.findOne({ seq: anchor.seq }, { hash: 1 }).lean();
    if (!at || at.hash !== anchor.hash)
      return { ok: false, entries: count, brokenAt: anchor.seq, problem: 'altered' };
    anchored = anchor.seq;
  }
  return { ok: true, entries: count, head, anchored };
}

/** Drops unset keys: Mongoose returns sub-documents without them, so hashing must ignore them. */
export function stripEmpty<T>(v: T): T {
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null),
  ) as T;
}
