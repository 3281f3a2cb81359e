// `npm start` as a newcomer runs it: embedded database, first-run setup link, CLI user creation
// against the running app's database, graceful SIGTERM, and data that survives a restart.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '../../server/db/embedded-db.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import { csrfFrom } from '../helpers/http.js';
import { appEnv, startApp, stopApp, tempDataDir } from '../helpers/app-process.js';

async function signInOk(baseUrl: string, email: string, password: string): Promise<boolean> {
  const agent = request.agent(baseUrl);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
  return res.status === 303;
}

describe('npm start: embedded database, setup link, restart', function () {
  this.timeout(180_000);
  const dataDir = tempDataDir('meldpunt-start-');

  it('when started on an empty database, then a setup link is printed; users created by the CLI survive a restart', async () => {
    const port = await freePort();
    const env = appEnv(port, dataDir);
    const baseUrl = `http://127.0.0.1:${port}`;

    const first = await startApp(env);
    try {
      const link = /\/setup\/([A-Za-z0-9_-]+)/.exec(first.output());
      assert.ok(link, `no setup link printed:\n${first.output()}`);
      const setupPage = await request(baseUrl).get(`/setup/${link[1]}`);
      assert.equal(setupPage.status, 200);
      assert.deepEqual((await request(baseUrl).get('/healthz')).body, { status: 'ok', db: 'ok' });

      // The CLI finds the running app's embedded database through the data folder.
      const cli = spawnSync(
        process.execPath,
        [
          'bin/meldpunt.js',
          'user:create',
          '--email',
          'fg@example.test',
          '--name',
          'Femke FG',
          '--role',
          'privacy_officer',
        ],
        { cwd: PROJECT_ROOT, env, input: 'a long enough passphrase\n', encoding: 'utf8', timeout: 60_000 },
      );
      assert.equal(cli.status, 0, cli.stderr);
      assert.match(cli.stdout, /Created privacy_officer fg@example\.test/);
      const bad = spawnSync(
        process.execPath,
        ['bin/meldpunt.js', 'user:create', '--email', 'not-an-email', '--role', 'boss'],
        {
          cwd: PROJECT_ROOT,
          env,
          input: '',
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--email/);
      assert.match(bad.stderr, /--name/);
      assert.match(bad.stderr, /--role/);
      assert.ok(await signInOk(baseUrl, 'fg@example.test', 'a long enough passphrase'));
    } finally {
      assert.equal(await stopApp(first), 0, `unclean shutdown:\n${first.output()}`);
    }
    assert.equal(existsSync(join(dataDir, 'db.port')), false, 'the embedded database was not stopped');

    const second = await startApp(env);
    try {
      assert.doesNotMatch(second.output(), /setup\//, 'a setup link was printed although users exist');
      assert.ok(
        await signInOk(baseUrl, 'fg@example.test', 'a long enough passphrase'),
        'user lost after restart',
      );
    } finally {
      assert.equal(await stopApp(second), 0);
    }
  });
});
