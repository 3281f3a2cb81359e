// Racing processes for concurrency tests: each child connects on its own, prints "ready", waits
// for "go" on stdin, acts, and prints one JSON line with its result. The parent releases all
// children together once every one is ready (a barrier, never a sleep).
import { spawn, type ChildProcess } from 'node:child_process';
import mongoose from 'mongoose';
import { configureAuditKey, flushAuditAnchor } from '../../server/audit/audit.service.js';
import { loadConfig } from '../../server/config.js';
import { CONNECT_OPTIONS } from '../../server/db/connection.js';
import { PROJECT_ROOT } from '../../server/paths.js';

export interface Racer<T> {
  child: ChildProcess;
  result: Promise<T>;
}

/** Starts `count` children of `script` with `args`; resolves when every child is ready. */
export async function startRacers<T>(
  script: string,
  count: number,
  args: (i: number) => string[],
  env: Record<string, string> = {},
): Promise<{ go: () => Promise<T[]> }> {
  const racers: Racer<T>[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args(i)], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let readyResolve!: () => void;
    ready.push(new Promise((ok) => (readyResolve = ok)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) readyResolve();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const result = new Promise<T>((ok, fail) => {
      child.on('error', fail);
      child.on('close', (code) => {
        const line = out
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .pop();
        if (code !== 0 || !line) fail(new Error(`racer ${i} exited ${code}: ${err.slice(-2000)}`));
        else ok(JSON.parse(line) as T);
      });
    });
    // A child that dies before it is ready must not hang the barrier.
    void result.catch(() => readyResolve());
    racers.push({ child, result });
  }
  await Promise.all(ready);
  return {
    go: () => {
      for (const r of racers) r.child.stdin!.end('go\n');
      return Promise.all(racers.map((r) => r.result));
    },
  };
}

/** In a child: prints "ready" and resolves when the parent says "go". */
export function waitForGo(): Promise<void> {
  process.stdout.write('ready\n');
  return new Promise((ok) => {
    let input = '';
    process.stdin.on('data', (d: Buffer) => {
      input += d.toString();
      if (input.includes('go')) ok();
    });
  });
}

/** In a child: its own database connection, audit entries sealed with the run's key (from the environment). */
export async function connectChild(uri: string): Promise<void> {
  const config = loadConfig();
  configureAuditKey(config.audit.key, config.dataDir);
  await mongoose.connect(uri, CONNECT_OPTIONS);
}

/** In a child: writes what is pending, disconnects, and prints the result line for the parent. */
export async function finishChild(result: unknown): Promise<void> {
  flushAuditAnchor();
  await mongoose.disconnect();
  console.log(JSON.stringify(result));
}
