// `meldpunt register:export --format csv|json [--year Y]` (contracts.md §2): the Art. 33(5) breach
// register (domain.md §10.7) to standard output, streamed; the export is audit-logged.
import { userInfo } from 'node:os';
import {
  EXPORT_FORMATS,
  writeRegisterExport,
  type ExportFormat,
} from '../register/register-export.service.js';
import { parseOptions, withDatabase } from './cli-db.js';
import { attachmentSecret } from '../attachments/attachment-key.js';
import { configureRegisterSnapshot } from '../register/register-snapshot.js';
import type { WithDb } from './audit-verify.command.js';
import { EXIT, type CliCommand, type CliIo } from './cli.types.js';

const USAGE = `Usage: meldpunt register:export --format csv|json [--year YYYY]

Writes the breach register (Art. 33(5) GDPR) to standard output: one record per incident with its
facts, timeline, categories and counts, assessment and decision, notifications, measures, lessons
learned and closure. CSV is RFC 4180 (UTF-8, every cell quoted; cells that a spreadsheet would run
as a formula start with an apostrophe). JSON is one object with a "records" array.

Options:
  --format csv|json   required
  --year YYYY         only incidents with a reference of that year

Exit codes: 0 success, 2 bad arguments, 1 any other failure.

Example:
  meldpunt register:export --format csv --year 2026 > register-2026.csv
`;

function actorLabel(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** The command, using `withDb` to reach the database. */
export function makeRegisterExportCommand(withDb: WithDb): CliCommand {
  return {
    name: 'register:export',
    summary: 'Write the Art. 33(5) breach register as CSV or JSON to standard output',
    usage: USAGE,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const { values, problems } = parseOptions(argv, ['format', 'year']);
      const format = values.format;
      if (format === undefined) problems.push('--format is required (csv or json)');
      else if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        problems.push(`--format must be csv or json, not "${format}"`);
      let year: number | undefined;
      if (values.year !== undefined) {
        if (/^\d{4}$/.test(values.year)) year = Number(values.year);
        else problems.push(`--year must be a four-digit year, not "${values.year}"`);
      }
      if (problems.length) {
        io.stderr(`meldpunt register:export: ${problems.join('; ')}\n\n${USAGE}`);
        return EXIT.usage;
      }
      return withDb(async () => {
        const count = await writeRegisterExport(format as ExportFormat, year, (chunk) => io.stdout(chunk), {
          actor: { kind: 'system', label: actorLabel() },
          origin: { via: 'cli' },
          now: new Date(),
        });
        io.stderr(`${count} record(s) exported.\n`);
        return EXIT.ok;
      });
    },
  };
}

/** The `register:export` command. */
export const registerExportCommand = makeRegisterExportCommand((fn) =>
  withDatabase((config) => {
    // Starts from the app's kept records when they are current (server/register/register-snapshot.ts).
    configureRegisterSnapshot({ dir: config.dataDir, secret: attachmentSecret(config) });
    return fn();
  }),
);
