// A run's preview before its Dutch and English texts are complete: a clear 409 page that says what
// to do, not a server error.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';
import { ctxOf, makeIncident } from '../helpers/notices.js';
import { createRun, saveRunTexts } from '../../server/notices/notice-runs.service.js';
import { completeTexts } from '../helpers/notices.js';

describe('http: the preview of a notice run whose texts are not complete', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when the Dutch and English texts are still incomplete, then the preview answers 409 with what to do; once complete, it shows', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident(officer, t.clock.now());
    const run = await createRun(String(incident._id), ctxOf(officer, t.clock.now()));
    const agent = await signIn(t.app, officer);
    for (const lang of ['nl', 'en', 'ar']) {
      const res = await agent.get(`/notices/runs/${String(run._id)}/preview?lang=${lang}`);
      assert.equal(res.status, 409, `${lang}: ${res.status}`);
      assert.match(res.text, /vul eerst de Nederlandse en de Engelse teksten volledig in/);
    }
    await saveRunTexts(String(run._id), completeTexts(), ctxOf(officer, t.clock.now()));
    const ok = await agent.get(`/notices/runs/${String(run._id)}/preview?lang=ar`);
    assert.equal(ok.status, 200);
  });
});
