// Dispatches `meldpunt <command> [args]` to a command of the registry, with global and
// per-command --help (contracts.md §2). No side effects on import; main.ts supplies the real io.
import type { CliCommand, CliIo } from './cli.types.js';
import { EXIT } from './cli.types.js';

const HELP_FLAGS = new Set(['--help', '-h']);

/** The global help text listing every command. */
export function globalHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: meldpunt <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "meldpunt <command> --help" for the options of one command.',
    '',
  ].join('\n');
}

/** Whether help is asked for before any `--` end-of-options marker. */
function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (HELP_FLAGS.has(arg)) return true;
  }
  return false;
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[],
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(globalHelp(commands));
    return EXIT.usage;
  }
  if (HELP_FLAGS.has(name) || name === 'help') {
    io.stdout(globalHelp(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`meldpunt: unknown command "${name}"\n\n${globalHelp(commands)}`);
    return EXIT.usage;
  }
  if (wantsHelp(rest)) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`meldpunt ${command.name}: ${message}\n`);
    return EXIT.failure;
  }
}
