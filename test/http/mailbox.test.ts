// The dev mailbox page: admins read mail kept when no SMTP server is configured.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';
import { createMailboxChannel, mailboxDir } from '../../notifications/channels/mailbox.channel.js';
import { AuditEntry } from '../../models/audit-entry.model.js';

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
});
