// Issue 11 item 1, found by hunting past the generated suite: a persons CSV upload cut off before
// its closing boundary answered 400 but left every row read so far on the list. A refused request
// stores nothing, so the rows of a cut-short import are removed again.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn } from '../helpers/http.js';
import { makeIncident } from '../helpers/notices.js';
import { fileReport } from '../helpers/incidents.js';
import { Attachment } from '../../models/attachment.model.js';
import { AttachmentChunk } from '../../models/attachment-chunk.model.js';
import { CHUNK_SIZE } from '../../server/attachments/attachments.service.js';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { NoticeImport } from '../../models/notice-import.model.js';
import { NoticeListChange } from '../../models/notice-list-change.model.js';

/** A multipart body with `_csrf` and a file part, ending without its closing boundary. */
function cutShort(token: string, file: Buffer, filename: string): { type: string; body: Buffer } {
  const b = 'cutshortboundary7';
  const head =
    `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
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
    assert.equal(
      await AffectedPerson.countDocuments({ incidentId: incident._id }),
      0,
      'rows of the refused upload stayed on the list',
    );
    assert.equal(await NoticeListChange.countDocuments({ incidentId: incident._id }), 0);
    const imp = await NoticeImport.findOne({ incidentId: incident._id }).lean();
    assert.equal(imp?.status, 'failed');
    assert.equal((await request(t.app).get('/healthz')).status, 200);

    // The same file sent whole is imported in full.
    const whole = await agent
      .post(`/incidents/${id}/notices/import`)
      .field('_csrf', await csrfToken(agent, `/incidents/${id}/notices`))
      .attach('file', Buffer.from(rows.join('\r\n') + '\r\n'), 'lijst.csv');
    assert.equal(whole.status, 303, whole.text.slice(0, 300));
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 3000);
  });

  it('when the client hangs up in the middle of an attachment upload, then the chunks already stored are removed and the upload is marked interrupted', async () => {
    const reporter = await makeUser('reporter');
    const { id } = await fileReport(reporter, t.clock.now());
    const agent = await signIn(t.app, reporter);
    const token = await csrfToken(agent, `/reports/${id}`);
    const cookies = ((await agent.get(`/reports/${id}`)).request as unknown as { cookies: string }).cookies;
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      // Announced as 5 MB; two chunks' worth is sent, then the connection is cut.
      const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * CHUNK_SIZE + 1000, 0x41)]);
      const { type, body } = cutShort(token, file, 'bewijs.pdf');
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write(
        `POST /incidents/${id}/attachments HTTP/1.1\r\nHost: meldpunt.test\r\nCookie: ${cookies}\r\nContent-Type: ${type}\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n`,
      );
      await new Promise<void>((r) => socket.write(body, () => r()));
      // Wait until the server has stored a chunk, so the cut comes in the middle of the upload.
      const deadline = Date.now() + 20_000;
      while (
        !(await AttachmentChunk.exists({})
          .where('attachmentId')
          .in((await Attachment.find({ incidentId: id }, { _id: 1 }).lean()).map((a) => a._id))) &&
        Date.now() < deadline
      )
        await new Promise((r) => setImmediate(r));
      socket.destroy();
      let att = await Attachment.findOne({ incidentId: id }).lean();
      assert.ok(att, 'the upload had started');
      while (att?.status === 'uploading' && Date.now() < deadline) {
        await new Promise((r) => setImmediate(r));
        att = await Attachment.findOne({ incidentId: id }).lean();
      }
      assert.equal(att?.status, 'rejected', 'the upload is marked as refused, not left uploading');
      assert.equal(
        await AttachmentChunk.countDocuments({ attachmentId: att?._id }),
        0,
        'no chunk of the cut upload is kept',
      );
      assert.equal((await request(t.app).get('/healthz')).status, 200);
    } finally {
      server.close();
    }
  });
});
