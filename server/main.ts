// The app process: the only file that listens and starts timers (architecture.md §3 rule 1); it
// connects through process-start.ts, which the worker process shares.
import { createServer } from 'node:http';
import { systemClock } from './clock.js';
import { configOrExit, startProcess, stopOnSignals } from './process-start.js';
import { createApp } from './app.js';
import { resolveSessionSecret } from './secrets.js';
import { issueSetupTokenIfEmpty } from './auth/auth.service.js';
import { createMailChannel } from '../notifications/channels/index.js';
import { startBackgroundJobs } from './background.js';
import { warmReadModels } from './warm-up.js';
import { attachmentSecret } from './attachments/attachment-key.js';
import { configureRegisterSnapshot } from './register/register-snapshot.js';
import '../models/index.js';

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const config = configOrExit({ ...process.env, ...(demo ? { DEMO: 'true' } : {}) });
  const { logger, db } = await startProcess(config);
  const mail = createMailChannel(config);
  const deps = { config, logger, clock: systemClock, mail };
  const app = createApp(deps, { sessionSecret: resolveSessionSecret(config.session.secret, config.dataDir) });
  // The register records for the exports are kept in DATA_DIR too, sealed (issue 10 item 3).
  configureRegisterSnapshot({ dir: config.dataDir, secret: attachmentSecret(config) });

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

  stopOnSignals(logger, db, async () => {
    server.close();
    server.closeIdleConnections();
    await jobs.stop();
    await mail.close();
  });
}

main().catch((err: unknown) => {
  console.error('Meldpunt could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
