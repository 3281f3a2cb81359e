// Entry point of the separate worker process (`npm run worker`), for installs that send from their
// own process or machine: the mail outbox worker and the notice-run worker. Like main.ts, it is the
// only place here that connects and starts timers.
//
// Flags (for operators and tests): --poll-ms N, --lease-ms N, --chunk-size N, --page-size N,
// --lanes N, --retry-base-ms N (first retry delay of a notice), --no-mail (notice worker only).
import { systemClock } from '../server/clock.js';
import { configOrExit, startProcess, stopOnSignals } from '../server/process-start.js';
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
  // This process exists to send: WORKER_ENABLED only switches off the workers inside `npm start`.
  const config = configOrExit({ ...process.env, WORKER_ENABLED: 'true' });
  const retryBase = flag('retry-base-ms');
  const overrides: NoticeJobOverrides = {
    pollMs: flag('poll-ms'),
    leaseMs: flag('lease-ms'),
    chunkSize: flag('chunk-size'),
    pageSize: flag('page-size'),
    lanes: flag('lanes'),
    ...(retryBase ? { retryPolicy: { ...NOTICE_RETRY_POLICY, baseDelayMs: retryBase } } : {}),
  };
  const { logger, db } = await startProcess(config);
  const mail = createMailChannel(config);
  const deps = { config, logger, clock: systemClock, mail };
  const jobs = [
    ...(process.argv.includes('--no-mail') ? [] : [startMailWorkerJob(deps, mailAuditHooks(systemClock))]),
    startNoticeRunJob(deps, overrides),
  ];
  logger.info({ channel: mail.name, jobs: jobs.map((j) => j.name) }, 'worker started');
  // A parent process (tests, supervisors) can wait for this line.
  console.log('worker ready');

  stopOnSignals(logger, db, async () => {
    await Promise.all(jobs.map((j) => j.stop()));
    await mail.close();
  });
}

main().catch((err: unknown) => {
  console.error('The worker could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
