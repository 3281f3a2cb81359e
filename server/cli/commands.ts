// The registry of `meldpunt` commands. To add a command: write `<name>.command.ts` exporting a
// CliCommand, import it here and append it to the list (the order is the order of the help text).
import { assessCommand } from './assess.command.js';
import { userCreateCommand } from './user-create.command.js';
import type { CliCommand } from './cli.types.js';
import { auditVerifyCommand } from './audit-verify.command.js';
import { registerExportCommand } from './register-export.command.js';
import { retentionSweepCommand } from './retention-sweep.command.js';

/** Every command of the `meldpunt` CLI (contracts.md §2). */
export const COMMANDS: readonly CliCommand[] = [
  assessCommand,
  userCreateCommand,
  auditVerifyCommand,
  registerExportCommand,
  retentionSweepCommand,
];
