// The test database: one embedded FerretDB per test run, in a temporary folder removed afterwards.
// Set TEST_MONGODB_URI to run the suite against a MongoDB server instead.
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabase } from '../../server/db/embedded-db.js';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { configureAuditKey } from '../../server/audit/audit.service.js';
import '../../models/index.js';

interface TestDb {
  uri: string;
  embedded: EmbeddedDatabase | undefined;
  dir: string | undefined;
}

let current: Promise<TestDb> | undefined;

/** Starts (once per run) the test database and connects the default Mongoose connection. */
export function startTestDatabase(): Promise<TestDb> {
  current ??= (async () => {
    const dbName = `meldpunt_test_${process.pid}`;
    useTestAuditKey();
    const external = process.env.TEST_MONGODB_URI;
    if (external) {
      const uri = external.replace(/\/?$/, `/${dbName}`);
      await mongoose.connect(uri, CONNECT_OPTIONS);
      await mongoose.connection.dropDatabase();
      await syncIndexes();
      return { uri, embedded: undefined, dir: undefined };
    }
    const dir = mkdtempSync(join(tmpdir(), 'meldpunt-test-'));
    const embedded = new EmbeddedDatabase({ dir });
    await embedded.start();
    const uri = embedded.uri(dbName);
    await mongoose.connect(uri, { ...CONNECT_OPTIONS, monitorCommands: true });
    watchForUnacknowledgedWrites();
    await syncIndexes();
    return { uri, embedded, dir };
  })();
  return current;
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

async function syncIndexes(): Promise<void> {
  await Promise.all(Object.values(mongoose.connection.models).map((m) => m.init()));
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
    if (wc?.w === 0) unacknowledged.push(`${e.commandName} ${String(e.command[e.commandName])}`);
  });
}

/** The unacknowledged writes seen since the last call (and forgets them). */
export function takeUnacknowledgedWrites(): string[] {
  return unacknowledged.splice(0);
}

/** Stops the test database and removes its files. */
export async function stopTestDatabase(): Promise<void> {
  if (!current) return;
  const db = await current;
  current = undefined;
  await mongoose.disconnect();
  await db.embedded?.stop();
  if (db.dir) rmSync(db.dir, { recursive: true, force: true });
  if (auditDataDir) rmSync(auditDataDir, { recursive: true, force: true });
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
