// The one polling loop of every background worker (the mail outbox, notice runs, reminders and
// sweeps): runs a pass, goes again at once while the pass says more work is waiting, otherwise
// after the poll interval; a failing pass is reported and the loop goes on; `stop()` waits for the
// pass in progress, so a shutdown never cuts a pass in half. Work is shared between processes
// only through the database (claims under unique keys), never through this loop.

export interface PollLoop {
  /** Starts polling, first pass at once; does nothing when already running. */
  start(pollMs: number): void;
  /** Stops polling and resolves once the pass in progress (if any) has finished. */
  stop(): Promise<void>;
}

/** A loop over `pass`, which resolves true when more work is waiting right away. */
export function pollLoop(pass: () => Promise<boolean>, onError: (err: unknown) => void): PollLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function tick(pollMs: number): Promise<void> {
    let more = false;
    try {
      more = await pass();
    } catch (err) {
      onError(err);
    }
    // Not unref'd: in the worker process these loops are what keeps it running.
    if (!stopped) timer = setTimeout(() => (running = tick(pollMs)), more ? 0 : pollMs);
  }

  return {
    start(pollMs) {
      if (!stopped) return;
      stopped = false;
      running = tick(pollMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
