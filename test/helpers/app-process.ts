// The app as a real process (`server/main.ts`), as `npm start` runs it: started, waited for until it
// listens, and stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Starts the app with `env` (from source, or as `npm start` does: `tools/start/start.mjs`); resolves once it listens. */
export async function startApp(
  env: NodeJS.ProcessEnv,
  entry: string[] = ['--import', 'tsx', 'server/main.ts'],
  timeoutMs = 60_000,
): Promise<Started> {
  const child = spawn(process.execPath, entry, {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const end = Date.now() + timeoutMs;
  while (!out.includes('Meldpunt is running at')) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${out}`);
    if (Date.now() > end) throw new Error(`app did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The setup link is printed right after the listening line.
  await new Promise((r) => setTimeout(r, 200));
  return { child, output: () => out };
}

/** Stops the app with SIGTERM; resolves with its exit code. */
export async function stopApp(s: Started): Promise<number | null> {
  s.child.kill('SIGTERM');
  return new Promise((ok) => s.child.once('exit', (code) => ok(code)));
}

/** A fresh data folder for the app's embedded database, removed after the enclosing suite. */
export function tempDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment of an app on `port` with its own embedded database in `dataDir`. */
export function appEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    MONGODB_URI: '',
  };
}
