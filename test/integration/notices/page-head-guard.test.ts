// Issue 11 item 6: a worker whose claim on a page was taken over cannot overwrite the new owner's
// state. Two connections each act as one worker: the first claims the page, its lease runs out, the
// second takes it over and writes; the first's late write is refused and changes nothing.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { startTestDatabase } from '../../helpers/db.js';
import { testCipher } from '../../helpers/notices.js';
import { createMongoNoticeStore } from '../../../notifications/notice-run/mongo-store.js';
import { NoticePageHead } from '../../../models/notice-page-head.model.js';
import { loadConfig } from '../../../server/config.js';

describe('notices: a page taken over is written only by its new owner', function () {
  this.timeout(60_000);
  before(() => startTestDatabase());

  it('when the old owner writes after the takeover, then its write is refused and the new owner’s state stays', async () => {
    const store = createMongoNoticeStore({
      cipher: testCipher,
      org: loadConfig({ NODE_ENV: 'test' }).organisation,
    });
    const runId = String(new Types.ObjectId());
    const t0 = new Date('2026-05-01T10:00:00Z');
    await NoticePageHead.create({
      _id: `${runId}:0`,
      runId,
      page: 0,
      size: 3,
      status: 'qqq',
      open: true,
      gen: 0,
      updatedAt: t0,
    });
    const oldGen = await store.claim(runId, '0', 0, 'worker-old', t0, 1000);
    assert.equal(oldGen, 1);
    assert.equal(
      await store.writeHead(
        runId,
        0,
        1,
        {
          status: 'sqq',
          retries: [],
          failures: [],
          inFlightRecovered: 0,
          templates: [],
          firstSentAt: null,
          lastSentAt: null,
        },
        t0,
      ),
      true,
    );
    // The old owner's lease runs out; another worker takes the page over.
    const later = new Date(t0.getTime() + 5000);
    const newGen = await store.claim(runId, '0', 1, 'worker-new', later, 60_000);
    assert.equal(newGen, 2);
    const fresh = {
      status: 'xqq',
      retries: [],
      failures: [],
      inFlightRecovered: 1,
      templates: [],
      firstSentAt: later,
      lastSentAt: later,
    };
    assert.equal(await store.writeHead(runId, 0, 2, fresh, later), true);
    // The old owner finishes its chunk and tries to record it.
    const stale = {
      status: 'xxx',
      retries: [],
      failures: [],
      inFlightRecovered: 0,
      templates: [],
      firstSentAt: t0,
      lastSentAt: t0,
    };
    assert.equal(await store.writeHead(runId, 0, 1, stale, new Date(later.getTime() + 1)), false);
    const head = await store.readHead(runId, 0);
    assert.equal(head?.data.status, 'xqq');
    assert.equal(head?.gen, 2);
  });
});
