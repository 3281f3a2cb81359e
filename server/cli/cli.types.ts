// Shapes shared by the CLI dispatcher and its commands (contracts.md §2).

/** Exit codes of every command: 0 success, 1 other failure, 2 bad arguments or input. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The outside world of a command, injected so tests can run commands in-process. */
export interface CliIo {
  /** Reads all of standard input as UTF-8 text. */
  readStdin(): Promise<string>;
  /** True when standard input is a terminal (nothing is piped in). */
  isStdinTty?(): boolean;
  /** Reads a file as UTF-8 text. */
  readFile(path: string): Promise<string>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
}

/** One `meldpunt <name>` command; add it to the registry in commands.ts. */
export interface CliCommand {
  /** The word after `meldpunt`, e.g. `assess` or `user:create`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text printed by `meldpunt <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
