// Issue 11 item 1, found by hunting past the generated suite: a persons CSV upload cut off before
// its closing boundary answered 400 but left every row read so far on the list. A refused request
// stores nothing, so the rows of a cut-short import are removed again.
import assert from 'node:assert/strict';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn } from '../helpers/http.js';
import { makeIncident } from '../helpers/notices.js';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { NoticeImport } from '../../models/notice-import.model.js';
import { NoticeListChange } from '../../models/notice-list-change.model.js';

/** A multipart body with `_csrf` and a file part, ending without its closing boundary. */
function cutShort(token: string, file: Buffer, filename: string): { type: string; body: Buffer } {
  const b = 'cutshortboundary7';
  const head = `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n` + `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
  return { type: `multipart/form-data; boundary=${b}`, body: Buffer.concat([Buffer.from(head), file]) };
}

describe('http: an upload cut short stores nothing', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  it('when a persons CSV of 3,000 rows ends without its closing boundary, then 400, no person on the list, no list change, the import marked failed, and the app still answers', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident(officer, t.clock.now());
    const id = String(incident._id);
    const agent = await signIn(t.app, officer);
    const rows = ['naam,e-mail,taal'];
    // Enough rows that several batches are written before the body runs out.
    for (let i = 0; i < 3000; i++) rows.push(`Persoon ${i},persoon${i}@example.test,nl`);
    const token = await csrfToken(agent, `/incidents/${id}/notices`);
    const { type, body } = cutShort(token, Buffer.from(rows.join('\r\n') + '\r\n'), 'lijst.csv');
    const res = await agent.post(`/incidents/${id}/notices/import`).set('Content-Type', type).send(body);
    assert.equal(res.status, 400, res.text.slice(0, 300));
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 0, 'rows of the refused upload stayed on the list');
    assert.equal(await NoticeListChange.countDocuments({ incidentId: incident._id }), 0);
    const imp = await NoticeImport.findOne({ incidentId: incident._id }).lean();
    assert.equal(imp?.status, 'failed');
    assert.equal((await request(t.app).get('/healthz')).status, 200);

    // The same file sent whole is imported in full.
    const whole = await agent.post(`/incidents/${id}/notices/import`).field('_csrf', await csrfToken(agent, `/incidents/${id}/notices`)).attach('file', Buffer.from(rows.join('\r\n') + '\r\n'), 'lijst.csv');
    assert.equal(whole.status, 303, whole.text.slice(0, 300));
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 3000);
  });
});
