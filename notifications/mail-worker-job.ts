// The mail worker wired to the app's dependencies, as a background job for main.ts and the separate
// worker process (worker-main.ts). Several of these may run at once: claims keep each mail single.
import type { AppDeps } from '../server/deps.js';
import { createMailWorker, type OutboxHook } from './worker.js';
import { getMailRenderer } from './templates.js';

/** Optional hooks, e.g. to write the audit trail for every mail sent or given up. */
export interface MailWorkerHooks {
  onSent?: OutboxHook;
  onFailed?: OutboxHook;
}

/** Starts the mail worker loop (unless config.worker.enabled is false); `stop()` waits for the run in progress. */
export function startMailWorkerJob(
  deps: AppDeps,
  hooks: MailWorkerHooks = {},
): { name: string; stop(): Promise<void> } {
  const name = 'mail-worker';
  if (!deps.config.worker.enabled) return { name, stop: () => Promise.resolve() };
  // A broken template should stop the start-up, not surface later as failed mails.
  getMailRenderer().compileAll();
  const worker = createMailWorker({
    channel: deps.mail,
    clock: deps.clock,
    logger: deps.logger,
    from: deps.config.mail.from,
    ...hooks,
  });
  worker.start(deps.config.worker.pollMs);
  return { name, stop: () => worker.stop() };
}
