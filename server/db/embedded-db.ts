// The embedded database (architecture.md §4): FerretDB 1.24 with its SQLite backend, run as a
// child process from the Go launcher in tools/ferretdb/ and stopped with its owner.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

// From the project root, so the compiled app (dist/) finds the same launcher.
const projectRoot = PROJECT_ROOT;
const launcherPath = join(projectRoot, '.cache', 'bin', 'ferretdb-launcher');

/** Builds the launcher if it is missing or its sources changed (a no-op otherwise). */
export function ensureLauncherBuilt(): string {
  execFileSync(process.execPath, [join(projectRoot, 'tools', 'ferretdb', 'build.mjs')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(launcherPath)) throw new Error('the embedded database launcher could not be built');
  return launcherPath;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export interface EmbeddedDbOptions {
  dir: string;
  port?: number;
  startTimeoutMs?: number;
  /**
   * Restart the database when it stops unexpectedly (issue 11 item 4), on the same port and data,
   * with back-off; the driver reconnects by itself. Told through `onEvent`.
   */
  supervise?: boolean;
  onEvent?: (
    event:
      | { type: 'exited'; code: number | null; signal: string | null }
      | { type: 'restarted'; attempt: number }
      | { type: 'restart-failed'; attempt: number; error: string },
  ) => void;
}

// Back-off between restarts of a database that keeps stopping: 1 s, 2 s, 4 s … at most 30 s.
const RESTART_BASE_MS = 1000;
const RESTART_MAX_MS = 30_000;

/** One FerretDB child process; `start()` resolves once it accepts connections. */
export class EmbeddedDatabase {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restarts = 0;
  port = 0;

  /** The database process id while it runs (operators and tests). */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  constructor(private readonly opts: EmbeddedDbOptions) {}

  /** The connection string for a database name on this server. */
  uri(dbName: string): string {
    return `mongodb://127.0.0.1:${this.port}/${dbName}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    const bin = ensureLauncherBuilt();
    mkdirSync(this.opts.dir, { recursive: true, mode: 0o700 });
    if (!this.port) this.port = this.opts.port || (await freePort());
    const child = spawn(bin, ['-listen', `127.0.0.1:${this.port}`, '-dir', this.opts.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((ok) => child.once('exit', () => ok()));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`embedded database did not start in time: ${stderr}`)),
        this.opts.startTimeoutMs ?? 30_000,
      );
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) {
          clearTimeout(timer);
          ok();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`embedded database exited (code ${code}): ${stderr}`));
      });
    });
    this.watch(child);
  }

  /** Called once the child is up: watches for an unexpected exit when supervising. */
  private watch(child: ChildProcess): void {
    if (!this.opts.supervise) return;
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      this.opts.onEvent?.({ type: 'exited', code, signal });
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    const attempt = ++this.restarts;
    const delay = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** Math.min(attempt - 1, 10));
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.start().then(
        () => {
          this.restarts = 0;
          this.opts.onEvent?.({ type: 'restarted', attempt });
        },
        (err: unknown) => {
          this.opts.onEvent?.({
            type: 'restart-failed',
            attempt,
            error: err instanceof Error ? err.message : String(err),
          });
          if (!this.stopping) this.scheduleRestart();
        },
      );
    }, delay);
    this.restartTimer.unref();
  }

  /** Stops the child with SIGTERM (SIGKILL after a grace period). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}
