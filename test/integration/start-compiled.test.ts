// Issue 10 item 5: `npm start` runs the app compiled (dist/), building it when missing or stale,
// and it serves like the source version.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../../server/db/embedded-db.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { appEnv, startApp, stopApp, tempDataDir } from '../helpers/app-process.js';

describe('npm start: the compiled app', function () {
  this.timeout(240_000);
  const dataDir = tempDataDir('meldpunt-compiled-');

  it('when started as npm start does, then it runs from dist/, serves its pages and stops cleanly', async () => {
    const port = await freePort();
    const app = await startApp(appEnv(port, dataDir), ['tools/start/start.mjs'], 200_000);
    try {
      assert.ok(existsSync(join(PROJECT_ROOT, 'dist', 'server', 'main.js')), 'the app was compiled');
      assert.ok(existsSync(join(PROJECT_ROOT, 'dist', '.tsconfig.build-stamp')), 'the build was stamped');
      const base = `http://127.0.0.1:${port}`;
      assert.deepEqual((await request(base).get('/healthz')).body, { status: 'ok', db: 'ok' });
      const login = await request(base).get('/login');
      assert.equal(login.status, 200);
      assert.match(login.text, /Inloggen/);
      assert.equal((await request(base).get('/static/app.css')).status, 200);
    } finally {
      assert.equal(await stopApp(app), 0);
    }
  });
});
