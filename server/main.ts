// The only file that connects, listens and starts timers (architecture.md §3 rule 1).
import { createServer } from 'node:http';
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { systemClock } from './clock.js';
import { flushAuditAnchor, prepareAuditTrail } from './audit/audit.service.js';
import { connectDatabase } from './db/connection.js';
import { createApp } from './app.js';
import { resolveSessionSecret } from './secrets.js';
import { issueSetupTokenIfEmpty } from './auth/auth.service.js';
import { createMailChannel } from '../notifications/channels/index.js';
import { startBackgroundJobs } from './background.js';
import { warmReadModels } from './warm-up.js';
import '../models/index.js';

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  let config;
  try {
    config = loadConfig({ ...process.env, ...(demo ? { DEMO: 'true' } : {}) });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, config.logFormat);
  if (!config.db.uri) logger.info('no MONGODB_URI set: starting the embedded database in %s', config.dataDir);
  const db = await connectDatabase({
    uri: config.db.uri,
    dataDir: config.dataDir,
    embeddedPort: config.db.embeddedPort,
    onEmbeddedEvent: (e) => {
      if (e.type === 'exited') logger.error({ code: e.code, signal: e.signal }, 'the embedded database stopped unexpectedly: restarting it');
      else if (e.type === 'restarted') logger.warn({ attempt: e.attempt }, 'the embedded database was restarted');
      else logger.error({ attempt: e.attempt, error: e.error }, 'the embedded database could not be restarted: trying again');
    },
  });
  const auditProblem = await prepareAuditTrail(config, systemClock.now());
  if (auditProblem) {
    console.error(`Meldpunt cannot write its audit trail: ${auditProblem}`);
    await db.close();
    process.exit(2);
  }
  const mail = createMailChannel(config);
  const deps = { config, logger, clock: systemClock, mail };
  const app = createApp(deps, { sessionSecret: resolveSessionSecret(config.session.secret, config.dataDir) });

  if (config.demo) {
    const { seedDemo } = await import('./demo/demo-seed.js');
    await seedDemo(deps);
  }
  const token = await issueSetupTokenIfEmpty(systemClock.now());
  const jobs = startBackgroundJobs(deps);
  void warmReadModels(logger);

  const server = createServer(app);
  server.listen(config.port, config.host, () => {
    logger.info('Meldpunt listening on %s', config.baseUrl);
    console.log(`Meldpunt is running at ${config.baseUrl}`);
    if (token)
      console.log(
        `\nNo users yet. Create the first administrator (link valid for 24 hours, once):\n  ${config.baseUrl}/setup/${token}\n`,
      );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('%s received: shutting down', signal);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await jobs.stop();
    await mail.close();
    flushAuditAnchor();
    await db.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Meldpunt could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
