// The dev mailbox page: admins read mail kept when no SMTP server is configured.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';
import { createMailboxChannel, mailboxDir } from '../../notifications/channels/mailbox.channel.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { rm } from 'node:fs/promises';

describe('http: dev mailbox', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    const channel = createMailboxChannel({ dir: mailboxDir(t.config.dataDir) });
    await channel.send({
      messageId: '<mailbox-test-1@meldpunt>',
      from: 'Meldpunt <meldpunt@localhost>',
      to: ['fg@example.test'],
      subject: 'Nieuwe melding DL-2026-0001 <b>',
      text: 'Er is een nieuwe melding: DL-2026-0001',
      html: '<p>Er is een nieuwe melding: <strong>DL-2026-0001</strong></p><script>alert(1)</script>',
    });
    await channel.close();
  });

  it('when an admin opens the mailbox, then the kept message is listed and readable, escaped, and the read is audited', async () => {
    const admin = await makeUser('admin');
    const agent = await signIn(t.app, admin);
    const list = await agent.get('/admin/mailbox');
    assert.equal(list.status, 200);
    assert.match(list.text, /Nieuwe melding DL-2026-0001 &lt;b&gt;/);
    const id = /href="\/admin\/mailbox\/([^"/]+)"/.exec(list.text)?.[1];
    assert.ok(id);
    const msg = await agent.get(`/admin/mailbox/${id}`);
    assert.equal(msg.status, 200);
    assert.match(msg.text, /Er is een nieuwe melding: DL-2026-0001/);
    assert.ok(
      await AuditEntry.exists({
        action: 'mailbox.read',
        'actor.id': admin.id,
        'object.id': '<mailbox-test-1@meldpunt>',
      }),
    );
    const html = await agent.get(`/admin/mailbox/${id}/html`);
    assert.equal(html.status, 200);
    assert.match(String(html.headers['content-security-policy']), /^sandbox; default-src 'none'/);
  });

  it('when a privacy officer or an unknown id asks, then 403 or 404', async () => {
    const po = await makeUser('privacy_officer');
    const agent = await signIn(t.app, po);
    assert.equal((await agent.get('/admin/mailbox')).status, 403);
    const admin = await signIn(t.app, await makeUser('admin'));
    assert.equal((await admin.get('/admin/mailbox/..%2F..%2Fetc%2Fpasswd')).status, 404);
    assert.equal((await admin.get('/admin/mailbox/1234')).status, 404);
  });

  it('when the mailbox holds more than a page, then it pages newest first, and a search finds by subject or recipient across all pages', async () => {
    const dir = mailboxDir(t.config.dataDir);
    await rm(dir, { recursive: true, force: true });
    let n = 0;
    const clock = () => new Date(Date.UTC(2026, 11, 1, 8, 0, n));
    const channel = createMailboxChannel({ dir, now: clock });
    for (; n < 120; n++)
      await channel.send({
        messageId: `<page-${n}@meldpunt>`,
        from: 'Meldpunt <meldpunt@localhost>',
        to: [n % 40 === 7 ? 'zoek.mij@example.test' : `p${n}@example.test`],
        subject: `Bericht nummer ${String(n).padStart(3, '0')}`,
        text: 'x',
        html: '<p>x</p>',
      });
    await channel.close();
    const admin = await signIn(t.app, await makeUser('admin'));
    const subjects = (html: string) =>
      [...html.matchAll(/<a href="\/admin\/mailbox\/[^"]+">Bericht nummer (\d{3})<\/a>/g)].map((m) =>
        Number(m[1]),
      );
    const first = await admin.get('/admin/mailbox');
    assert.equal(first.status, 200);
    assert.match(first.text, /120 bericht\(en\), nieuwste eerst/);
    assert.deepEqual(
      subjects(first.text),
      Array.from({ length: 50 }, (_, i) => 119 - i),
    );
    assert.match(first.text, /Pagina 1 van 3/);
    const last = await admin.get('/admin/mailbox?page=3');
    assert.deepEqual(
      subjects(last.text),
      Array.from({ length: 20 }, (_, i) => 19 - i),
    );
    assert.match(last.text.replaceAll('&#x3D;', '='), /href="\/admin\/mailbox\?page=2" rel="prev"/);
    const byRecipient = await admin.get('/admin/mailbox?q=ZOEK.mij');
    assert.deepEqual(subjects(byRecipient.text), [87, 47, 7]);
    assert.match(byRecipient.text, /3 bericht\(en\) gevonden/);
    assert.match(byRecipient.text, /value="ZOEK\.mij"/);
    const bySubject = await admin.get('/admin/mailbox?q=nummer%2001');
    assert.deepEqual(subjects(bySubject.text), [19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    assert.match((await admin.get('/admin/mailbox?q=niets-dat-bestaat')).text, /Geen berichten gevonden\./);
    const bad = await admin.get('/admin/mailbox?q=bericht&page=abc');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /value="bericht"/);
    assert.equal((await admin.get('/admin/mailbox?q[$ne]=1')).status, 400);
  });
});
