// Connecting Mongoose: to MONGODB_URI when set, otherwise to the embedded database.
import mongoose from 'mongoose';
import { writeFileSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedDatabase, type EmbeddedDbOptions } from './embedded-db.js';

export interface DatabaseHandle {
  connection: mongoose.Connection;
  embedded: EmbeddedDatabase | undefined;
  close(): Promise<void>;
}

/** Options that make commands fail fast while the database is down instead of queueing forever. */
export const CONNECT_OPTIONS: mongoose.ConnectOptions = {
  serverSelectionTimeoutMS: 5000,
  bufferCommands: false,
  autoIndex: true,
};

/** Connects the default Mongoose connection; starts the embedded database when no URI is given. */
export async function connectDatabase(opts: {
  uri: string | undefined;
  dataDir: string;
  embeddedPort?: number;
  dbName?: string;
  /** Told when the embedded database stops unexpectedly and is restarted. */
  onEmbeddedEvent?: EmbeddedDbOptions['onEvent'];
}): Promise<DatabaseHandle> {
  let embedded: EmbeddedDatabase | undefined;
  let uri = opts.uri;
  const portFile = join(opts.dataDir, 'db.port');
  if (!uri) {
    // Another Meldpunt process (the app, a worker) may already run the embedded database.
    const shared = await reachableSharedPort(portFile);
    if (shared) {
      uri = `mongodb://127.0.0.1:${shared}/${opts.dbName ?? 'meldpunt'}`;
    } else {
      embedded = new EmbeddedDatabase({
        dir: join(opts.dataDir, 'db'),
        port: opts.embeddedPort,
        supervise: true,
        onEvent: opts.onEmbeddedEvent,
      });
      await embedded.start();
      writeFileSync(portFile, String(embedded.port), { mode: 0o600 });
      uri = embedded.uri(opts.dbName ?? 'meldpunt');
    }
  }
  mongoose.set('strictQuery', true);
  await mongoose.connect(uri, CONNECT_OPTIONS);
  await Promise.all(Object.values(mongoose.connection.models).map((m) => m.init()));
  return {
    connection: mongoose.connection,
    embedded,
    async close() {
      await mongoose.disconnect();
      if (embedded) {
        await embedded.stop();
        rmSync(portFile, { force: true });
      }
    },
  };
}

async function reachableSharedPort(portFile: string): Promise<number | undefined> {
  let port: number;
  try {
    port = Number(readFileSync(portFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const { connect } = await import('node:net');
  return new Promise((ok) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      ok(port);
    });
    s.once('error', () => ok(undefined));
  });
}

/** True when the database answers a ping within the timeout. */
export async function pingDatabase(connection: mongoose.Connection, timeoutMs = 2000): Promise<boolean> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) return false;
  try {
    await Promise.race([
      db.admin().ping(),
      new Promise((_, fail) => setTimeout(() => fail(new Error('ping timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
