// The kept register records on disk, so that the first export of a new app process does not read
// every incident, assessment and event again (issue 10 item 3: about 10 s at 10,000 incidents on
// the embedded database, against about 1 s from this file).
//
// The file sits in DATA_DIR beside the database and holds what the records hold (breach facts,
// officers' names), so it is sealed like the evidence files: AES-256-GCM, with a key derived from
// the attachment master secret (ATTACHMENT_KEY, or in development the secret kept in DATA_DIR).
// It names the change-feed entry it is current with (number and time, so a restored or another
// database is noticed); a process that reads it applies the entries written since. A file that
// cannot be opened, is of another database or lags too far behind is ignored and written afresh.
//
// Purged data must not stay in it: a write that may touch any register document (a retention
// purge) discards it, here and in every process that follows the feed.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

const FILE = 'register-records.sealed';
const INFO = 'meldpunt register records v1';
const FORMAT = 1;

/** One incident's kept record: its register year and number, and the packed record. */
export interface KeptRecord {
  year: number;
  seq: number;
  packed: Buffer;
}

/** Where the records are current: a database and an entry of its change feed. */
export interface SnapshotPoint {
  database: string;
  position: number;
  /** When that feed entry was written (epoch ms). */
  positionAt: number;
}

let store: { file: string; key: Buffer } | undefined;

/** Keeps the records in `dir`, sealed with a key derived from `secret`; undefined: not kept on disk. */
export function configureRegisterSnapshot(opts: { dir: string; secret: string } | undefined): void {
  store = opts
    ? {
        file: join(opts.dir, FILE),
        key: Buffer.from(hkdfSync('sha256', Buffer.from(opts.secret, 'utf8'), 'meldpunt', INFO, 32)),
      }
    : undefined;
}

/** Is a file configured (tests and the app; the worker and the CLI keep none)? */
export function snapshotConfigured(): boolean {
  return store !== undefined;
}

/** Writes the records as current at `point`, replacing the file at once (never half written). */
export function saveSnapshot(point: SnapshotPoint, kept: ReadonlyMap<string, KeptRecord>): void {
  if (!store) return;
  const entries: [string, number, number, Buffer][] = [];
  for (const [id, k] of kept) entries.push([id, k.year, k.seq, k.packed]);
  const plain = serialize({ format: FORMAT, point, entries });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', store.key, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tmp = `${store.file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([iv, cipher.getAuthTag(), sealed]), { mode: 0o600 });
  renameSync(tmp, store.file);
}

/** The records on disk and where they are current, or undefined (none, unreadable, other key). */
export function readSnapshot(): { point: SnapshotPoint; kept: Map<string, KeptRecord> } | undefined {
  if (!store) return undefined;
  let raw: Buffer;
  try {
    raw = readFileSync(store.file);
  } catch {
    return undefined;
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', store.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    const data = deserialize(plain) as {
      format: number;
      point: SnapshotPoint;
      entries: [string, number, number, Uint8Array][];
    };
    if (data.format !== FORMAT) return undefined;
    const kept = new Map<string, KeptRecord>();
    for (const [id, year, seq, packed] of data.entries)
      kept.set(id, { year, seq, packed: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength) });
    return { point: data.point, kept };
  } catch {
    // Sealed with another key, or damaged: built afresh and written again.
    return undefined;
  }
}

/**
 * Removes the file (its records may hold purged data, or be of a replaced database): the one this
 * process keeps, or the one in `dataDir` (a process that keeps none, such as a retention sweep).
 */
export function discardSnapshot(dataDir?: string): void {
  const file = dataDir === undefined ? store?.file : join(dataDir, FILE);
  if (file) rmSync(file, { force: true });
}
