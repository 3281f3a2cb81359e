// Time is injected everywhere so that deadlines, reminders and retries can be tested with a fake
// clock (test/helpers/fake-clock.ts).

/** A source of the current time. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
