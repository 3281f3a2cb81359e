// The SMTP channel against a real SMTP server (the sink), the dev mailbox on disk, and the choice
// between them.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.js';
import { createSmtpChannel } from '../../../notifications/channels/smtp.channel.js';
import {
  createMailboxChannel,
  listMailbox,
  readMailboxMessage,
} from '../../../notifications/channels/mailbox.channel.js';
import { createMailChannel } from '../../../notifications/channels/index.js';
import { SendError, type MailChannel, type OutgoingMail } from '../../../notifications/channels/channel.js';

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    messageId: '<abc123@meldpunt>',
    from: 'Meldpunt <meldpunt@example.nl>',
    to: ['fg@example.nl'],
    subject: 'Nieuwe melding datalek DL-2026-0001: beoordeling nodig',
    text: 'Kenmerk DL-2026-0001\nhttps://meldpunt.example.nl/i/1',
    html: '<p>Kenmerk <strong>DL-2026-0001</strong></p>',
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...overrides,
  };
}

async function freePortWithNobodyListening(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('mail channels', function () {
  this.timeout(30_000);

  describe('SMTP channel', () => {
    let sink: SmtpSink;
    let channel: MailChannel;
    before(async () => {
      sink = await startSmtpSink();
      channel = createSmtpChannel({ url: sink.url });
    });
    beforeEach(() => sink.reset());
    after(async () => {
      await channel.close();
      await sink.close();
    });

    it('when a message is sent, then the server receives it with our Message-ID, subject, text and HTML', async () => {
      const result = await channel.send(mail());
      const [got] = await sink.waitFor(1);
      assert.match(result.response, /^250/);
      assert.equal(got!.messageId, '<abc123@meldpunt>');
      assert.equal(got!.from, 'meldpunt@example.nl');
      assert.deepEqual(got!.to, ['fg@example.nl']);
      assert.equal(got!.subject, 'Nieuwe melding datalek DL-2026-0001: beoordeling nodig');
      assert.equal(got!.text.trim(), 'Kenmerk DL-2026-0001\nhttps://meldpunt.example.nl/i/1');
      assert.equal(got!.html, '<p>Kenmerk <strong>DL-2026-0001</strong></p>');
      assert.equal(got!.headers['auto-submitted'], 'auto-generated');
    });

    it('when the server answers 4xx for the recipient, then a temporary SendError is thrown', async () => {
      sink.reject({ recipient: 'fg@example.nl', code: 451, times: 1 });
      const err = await channel.send(mail()).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof SendError);
      assert.equal(err.kind, 'temporary');
      assert.equal(err.responseCode, 451);
      await channel.send(mail()); // the rule was for one time only
      assert.equal((await sink.waitFor(1)).length, 1);
    });

    it('when the server answers 5xx for the recipient, then a permanent SendError is thrown and nothing is delivered', async () => {
      sink.reject({ recipient: /^nobody@/, code: 550 });
      const err = await channel.send(mail({ to: ['nobody@example.nl'] })).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof SendError);
      assert.equal(err.kind, 'permanent');
      assert.equal(err.responseCode, 550);
      assert.equal(sink.messages.length, 0);
    });

    it('when one of two recipients is refused, then the others get the message and the refused one is reported', async () => {
      sink.reject({ recipient: 'nobody@example.nl', code: 550 });
      const result = await channel.send(mail({ to: ['fg@example.nl', 'nobody@example.nl'] }));
      const [got] = await sink.waitFor(1);
      assert.deepEqual(got!.to, ['fg@example.nl']);
      assert.deepEqual(result.rejected, ['nobody@example.nl']);
    });

    it('when no server listens, then a temporary SendError is thrown', async () => {
      const port = await freePortWithNobodyListening();
      const dead = createSmtpChannel({ url: `smtp://127.0.0.1:${port}`, connectionTimeoutMs: 2000 });
      try {
        const err = await dead.send(mail()).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(err instanceof SendError);
        assert.equal(err.kind, 'temporary');
      } finally {
        await dead.close();
      }
    });
  });

  describe('dev mailbox channel', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'meldpunt-mailbox-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('when messages are sent, then each is stored as .eml with an index entry, listed newest first and readable parsed', async () => {
      let t = Date.parse('2026-01-05T09:00:00Z');
      const channel = createMailboxChannel({ dir, now: () => new Date((t += 1000)) });
      await channel.send(mail({ messageId: '<first@meldpunt>', subject: 'Eerste' }));
      await channel.send(mail({ messageId: '<second@meldpunt>', subject: 'Tweede & <laatste>' }));

      const files = readdirSync(dir).sort();
      assert.equal(files.filter((f) => f.endsWith('.eml')).length, 2);
      assert.equal(files.filter((f) => f.endsWith('.json')).length, 2);
      assert.equal(files.filter((f) => f.endsWith('.tmp')).length, 0);

      const list = await listMailbox(dir);
      assert.deepEqual(
        list.map((e) => [e.messageId, e.subject, e.date]),
        [
          ['<second@meldpunt>', 'Tweede & <laatste>', '2026-01-05T09:00:02.000Z'],
          ['<first@meldpunt>', 'Eerste', '2026-01-05T09:00:01.000Z'],
        ],
      );
      assert.deepEqual(list[0]!.to, ['fg@example.nl']);
      assert.equal((await channel.list(1)).length, 1);

      const eml = readFileSync(join(dir, `${list[0]!.id}.eml`), 'utf8');
      assert.match(eml, /^Message-ID: <second@meldpunt>\r?$/m);

      const read = await readMailboxMessage(dir, list[0]!.id);
      assert.ok(read);
      assert.equal(read.messageId, '<second@meldpunt>');
      assert.equal(read.subject, 'Tweede & <laatste>');
      assert.equal(read.html, '<p>Kenmerk <strong>DL-2026-0001</strong></p>');
      assert.match(read.text, /Kenmerk DL-2026-0001/);
      assert.deepEqual(read.to, ['fg@example.nl']);
      assert.equal(read.headers['auto-submitted'], 'auto-generated');
    });

    it('when an id is unknown or tries to leave the folder, then nothing is read', async () => {
      assert.equal(await readMailboxMessage(dir, '../../etc/passwd'), null);
      assert.equal(await readMailboxMessage(dir, '1767603600000-000000000000000000000'), null);
      assert.equal(await readMailboxMessage(dir, '1767603600000-00000000000000000000'), null);
    });

    it('when the mailbox folder does not exist yet, then the listing is empty', async () => {
      assert.deepEqual(await listMailbox(join(dir, 'missing')), []);
    });
  });

  describe('createMailChannel', () => {
    it('when an SMTP URL is configured, then SMTP is used; otherwise the mailbox in the data folder', async () => {
      const smtp = createMailChannel({ dataDir: '/unused', mail: { smtpUrl: 'smtp://127.0.0.1:2525' } });
      const dataDir = mkdtempSync(join(tmpdir(), 'meldpunt-data-'));
      try {
        const mailbox = createMailChannel({ dataDir, mail: { smtpUrl: undefined } });
        assert.equal(smtp.name, 'smtp');
        assert.equal(mailbox.name, 'mailbox');
        await mailbox.send(mail());
        assert.equal((await listMailbox(join(dataDir, 'mailbox'))).length, 1);
      } finally {
        await smtp.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
