// `meldpunt audit:verify [--head SEQ:HASH]` (contracts.md §2): walks the audit trail's hash chain
// and names the first entry that was deleted, edited or relinked (domain.md §8.3, BIO 5.24/8.15:
// tampering with logs is detectable and reportable).
import { AuditEntry } from '../../models/audit-entry.model.js';
import { verifyAuditChain, type AuditProblem, type VerifyOptions } from '../audit/audit.service.js';
import { resolveAuditKey } from '../audit/audit-key.js';
import { parseOptions, withDatabase } from './cli-db.js';
import { EXIT, type CliCommand, type CliIo } from './cli.types.js';

const USAGE = `Usage: meldpunt audit:verify [--head SEQ:HASH]

Checks the hash chain of the audit trail: every entry must be present (positions 1, 2, 3, …),
unchanged (its hash matches its content) and linked to the one before it.
Prints the number of entries and the head (last position and hash) when the chain is intact.

Every entry is also sealed with the audit key (AUDIT_KEY, or DATA_DIR/.audit-key), kept outside the
database: a trail rewritten without the key does not verify. The newest head is anchored in
DATA_DIR/audit-anchor.json, so cutting off the newest entries shows as a truncation. A database
without a Meldpunt audit trail (the wrong MONGODB_URI or DATA_DIR, or a wiped one) is refused.
You can also keep a printed head elsewhere and pass it back with --head.

Options:
  --head SEQ:HASH   also require entry SEQ to exist with this hash (from an earlier run)

Exit codes: 0 intact, 1 broken (the first broken entry is named) or any other failure,
2 bad arguments.
`;

const PROBLEMS: Record<AuditProblem, string> = {
  missing: 'is missing (deleted)',
  altered: 'was altered (its hash does not match its content)',
  relinked: 'was relinked (it does not point to the entry before it)',
  unsealed: 'is not sealed with the audit key (written or rewritten without it)',
  truncated:
    'is missing: the trail ends before the head anchored in DATA_DIR/audit-anchor.json (the newest entries were cut off)',
  empty: '',
  unkeyed: '',
  'keying-altered': '',
  'no-key': '',
  'wrong-key': '',
};

// Refusals concern the database as a whole, not one entry.
const REFUSALS: Partial<Record<AuditProblem, string>> = {
  empty:
    'this database holds no audit trail at all. Is MONGODB_URI or DATA_DIR the one Meldpunt uses? A wiped trail is not intact.',
  unkeyed:
    'this database has audit entries but no keying record: it is not a Meldpunt trail, or its keying record was removed.',
  'keying-altered': 'the keying record of the trail was altered (its seal does not match).',
  'no-key':
    'no audit key found (set AUDIT_KEY, or DATA_DIR to the folder holding .audit-key): the seals cannot be checked.',
  'wrong-key':
    'the trail in this database was sealed with another key than AUDIT_KEY / DATA_DIR/.audit-key gives.',
};

/** Runs the database part with the app's database; tests pass their own. */
export type WithDb = <T>(fn: () => Promise<T>) => Promise<T>;

/** Runs the database part with the app's database and audit key; tests pass their own. */
export type WithDbAndKey = <T>(fn: (keys: VerifyOptions) => Promise<T>) => Promise<T>;

/** The command, using `withDb` to reach the database. */
export function makeAuditVerifyCommand(withDb: WithDbAndKey): CliCommand {
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
      return withDb(async (keys) => {
        const result = await verifyAuditChain(keys);
        if (!result.ok && REFUSALS[result.problem]) {
          io.stderr(`Audit trail NOT VERIFIED: ${REFUSALS[result.problem]}\n`);
          return EXIT.failure;
        }
        if (!result.ok) {
          io.stderr(
            `Audit trail BROKEN at entry #${result.brokenAt}: it ${PROBLEMS[result.problem]}. ${result.entries} entries before it are intact.\n`,
          );
          return EXIT.failure;
        }
        if (head) {
          const kept = await AuditEntry.findOne({ seq: head.seq }).select({ hash: 1 }).lean();
          if (!kept || kept.hash !== head.hash) {
            io.stderr(
              `Audit trail BROKEN at entry #${head.seq}: it ${kept ? 'no longer has the recorded hash' : 'is missing (the trail was truncated)'}.\n`,
            );
            return EXIT.failure;
          }
        }
        const headText = result.head ? `; head #${result.head.seq} ${result.head.hash}` : '';
        const anchorText = result.anchored
          ? `The head anchored outside the database (#${result.anchored}) is present and unchanged.\n`
          : '';
        io.stdout(`Audit trail intact: ${result.entries} entries${headText}\n${anchorText}`);
        return EXIT.ok;
      });
    },
  };
}

/** The `audit:verify` command. */
export const auditVerifyCommand = makeAuditVerifyCommand((fn) =>
  withDatabase(
    (config) =>
      fn({ key: resolveAuditKey(config.audit.key, config.dataDir, false), anchorDir: config.dataDir }),
    process.env,
    { createAuditKey: false },
  ),
);
