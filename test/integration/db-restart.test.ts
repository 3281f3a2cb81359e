// Issue 11 item 4: when the embedded database process dies, the app answers 503 meanwhile and
// starts it again by itself (same port, same data): pages and data come back without a restart
// of the app.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { freePort } from '../../server/db/embedded-db.js';
import { appEnv, startApp, stopApp, tempDataDir } from '../helpers/app-process.js';

/** The process ids of the embedded database serving `dataDir`. */
function databasePids(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('ferretdb-launcher') && cmd.includes(dataDir)) pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('embedded database: restarted when it dies', function () {
  this.timeout(180_000);
  const dataDir = tempDataDir('meldpunt-dbrestart-');

  it('when the database process is killed, then the app answers 503 meanwhile, restarts it, and serves again', async () => {
    const port = await freePort();
    const app = await startApp(appEnv(port, dataDir));
    const base = `http://127.0.0.1:${port}`;
    try {
      assert.deepEqual((await request(base).get('/healthz')).body, { status: 'ok', db: 'ok' });
      const [pid] = databasePids(dataDir);
      assert.ok(pid, 'the embedded database runs');
      process.kill(pid, 'SIGKILL');
      const down = await until('a 503', async () => {
        const r = await request(base).get('/healthz');
        return r.status === 503 ? r : undefined;
      });
      assert.equal((down.body as { db: string }).db, 'down');
      const up = await until('the database to be back', async () => {
        const r = await request(base).get('/healthz');
        return r.status === 200 ? r : undefined;
      });
      assert.deepEqual(up.body, { status: 'ok', db: 'ok' });
      const [again] = databasePids(dataDir);
      assert.ok(again && again !== pid, 'a new database process serves');
      assert.equal((await request(base).get('/login')).status, 200);
      assert.match(app.output(), /the embedded database stopped unexpectedly: restarting it/);
      assert.match(app.output(), /the embedded database was restarted/);
    } catch (err) {
      console.log(app.output().slice(-3000));
      throw err;
    } finally {
      assert.equal(await stopApp(app), 0);
    }
    assert.deepEqual(databasePids(dataDir), [], 'no database process is left behind');
  });
});
