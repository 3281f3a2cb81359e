// What the two long-running processes (the app, server/main.ts, and the worker,
// notifications/worker-main.ts) do alike when they start and stop: read the configuration or
// exit 2 with its message, connect the database and check the audit trail, and shut down once on
// SIGTERM/SIGINT — stop the work, flush the audit anchor, close the database, exit 0.
import { dropEarlierCollections } from './db/earlier-collections.js';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { systemClock } from './clock.js';
import { flushAuditAnchor, prepareAuditTrail } from './audit/audit.service.js';
import { connectDatabase, type DatabaseHandle } from './db/connection.js';

/** The configuration from `env`, or the process exits with status 2 and the reason. */
export function configOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Connects the database and checks the audit trail can be written (else exits 2); logs embedded-database restarts. */
export async function startProcess(config: Config): Promise<{ logger: Logger; db: DatabaseHandle }> {
  const logger = createLogger(config.logLevel, config.logFormat);
  if (!config.db.uri) logger.info('no MONGODB_URI set: using the embedded database in %s', config.dataDir);
  const db = await connectDatabase({
    uri: config.db.uri,
    dataDir: config.dataDir,
    embeddedPort: config.db.embeddedPort,
    onEmbeddedEvent: (e) => {
      if (e.type === 'exited')
        logger.error(
          { code: e.code, signal: e.signal },
          'the embedded database stopped unexpectedly: restarting it',
        );
      else if (e.type === 'restarted')
        logger.warn({ attempt: e.attempt }, 'the embedded database was restarted');
      else
        logger.error(
          { attempt: e.attempt, error: e.error },
          'the embedded database could not be restarted: trying again',
        );
    },
  });
  const dropped = await dropEarlierCollections();
  if (dropped.length) logger.info({ dropped }, 'collections of an earlier version dropped');
  const auditProblem = await prepareAuditTrail(config, systemClock.now());
  if (auditProblem) {
    console.error(`Meldpunt cannot write its audit trail: ${auditProblem}`);
    await db.close();
    process.exit(2);
  }
  return { logger, db };
}

/**
 * On the first SIGTERM or SIGINT: `stopWork` (listeners, jobs, mail), then the audit anchor and
 * the database; exit 0. A shutdown that hangs longer than `forceAfterMs` exits 1.
 */
export function stopOnSignals(
  logger: Logger,
  db: DatabaseHandle,
  stopWork: () => Promise<void>,
  forceAfterMs = 15_000,
): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('%s received: shutting down', signal);
    const force = setTimeout(() => process.exit(1), forceAfterMs);
    force.unref();
    await stopWork();
    flushAuditAnchor();
    await db.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
