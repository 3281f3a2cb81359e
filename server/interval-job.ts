// A background job that runs a function at an interval: the building block of server/background.ts,
// kept apart so that jobs defined next to their feature (e.g. deadlines/reminder-job.ts) do not
// import the list that imports them.
import type { AppDeps } from './deps.js';
import { pollLoop } from './db/poll-loop.js';

/** A running job that can be stopped. */
export interface BackgroundJob {
  name: string;
  stop(): Promise<void>;
}

/** Runs `fn` at start and then every `ms` after it ends (server/db/poll-loop.ts); errors are logged, not fatal. */
export function intervalJob(
  name: string,
  ms: number,
  deps: Pick<AppDeps, 'logger'>,
  fn: () => Promise<unknown>,
): BackgroundJob {
  const loop = pollLoop(
    async () => {
      await fn();
      return false;
    },
    (err) => deps.logger.warn({ err, job: name }, 'background job failed'),
  );
  loop.start(ms);
  return { name, stop: () => loop.stop() };
}
