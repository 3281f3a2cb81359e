// `meldpunt audit:verify [--head SEQ:HASH]` (contracts.md §2): walks the audit trail's hash chain
// and names the first entry that was deleted, edited or relinked (domain.md §8.3, BIO 5.24/8.15:
// tampering with logs is detectable and reportable).
import { AuditEntry } from '../../models/audit-entry.model.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { parseOptions, withDatabase } from './cli-db.js';
import { EXIT, type CliCommand, type CliIo } from './cli.types.js';

const USAGE = `Usage: meldpunt audit:verify [--head SEQ:HASH]

Checks the hash chain of the audit trail: every entry must be present (positions 1, 2, 3, …),
unchanged (its hash matches its content) and linked to the one before it.
Prints the number of entries and the head (last position and hash) when the chain is intact.

Deleting the newest entries leaves a shorter chain that is still consistent. Keep the printed head
somewhere safe and pass it back with --head to prove that entry is still there, unchanged.

Options:
  --head SEQ:HASH   also require entry SEQ to exist with this hash (from an earlier run)

Exit codes: 0 intact, 1 broken (the first broken entry is named) or any other failure,
2 bad arguments.
`;

const PROBLEMS = {
  missing: 'is missing (deleted)',
  altered: 'was altered (its hash does not match its content)',
  relinked: 'was relinked (it does not point to the entry before it)',
} as const;

/** Runs the database part with the app's database; tests pass their own. */
export type WithDb = <T>(fn: () => Promise<T>) => Promise<T>;

/** The command, using `withDb` to reach the database. */
export function makeAuditVerifyCommand(withDb: WithDb): CliCommand {
  return {
    name: 'audit:verify',
    summary: 'Check the hash chain of the audit trail; names the first deleted or edited entry',
    usage: USAGE,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const { values, problems } = parseOptions(argv, ['head']);
      let head: { seq: number; hash: string } | undefined;
      if (values.head !== undefined) {
        const m = /^(\d{1,12}):([0-9a-f]{64})$/i.exec(values.head);
        if (m) head = { seq: Number(m[1]), hash: m[2]!.toLowerCase() };
        else problems.push('--head must look like SEQ:HASH (a number, a colon and 64 hex digits)');
      }
      if (problems.length) {
        io.stderr(`meldpunt audit:verify: ${problems.join('; ')}\n\n${USAGE}`);
        return EXIT.usage;
      }
      return withDb(async () => {
        const result = await verifyAuditChain();
        if (!result.ok) {
          io.stderr(`Audit trail BROKEN at entry #${result.brokenAt}: it ${PROBLEMS[result.problem]}. ${result.entries} entries before it are intact.\n`);
          return EXIT.failure;
        }
        if (head) {
          const kept = await AuditEntry.findOne({ seq: head.seq }).select({ hash: 1 }).lean();
          if (!kept || kept.hash !== head.hash) {
            io.stderr(`Audit trail BROKEN at entry #${head.seq}: it ${kept ? 'no longer has the recorded hash' : 'is missing (the trail was truncated)'}.\n`);
            return EXIT.failure;
          }
        }
        const headText = result.head ? `; head #${result.head.seq} ${result.head.hash}` : '';
        io.stdout(`Audit trail intact: ${result.entries} entries${headText}\n`);
        return EXIT.ok;
      });
    },
  };
}

/** The `audit:verify` command. */
export const auditVerifyCommand = makeAuditVerifyCommand((fn) => withDatabase(fn));
