// Entry point of `npx meldpunt` (imported by bin/meldpunt.js): wires the real process io to the
// command registry and sets the exit code. The only CLI file with side effects.
import { readFile } from 'node:fs/promises';
import { runCli } from './cli-runner.js';
import type { CliIo } from './cli.types.js';
import { COMMANDS } from './commands.js';

/** The process's own standard streams and file system. */
export const processIo: CliIo = {
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
  },
  isStdinTty: () => Boolean(process.stdin.isTTY),
  readFile: (path) => readFile(path, 'utf8'),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

// exitCode (not process.exit) so buffered output to a pipe is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), processIo, COMMANDS);
