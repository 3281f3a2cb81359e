// Mocha root hooks: shared resources (the embedded database) are started lazily by the
// helpers that need them and stopped once after the whole run (with --parallel, after each file).
// Every test file runs on a database of its own (test/helpers/db.ts): a hook put first in each
// file's first suite moves the process to a new, empty database before the file's own hooks run.
import { relative } from 'node:path';
import type { Context, Hook, Suite } from 'mocha';
import { freshDatabaseForFile, stopTestDatabase, takeUnacknowledgedWrites } from './db.js';

/** Puts a "fresh database" hook before every other beforeAll hook of each file's first suite. */
function isolateFiles(root: Suite): void {
  let previous: string | undefined;
  for (const suite of root.suites) {
    if (!suite.file || suite.file === previous) continue;
    previous = suite.file;
    suite.beforeAll(`a database of its own for ${relative(process.cwd(), suite.file)}`, freshDatabaseForFile);
    // Mocha keeps a suite's beforeAll hooks in a list and runs them in order: this one goes first.
    const hooks = (suite as unknown as { _beforeAll: Hook[] })._beforeAll;
    hooks.unshift(hooks.pop()!);
  }
}

export const mochaHooks = {
  beforeAll(this: Context): void {
    const root = this.test?.parent;
    if (root) isolateFiles(root);
  },
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
