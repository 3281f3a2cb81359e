// Entry point of the separate worker process (`npm run worker`), for installs that send from their
// own process or machine: the mail outbox worker and the notice-run worker. Like main.ts, it is the
// only place here that connects and starts timers.
//
// Flags (for operators and tests): --poll-ms N, --lease-ms N, --chunk-size N, --page-size N,
// --lanes N, --retry-base-ms N (first retry delay of a notice), --no-mail (notice worker only).
import { loadConfig, ConfigError } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { systemClock } from '../server/clock.js';
import { flushAuditAnchor, prepareAuditTrail } from '../server/audit/audit.service.js';
import { connectDatabase } from '../server/db/connection.js';
import { createMailChannel } from './channels/index.js';
import { startMailWorkerJob } from './mail-worker-job.js';
import { mailAuditHooks } from '../server/audit/mail-audit.js';
import { startNoticeRunJob, type NoticeJobOverrides } from './notice-run/notice-run-job.js';
import { NOTICE_RETRY_POLICY } from './notice-run/notice-worker.js';
import '../models/index.js';

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} needs a positive number`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  let config;
  try {
    // This process exists to send: WORKER_ENABLED only switches off the workers inside `npm start`.
    config = loadConfig({ ...process.env, WORKER_ENABLED: 'true' });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const retryBase = flag('retry-base-ms');
  const overrides: NoticeJobOverrides = {
    pollMs: flag('poll-ms'),
    leaseMs: flag('lease-ms'),
    chunkSize: flag('chunk-size'),
    pageSize: flag('page-size'),
    lanes: flag('lanes'),
    ...(retryBase ? { retryPolicy: { ...NOTICE_RETRY_POLICY, baseDelayMs: retryBase } } : {}),
  };
  const logger = createLogger(config.logLevel, config.logFormat);
  const db = await connectDatabase({
    uri: config.db.uri,
    dataDir: config.dataDir,
    embeddedPort: config.db.embeddedPort,
  });
  const auditProblem = await prepareAuditTrail(config, systemClock.now());
  if (auditProblem) {
    console.error(`Meldpunt cannot write its audit trail: ${auditProblem}`);
    await db.close();
    process.exit(2);
  }
  const mail = createMailChannel(config);
  const deps = { config, logger, clock: systemClock, mail };
  const jobs = [
    ...(process.argv.includes('--no-mail') ? [] : [startMailWorkerJob(deps, mailAuditHooks(systemClock))]),
    startNoticeRunJob(deps, overrides),
  ];
  logger.info({ channel: mail.name, jobs: jobs.map((j) => j.name) }, 'worker started');
  // A parent process (tests, supervisors) can wait for this line.
  console.log('worker ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('%s received: stopping the workers', signal);
    await Promise.all(jobs.map((j) => j.stop()));
    await mail.close();
    flushAuditAnchor();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('The worker could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
