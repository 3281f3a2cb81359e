// Crash safety of the sending engine (issue 7 "must hold"): a worker process is killed with SIGKILL
// in the middle of a run and another is started; every recipient ends up with the notice, and the
// only messages sent twice are ones that were in flight at the kill — which the engine counts. The
// kill comes while a message is certainly mid-send, so a takeover of the dead worker's claims is
// proven every run.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import {
  contacts,
  ctxOf,
  insertPersons,
  makeIncident,
  preparedRun,
  TEST_CONTACT_KEY,
  testDomain,
} from '../../helpers/notices.js';
import { makeUser } from '../../helpers/factories.js';
import { PROJECT_ROOT } from '../../../server/paths.js';
import { runSnapshot } from '../../../server/notices/run-events.js';
import { cancelRun } from '../../../server/notices/notice-run-control.service.js';
import { NoticePageHead } from '../../../models/notice-page-head.model.js';
import { NoticeClaim } from '../../../models/notice-claim.model.js';

const CHUNK = 20;
const LANES = 2;

describe('integration: a notice worker killed mid-run', function () {
  this.timeout(180_000);
  let sink: SmtpSink;
  let uri: string;
  const children: ChildProcess[] = [];

  before(async () => {
    uri = (await startTestDatabase()).uri;
    sink = await startSmtpSink();
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sink.close();
  });

  function startWorker(): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(PROJECT_ROOT, 'notifications', 'worker-main.ts'),
        '--no-mail',
        '--lease-ms',
        '3000',
        '--poll-ms',
        '100',
        '--chunk-size',
        String(CHUNK),
        '--lanes',
        String(LANES),
        '--page-size',
        '100',
      ],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          MONGODB_URI: uri,
          SMTP_URL: sink.url,
          ATTACHMENT_KEY: TEST_CONTACT_KEY,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'meldpunt-worker-')),
          BASE_URL: 'http://meldpunt.test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    return new Promise((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('worker ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${err.slice(-2000)}`)));
    });
  }

  async function until(
    what: string,
    check: () => Promise<boolean> | boolean,
    timeoutMs = 90_000,
  ): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('when the worker is SIGKILLed mid-run and another starts, then every recipient gets the notice, and only counted in-flight ones may get it twice', async () => {
    const N = 600;
    const reporter = await makeUser('reporter');
    const now = new Date();
    const incident = await makeIncident(reporter, now);
    const domain = testDomain();
    await insertPersons(incident._id, contacts(N, domain), reporter.id, now);
    // A rate keeps the run going long enough to be killed in the middle of it.
    const { runId, approver } = await preparedRun(incident, now, {
      settings: { concurrency: 5, ratePerSecond: 150, failureThreshold: 0 },
    });
    const ofDomain = () => sink.messages.filter((m) => m.to[0]?.endsWith(`@${domain}`));
    try {
      const first = await startWorker();
      await until('a third of the run', () => ofDomain().length >= N / 3);
      // Kill while a page is certainly in flight: the sink stops answering, so the worker is
      // waiting on a message it has marked in flight but not seen accepted.
      await sink.hold();
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      sink.release();
      const atKill = ofDomain().length;
      assert.ok(atKill < N, 'the run was already finished at the kill');

      await startWorker();
      await until('the run to complete', async () => (await runSnapshot(runId))?.state === 'completed');

      const got = ofDomain();
      const perRecipient = new Map<string, number>();
      for (const m of got) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
      for (let i = 0; i < N; i++)
        assert.ok((perRecipient.get(`r${i}@${domain}`) ?? 0) >= 1, `r${i} never got the notice`);
      const duplicates = got.length - perRecipient.size;
      const heads = await NoticePageHead.find({ runId: new Types.ObjectId(runId) }).lean();
      const recovered = heads.reduce((n, h) => n + h.inFlightRecovered, 0);
      const status = heads.map((h) => h.status).join('');
      console.log(
        `      crash figures: ${N} recipients, ${atKill} delivered before the kill, ${recovered} in flight at the kill (re-sent), ${duplicates} delivered twice`,
      );
      assert.equal(status.length, N);
      assert.equal([...status].filter((c) => c === 'S').length, N, 'every recipient is recorded as sent');
      // Only in-flight recipients can have been sent twice, and those are counted …
      assert.ok(duplicates <= recovered, `${duplicates} duplicates but only ${recovered} counted in flight`);
      // … and the in-flight set is bounded by what one worker marks before sending.
      assert.ok(recovered <= CHUNK * LANES, `${recovered} in flight exceeds ${CHUNK * LANES}`);
      // Each duplicate carries the same Message-ID as its original, so it is traceable.
      assert.equal(new Set(got.map((m) => m.messageId)).size, perRecipient.size);
      // The kill left recipients in flight, and their pages were taken over by inserting the next
      // claim generation — every run.
      assert.ok(recovered > 0, 'recipients were in flight at the kill');
      const takenOver = await NoticeClaim.countDocuments({
        runId: new Types.ObjectId(runId),
        gen: { $gte: 2 },
      });
      console.log(`      claims taken over after the kill: ${takenOver}`);
      assert.ok(takenOver > 0, "the new worker took over the dead worker's claims");
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      const s = await runSnapshot(runId);
      if (s && ['sending', 'paused', 'approved'].includes(s.state))
        await cancelRun(runId, ctxOf(approver, new Date()));
    }
  });
});
