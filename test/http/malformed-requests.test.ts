// Issue 11 items 1 and 2: malformed requests get a clear 4xx — never a crash, never a 500 with a
// stack in the log. Each case here answered 500 or stopped the process before.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { fileReport } from '../helpers/incidents.js';
import { Attachment } from '../../models/attachment.model.js';
import { AttachmentChunk } from '../../models/attachment-chunk.model.js';

describe('http: malformed requests', function () {
  this.timeout(60_000);
  let t: TestApp;
  let agent: Agent;
  let incidentId: string;
  let token: string;
  before(async () => {
    t = await buildTestApp();
    const reporter = await makeUser('reporter');
    ({ id: incidentId } = await fileReport(reporter, t.clock.now()));
    agent = await signIn(t.app, reporter);
    token = await csrfToken(agent, `/reports/${incidentId}`);
  });

  const expect4xx = (res: { status: number; text: string }, what: string) => {
    assert.ok(
      res.status >= 400 && res.status < 500,
      `${what}: answered ${res.status} ${res.text.slice(0, 200)}`,
    );
    assert.doesNotMatch(res.text, /at .*\.(ts|js):\d+/, `${what}: no stack in the answer`);
  };

  it('when a multipart upload stops before its closing boundary, then the answer is 400, the app keeps serving, and nothing is stored', async () => {
    const before = await Attachment.countDocuments({ status: { $ne: 'rejected' } });
    const chunksBefore = await AttachmentChunk.countDocuments({});
    const boundary = 'XyZboundary';
    for (const body of [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc`,
      'garbage that is not multipart at all',
      '',
    ]) {
      const res = await agent
        .post(`/incidents/${incidentId}/attachments`)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
      expect4xx(res, `multipart ${JSON.stringify(body.slice(-20))}`);
    }
    const noBoundary = await agent
      .post(`/incidents/${incidentId}/attachments`)
      .set('Content-Type', 'multipart/form-data')
      .send('x');
    expect4xx(noBoundary, 'multipart without boundary');
    assert.equal((await request(t.app).get('/healthz')).status, 200, 'still serving');
    // An interrupted upload leaves only a row saying it was refused, and why (no content).
    assert.equal(
      (await Attachment.countDocuments({ status: { $ne: 'rejected' } })) - before,
      0,
      'no attachment stored',
    );
    for (const row of await Attachment.find({ incidentId }).lean()) assert.equal(row.status, 'rejected');
    assert.equal((await AttachmentChunk.countDocuments({})) - chunksBefore, 0, 'no chunk stored');
  });

  it('when paths have malformed percent-encoding, then 400 (not 500)', async () => {
    for (const path of [
      '/reports/%',
      '/incidents/%FF',
      '/setup/%ZZ',
      '/register/%E0%A4%A',
      '/attachments/%',
    ]) {
      expect4xx(await agent.get(path), path);
      // Signed out, pages that need a sign-in send to it before reading the path; never a 500.
      const anonymous = await request(t.app).get(path);
      if (anonymous.status === 303) assert.match(anonymous.headers.location ?? '', /^\/login\?next=/);
      else expect4xx(anonymous, `anonymous ${path}`);
    }
  });

  it('when bodies are hostile (600 parameters, an unknown charset, a bogus gzip or br body, an unknown encoding), then a clear 4xx', async () => {
    const many = Array.from({ length: 600 }, (_, i) => `p${i}=${i}`).join('&');
    const cases: [string, () => request.Test][] = [
      ['600 parameters', () => agent.post('/account').type('form').send(`_csrf=${token}&${many}`)],
      [
        'charset koi8-r',
        () =>
          agent
            .post('/account')
            .set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r')
            .send('language=en'),
      ],
      [
        'bogus gzip',
        () =>
          agent
            .post('/account')
            .set('Content-Type', 'application/x-www-form-urlencoded')
            .set('Content-Encoding', 'gzip')
            .send('not gzip at all'),
      ],
      [
        'bogus br',
        () =>
          agent
            .post('/account')
            .set('Content-Type', 'application/x-www-form-urlencoded')
            .set('Content-Encoding', 'br')
            .send('not brotli'),
      ],
      [
        'unknown encoding',
        () =>
          agent
            .post('/account')
            .set('Content-Type', 'application/x-www-form-urlencoded')
            .set('Content-Encoding', 'x-unknown')
            .send('language=en'),
      ],
      ['bad json', () => agent.post('/account').set('Content-Type', 'application/json').send('{"language":')],
      [
        'json with koi8',
        () => agent.post('/account').set('Content-Type', 'application/json; charset=koi8-r').send('{}'),
      ],
    ];
    for (const [what, send] of cases) expect4xx(await send(), what);
    // A correct gzip body is still understood (the refusal is about broken bodies, not encodings).
    const ok = await agent
      .post('/account')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(`_csrf=${token}&language=en`));
    assert.ok(ok.status < 500, String(ok.status));
    assert.equal((await request(t.app).get('/healthz')).status, 200);
  });

  it('when a multipart body is posted to a form that is not an upload, then the CSRF check still applies (403) and nothing runs', async () => {
    const officer = await signIn(t.app, await makeUser('privacy_officer'));
    const res = await officer
      .post('/language')
      .set('Content-Type', 'multipart/form-data; boundary=b')
      .send('--b\r\nContent-Disposition: form-data; name="language"\r\n\r\nen\r\n--b--\r\n');
    assert.equal(res.status, 403);
    const revoke = await officer
      .post('/dashboard/calendar/revoke')
      .set('Content-Type', 'multipart/form-data; boundary=b')
      .send('--b--\r\n');
    assert.equal(revoke.status, 403);
  });

  it('when an API client sends a malformed request, then the error is JSON', async () => {
    const res = await agent.get('/incidents/%FF').set('Accept', 'application/json');
    assert.equal(res.status, 400);
    assert.equal((res.body as { error: { code: string } }).error.code, 'BAD_REQUEST');
  });
});
