// Issue 3 item 3: evidence uploads (limits, types, CSRF), encrypted storage, and downloads only for
// the incident's reporter and privacy officers, each audit-logged.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import type request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { fileReport } from '../helpers/incidents.js';
import { Attachment } from '../../models/attachment.model.js';
import { AttachmentChunk } from '../../models/attachment-chunk.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { CHUNK_SIZE } from '../../server/attachments/attachments.service.js';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('bewijsstuk: e-mail aan verkeerde ontvanger\n'),
  randomBytes(64),
]);

async function upload(
  agent: Agent,
  incidentId: string,
  file: Buffer,
  name: string,
  opts: { csrf?: boolean; page?: string } = {},
) {
  const token = await csrfToken(agent, opts.page ?? `/reports/${incidentId}`);
  let req = agent.post(`/incidents/${incidentId}/attachments`);
  if (opts.csrf !== false) req = req.field('_csrf', token);
  return req.field('returnTo', `/reports/${incidentId}`).attach('file', file, name);
}

function binaryParser(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('http: evidence attachments', function () {
  this.timeout(60_000);
  let t: TestApp;
  let app: Express;
  before(async () => {
    t = await buildTestApp({ ATTACHMENT_MAX_MB: '1' });
    app = t.app;
  });

  it('when the reporter uploads a PDF, then it is stored encrypted in chunks, listed, audited, and downloads byte for byte', async () => {
    const reporter = await makeUser('reporter');
    const { id, reference } = await fileReport(reporter, t.clock.now());
    const agent = await signIn(app, reporter);
    const res = await upload(agent, id, PDF, 'bewijs <script>.pdf');
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.headers.location, `/reports/${id}`);
    const att = await Attachment.findOne({ incidentId: id }).lean();
    assert.ok(att);
    assert.equal(att.status, 'complete');
    assert.equal(att.size, PDF.length);
    assert.equal(att.contentType, 'application/pdf');
    const chunks = await AttachmentChunk.find({ attachmentId: att._id }).lean();
    assert.equal(chunks.length, 1);
    const stored = Buffer.from((chunks[0]!.data as unknown as { buffer: Uint8Array }).buffer);
    assert.equal(stored.includes(Buffer.from('bewijsstuk')), false, 'plaintext must not be stored');
    assert.ok(await IncidentEvent.exists({ incidentId: id, kind: 'attachment-added' }));
    assert.ok(
      await AuditEntry.exists({
        action: 'attachment.upload',
        'object.id': String(att._id),
        'object.ref': reference,
        result: 'success',
      }),
    );

    const page = await agent.get(`/reports/${id}`);
    assert.match(page.text, /bewijs &lt;script&gt;\.pdf/);
    assert.doesNotMatch(page.text, /bewijs <script>/);

    const dl = await agent
      .get(`/attachments/${String(att._id)}`)
      .buffer(true)
      .parse(binaryParser);
    assert.equal(dl.status, 200);
    assert.ok(Buffer.compare(dl.body as Buffer, PDF) === 0, 'downloaded bytes differ');
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.match(
      dl.headers['content-disposition'] ?? '',
      /^attachment; filename="bewijs <script>\.pdf"|^attachment; filename=/,
    );
    assert.match(dl.headers['content-disposition'] ?? '', /filename\*=UTF-8''bewijs%20%3Cscript%3E\.pdf/);
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.match(dl.headers['cache-control'] ?? '', /no-store/);
    assert.ok(
      await AuditEntry.exists({
        action: 'attachment.download',
        'object.id': String(att._id),
        'actor.id': reporter.id,
        result: 'success',
      }),
    );
  });

  it('when a privacy officer downloads, then it works; another reporter gets 404 and the attempt is audited as denied', async () => {
    const reporter = await makeUser('reporter');
    const { id } = await fileReport(reporter, t.clock.now());
    const r1 = await signIn(app, reporter);
    assert.equal((await upload(r1, id, PDF, 'a.pdf')).status, 303);
    const att = await Attachment.findOne({ incidentId: id }).lean();
    const officer = await signIn(app, await makeUser('privacy_officer'));
    const ok = await officer
      .get(`/attachments/${String(att!._id)}`)
      .buffer(true)
      .parse(binaryParser);
    assert.equal(ok.status, 200);
    assert.ok(Buffer.compare(ok.body as Buffer, PDF) === 0);
    const stranger = await makeUser('reporter');
    const other = await signIn(app, stranger);
    const denied = await other.get(`/attachments/${String(att!._id)}`);
    assert.equal(denied.status, 404);
    assert.ok(
      await AuditEntry.exists({ action: 'attachment.download', 'actor.id': stranger.id, result: 'denied' }),
    );
    // Nor may the stranger add files to it.
    const token = await csrfToken(other, '/reports');
    const up = await other
      .post(`/incidents/${id}/attachments`)
      .field('_csrf', token)
      .attach('file', PDF, 'x.pdf');
    assert.equal(up.status, 404);
    assert.equal(await Attachment.countDocuments({ incidentId: id }), 1);
  });

  it('when a file spans several chunks, then it round-trips exactly', async () => {
    const reporter = await makeUser('reporter');
    const { id } = await fileReport(reporter, t.clock.now());
    const agent = await signIn(app, reporter);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(CHUNK_SIZE * 2 + 1234)]);
    assert.equal((await upload(agent, id, big, 'groot.pdf')).status, 303);
    const att = await Attachment.findOne({ incidentId: id }).lean();
    assert.equal(att?.chunkCount, 3);
    const dl = await agent
      .get(`/attachments/${String(att._id)}`)
      .buffer(true)
      .parse(binaryParser);
    assert.ok(Buffer.compare(dl.body as Buffer, big) === 0);
  });

  it('when a file is too large, of a refused type, or its content does not match, then a clear error and nothing is kept', async () => {
    const reporter = await makeUser('reporter');
    const { id } = await fileReport(reporter, t.clock.now());
    const agent = await signIn(app, reporter);
    const tooBig = await upload(
      agent,
      id,
      Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1024 * 1024 + 10)]),
      'groot.pdf',
    );
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.text, /groter dan 1 MB/);
    const exe = await upload(agent, id, Buffer.from('MZ\x90\x00'), 'tool.exe');
    assert.equal(exe.status, 415);
    assert.match(exe.text, /bestandstype is niet toegestaan/);
    const disguised = await upload(agent, id, Buffer.from('MZ\x90\x00 not a pdf'), 'rapport.pdf');
    assert.equal(disguised.status, 415);
    assert.match(disguised.text, /past niet bij de extensie/);
    const empty = await upload(agent, id, Buffer.alloc(0), 'leeg.txt');
    assert.ok([400].includes(empty.status), String(empty.status));
    assert.equal(await Attachment.countDocuments({ incidentId: id, status: 'complete' }), 0);
    const rejected = await Attachment.find({ incidentId: id }).lean();
    for (const r of rejected) assert.equal(await AttachmentChunk.countDocuments({ attachmentId: r._id }), 0);
    assert.ok(
      await AuditEntry.exists({
        action: 'attachment.upload',
        'object.ref': { $exists: true },
        result: 'failure',
        'details.reason': 'tooLarge',
        'details.incidentId': id,
      }),
    );
    const txt = await upload(agent, id, Buffer.from('gewoon tekst\n'), 'notitie.txt');
    assert.equal(txt.status, 303);
  });

  it('when the CSRF token is missing, then 403 and nothing is stored', async () => {
    const reporter = await makeUser('reporter');
    const { id } = await fileReport(reporter, t.clock.now());
    const agent = await signIn(app, reporter);
    const res = await upload(agent, id, PDF, 'a.pdf', { csrf: false });
    assert.equal(res.status, 403);
    assert.equal(await Attachment.countDocuments({ incidentId: id }), 0);
  });

  it('when a stored chunk is altered, then the download fails instead of serving tampered evidence', async () => {
    const reporter = await makeUser('reporter');
    const { id } = await fileReport(reporter, t.clock.now());
    const agent = await signIn(app, reporter);
    assert.equal((await upload(agent, id, PDF, 'a.pdf')).status, 303);
    const att = await Attachment.findOne({ incidentId: id }).lean();
    const chunk = await AttachmentChunk.findOne({ attachmentId: att!._id }).lean();
    const data = Buffer.from((chunk!.data as unknown as { buffer: Uint8Array }).buffer);
    data[0] = data[0]! ^ 0xff;
    await AttachmentChunk.updateOne({ _id: chunk!._id }, { $set: { data } });
    const dl = await agent.get(`/attachments/${String(att!._id)}`);
    assert.equal(dl.status, 500);
  });
});
