// Entry point of a separate mail worker process (`npm run worker`), for installs that send from
// their own process or machine. Like main.ts, it is the only place here that connects and starts timers.
import { loadConfig, ConfigError } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { systemClock } from '../server/clock.js';
import { connectDatabase } from '../server/db/connection.js';
import { createMailChannel } from './channels/index.js';
import { startMailWorkerJob } from './mail-worker-job.js';
import { mailAuditHooks } from '../server/audit/mail-audit.js';
import '../models/index.js';

async function main(): Promise<void> {
  let config;
  try {
    // This process exists to send: WORKER_ENABLED only switches off the worker inside `npm start`.
    config = loadConfig({ ...process.env, WORKER_ENABLED: 'true' });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase({
    uri: config.db.uri,
    dataDir: config.dataDir,
    embeddedPort: config.db.embeddedPort,
  });
  const mail = createMailChannel(config);
  const job = startMailWorkerJob({ config, logger, clock: systemClock, mail }, mailAuditHooks(systemClock));
  logger.info({ channel: mail.name }, 'mail worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('%s received: stopping the mail worker', signal);
    await job.stop();
    await mail.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('The mail worker could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
