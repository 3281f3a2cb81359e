// Running CLI commands in tests: in-process with an io that keeps the output, or as a real child
// process (the `npx meldpunt` path).
import { spawn } from 'node:child_process';
import type { CliIo } from '../../server/cli/cli.types.js';
import { PROJECT_ROOT } from '../../server/paths.js';

/** Runs a child process to completion; resolves with its exit code and output. */
export function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A CliIo that keeps what the command writes. */
export function memoryIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    readStdin: () => Promise.resolve(''),
    readFile: () => Promise.reject(new Error('no files')),
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}
