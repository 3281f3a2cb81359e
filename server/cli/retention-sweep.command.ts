// `meldpunt retention:sweep [--dry-run]` (issue 13): runs the register's retention sweep now, the
// same one the background job runs every hour (server/retention/retention.service.ts), or only lists
// what it would delete. Only one process sweeps at a time; a sweep already running elsewhere makes
// this one stop without deleting anything.
import { userInfo } from 'node:os';
import { Types } from 'mongoose';
import {
  countRecords,
  expiredIncidents,
  runRetentionSweep,
  totalRecords,
} from '../retention/retention.service.js';
import { parseOptions, withDatabase } from './cli-db.js';
import { EXIT, type CliCommand, type CliIo } from './cli.types.js';

const USAGE = `Usage: meldpunt retention:sweep [--dry-run]

Deletes every incident whose retention period (REGISTER_RETENTION_YEARS) is over, with all records
belonging to it, unless it is on legal hold. The period runs from the closing date, or from the last
change for an incident that ended without being closed; incidents still being handled are kept.
Each deletion is written to the audit trail (reference and counts only); the trail is never deleted.

Options:
  --dry-run   only list the incidents past retention, with their record counts and holds

Exit codes: 0 success, 1 another process is sweeping (nothing deleted) or any other failure,
2 bad arguments.
`;

/** Runs the database part with the retention period in years and the data folder; tests pass their own. */
export type WithRetentionDb = <T>(fn: (years: number, dataDir?: string) => Promise<T>) => Promise<T>;

function actorLabel(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** The command, using `withDb` to reach the database and `now` for the moment of the sweep. */
export function makeRetentionSweepCommand(
  withDb: WithRetentionDb,
  now: () => Date = () => new Date(),
): CliCommand {
  return {
    name: 'retention:sweep',
    summary: 'Delete incidents past the register retention period (or list them with --dry-run)',
    usage: USAGE,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const dryRun = argv.includes('--dry-run');
      const { problems } = parseOptions(
        argv.filter((a) => a !== '--dry-run'),
        [],
      );
      if (problems.length) {
        io.stderr(`meldpunt retention:sweep: ${problems.join('; ')}\n\n${USAGE}`);
        return EXIT.usage;
      }
      return withDb(async (years, dataDir) => {
        const at = now();
        if (dryRun) {
          const expired = await expiredIncidents(at, years);
          const counts = await countRecords(expired.map((e) => new Types.ObjectId(e.id)));
          for (const e of expired) {
            const hold = e.hold ? 'on hold' : 'to delete';
            io.stdout(
              `${e.reference}\t${e.status}\tsince ${e.since.toISOString().slice(0, 10)}\t${totalRecords(counts.get(e.id) ?? {})} records\t${hold}\n`,
            );
          }
          io.stderr(
            `${expired.length} incident(s) past retention of ${years} year(s); ${expired.filter((e) => e.hold).length} on legal hold.\n`,
          );
          return EXIT.ok;
        }
        const result = await runRetentionSweep({
          now: at,
          years,
          actor: { kind: 'system', label: actorLabel() },
          origin: { via: 'cli' },
          dataDir,
        });
        if (!result.ran) {
          io.stderr(
            'Another process is running the retention sweep (or just ran it); nothing was deleted.\n',
          );
          return EXIT.failure;
        }
        for (const d of result.deleted) io.stdout(`deleted ${d.reference}\t${d.records} records\n`);
        io.stderr(`${result.deleted.length} incident(s) deleted; ${result.held} kept on legal hold.\n`);
        return EXIT.ok;
      });
    },
  };
}

/** The `retention:sweep` command. */
export const retentionSweepCommand = makeRetentionSweepCommand((fn) =>
  withDatabase((config) => fn(config.retention.registerYears, config.dataDir)),
);
