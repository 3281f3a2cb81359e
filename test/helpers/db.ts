// The test database: one embedded FerretDB server per test process, in a temporary folder removed
// afterwards, and on it one database per test file (root-hooks.ts starts each file on a fresh
// database, so no file sees what another left behind). Set TEST_MONGODB_URI to run the suite
// against a MongoDB server instead.
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '../../server/db/embedded-db.js';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { configureAuditKey, flushAuditAnchor } from '../../server/audit/audit.service.js';
import { forgetFeedHead } from '../../models/db/change-feed.js';
import { readModels } from '../../server/db/read-models.js';
import { forgetCachedSettings } from '../../server/settings/settings.service.js';
import '../../models/index.js';

interface TestDb {
  /** The current test file's database. */
  uri: string;
  /** The database's address without a database name (`/name` is appended). */
  server: string;
  embedded: EmbeddedDatabase | undefined;
  dir: string | undefined;
}

let current: Promise<TestDb> | undefined;
let files = 0;
const nameFor = (file: number) => `meldpunt_test_${process.pid}_${file}`;

/** Starts (once per run) the test database and connects the default Mongoose connection. */
export function startTestDatabase(): Promise<TestDb> {
  current ??= (async () => {
    const dbName = nameFor(files);
    useTestAuditKey();
    const external = process.env.TEST_MONGODB_URI;
    if (external) {
      const server = external.replace(/\/$/, '');
      const uri = `${server}/${dbName}`;
      await mongoose.connect(uri, CONNECT_OPTIONS);
      await mongoose.connection.dropDatabase();
      await syncIndexes();
      return { uri, server, embedded: undefined, dir: undefined };
    }
    const dir = mkdtempSync(join(tmpdir(), 'meldpunt-test-'));
    const embedded = new EmbeddedDatabase({ dir });
    await embedded.start();
    const uri = embedded.uri(dbName);
    await connect(uri);
    await syncIndexes();
    return { uri, server: uri.slice(0, -dbName.length - 1), embedded, dir };
  })();
  return current;
}

async function connect(uri: string): Promise<void> {
  await mongoose.connect(uri, {
    ...CONNECT_OPTIONS,
    ...(process.env.TEST_MONGODB_URI ? {} : { monitorCommands: true }),
  });
  if (!process.env.TEST_MONGODB_URI) watchForUnacknowledgedWrites();
}

/**
 * Moves the test process to a new, empty database for the next test file (root-hooks.ts), drops the
 * previous file's, and makes the process forget what it knew of the old one: the read models and
 * the change feed's end, the settings it read, the audit trail's keying. With no database running
 * (before the first file that uses one, or after --parallel stopped the last file's) only the
 * process forgets: the next start is on a new server.
 */
export async function freshDatabaseForFile(): Promise<void> {
  files++;
  if (current) {
    const db = await current;
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
    db.uri = `${db.server}/${nameFor(files)}`;
    await connect(db.uri);
    await syncIndexes();
    // The audit trail's head is anchored in DATA_DIR (issue 11 item 10): a new trail, a new folder.
    freshAuditDataDir();
  }
  // Also when the last file stopped the server (--parallel runs files one after another in each
  // worker process): what the process remembers belongs to the last file's database.
  forgetFeedHead(mongoose.connection);
  readModels.forgetAll();
  forgetCachedSettings();
}

// The audit trail of a test run is sealed like an installation's (issue 11 item 10): one key per
// run, inherited by the processes tests start (CLI, workers), with the anchor in a data folder of
// the run's own, never in the project's ./data.
let auditDataDir: string | undefined;
function useTestAuditKey(): void {
  process.env.AUDIT_KEY ??= randomBytes(32).toString('base64url');
  auditDataDir ??= mkdtempSync(join(tmpdir(), 'meldpunt-test-data-'));
  process.env.DATA_DIR ??= auditDataDir;
  configureAuditKey(process.env.AUDIT_KEY, process.env.DATA_DIR);
}

/** A new data folder (and so a new audit anchor) for a new database; the previous one is removed. */
function freshAuditDataDir(): void {
  flushAuditAnchor();
  if (auditDataDir && process.env.DATA_DIR === auditDataDir) {
    rmSync(auditDataDir, { recursive: true, force: true });
    auditDataDir = mkdtempSync(join(tmpdir(), 'meldpunt-test-data-'));
    process.env.DATA_DIR = auditDataDir;
  }
  configureAuditKey(process.env.AUDIT_KEY, process.env.DATA_DIR);
}

/**
 * Creates every model's collection and indexes on the connected database. Model.init() runs once
 * per model and keeps its promise (made when the model was compiled, before any connection): it is
 * made to run again here, so that after a reconnect (a new test file's database, or a new server
 * with --parallel) a file that awaits it gets this database's, not an earlier one's.
 */
async function syncIndexes(): Promise<void> {
  const models = Object.values(mongoose.connection.models);
  for (const m of models) delete (m as { $init?: unknown }).$init;
  await Promise.all(models.map((m) => m.init()));
}

/** Writes sent unacknowledged (write concern w: 0) since the last check, as "command collection". */
const unacknowledged: string[] = [];

/**
 * Records every write sent with write concern w: 0. The embedded database (FerretDB 1.24) answers
 * such writes although MongoDB does not, and the driver then takes that stray answer for the reply
 * to the next command on the same connection (server/db/session-store.ts) — so none may be sent.
 */
function watchForUnacknowledgedWrites(): void {
  mongoose.connection.getClient().on('commandStarted', (e) => {
    const wc = (e.command as { writeConcern?: { w?: unknown } }).writeConcern;
    // endSessions goes out unacknowledged as a client closes: no later command shares its connection.
    if (wc?.w === 0 && e.commandName !== 'endSessions')
      unacknowledged.push(`${e.commandName} ${String(e.command[e.commandName])}`);
  });
}

/** The unacknowledged writes seen since the last call (and forgets them). */
export function takeUnacknowledgedWrites(): string[] {
  return unacknowledged.splice(0);
}

/** Stops the test database and removes its files. */
export async function stopTestDatabase(): Promise<void> {
  if (!current) return;
  const starting = current;
  current = undefined;
  // A start that failed has already failed its file; the next file starts afresh.
  const db = await starting.catch(() => undefined);
  await mongoose.disconnect();
  await db?.embedded?.stop();
  if (db?.dir) rmSync(db.dir, { recursive: true, force: true });
  flushAuditAnchor();
  if (auditDataDir) {
    rmSync(auditDataDir, { recursive: true, force: true });
    // The next start (--parallel: the next file) makes a new one.
    if (process.env.DATA_DIR === auditDataDir) delete process.env.DATA_DIR;
  }
  auditDataDir = undefined;
}

/** Deletes every document of the given models (each test builds its own data). */
export async function clearCollections(...names: string[]): Promise<void> {
  const models = names.length
    ? names.map((n) => mongoose.model(n))
    : Object.values(mongoose.connection.models);
  await Promise.all(models.map((m) => m.deleteMany({})));
  // A cleared trail starts again from its keying record.
  if (process.env.AUDIT_KEY) configureAuditKey(process.env.AUDIT_KEY, process.env.DATA_DIR);
}

/** Stops the database server under a connected app (outage tests); returns a function to start it again. */
export async function interruptTestDatabase(): Promise<() => Promise<void>> {
  const db = await startTestDatabase();
  if (!db.embedded) throw new Error('outage tests need the embedded database');
  const embedded = db.embedded;
  await embedded.stop();
  return () => embedded.start();
}
