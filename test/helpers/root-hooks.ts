// Mocha root hooks: shared resources (the embedded database) are started lazily by the
// helpers that need them and stopped once after the whole run.
import { stopTestDatabase, takeUnacknowledgedWrites } from './db.js';

export const mochaHooks = {
  // No test may leave an unacknowledged write behind: on the embedded database it shifts every
  // later reply on its connection by one (see test/helpers/db.ts).
  afterEach(): void {
    const writes = takeUnacknowledgedWrites();
    if (writes.length) throw new Error(`unacknowledged writes (w: 0) were sent: ${writes.join(', ')}`);
  },
  async afterAll(): Promise<void> {
    await stopTestDatabase();
  },
};
