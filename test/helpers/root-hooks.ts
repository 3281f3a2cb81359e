// Mocha root hooks: shared resources (the embedded database) are started lazily by the
// helpers that need them and stopped once after the whole run.
import { stopTestDatabase } from './db.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopTestDatabase();
  },
};
