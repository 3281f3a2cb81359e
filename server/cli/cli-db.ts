// Database access for CLI commands: the same database the app would use (MONGODB_URI, or the
// embedded one — shared with a running app through DATA_DIR/db.port).
import { loadConfig, type Config } from '../config.js';
import { connectDatabase } from '../db/connection.js';
import { configureAuditKey, flushAuditAnchor } from '../audit/audit.service.js';
import { resolveAuditKey } from '../audit/audit-key.js';
import '../../models/index.js';

/**
 * Connects, runs `fn` with the configuration, and always disconnects (stopping an embedded database
 * it started). Audit entries the command writes are sealed with the installation's audit key (made
 * on first use, like the app does, unless `createAuditKey` is false: checking never makes a key).
 */
export async function withDatabase<T>(
  fn: (config: Config) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
  { createAuditKey = true }: { createAuditKey?: boolean } = {},
): Promise<T> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  configureAuditKey(resolveAuditKey(config.audit.key, config.dataDir, createAuditKey), config.dataDir);
  const db = await connectDatabase({
    uri: config.db.uri,
    dataDir: config.dataDir,
    embeddedPort: config.db.embeddedPort,
  });
  try {
    return await fn(config);
  } finally {
    flushAuditAnchor();
    await db.close();
  }
}

/** Parses `--name value` / `--name=value` options; returns the values and any problems. */
export function parseOptions(
  argv: readonly string[],
  known: readonly string[],
): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!m) {
      problems.push(`unexpected argument "${arg}"`);
      continue;
    }
    const name = m[1]!;
    if (!known.includes(name)) {
      problems.push(`unknown option --${name}`);
      continue;
    }
    const value = m[2] ?? argv[i + 1];
    if (m[2] === undefined) i++;
    if (value === undefined || (m[2] === undefined && value.startsWith('--'))) {
      problems.push(`--${name} needs a value`);
      continue;
    }
    values[name] = value;
  }
  return { values, problems };
}
