// The dev mailbox (no SMTP_URL): admins read what Meldpunt would have sent.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { requireRole } from '../middleware/require-role.js';
import { actionContext } from '../middleware/request-context.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditActor, assertRole } from '../context.js';
import { listMailbox, mailboxDir, readMailboxMessage } from '../../notifications/channels/mailbox.channel.js';

/** /admin/mailbox routes (admin only). */
export function mailboxRoutes(deps: AppDeps): Router {
  const r = Router();
  const dir = mailboxDir(deps.config.dataDir);
  r.use('/admin/mailbox', requireRole('admin'));

  r.get('/admin/mailbox', async (req, res) => {
    assertRole(actionContext(req, deps.clock).user, 'admin');
    const messages = deps.config.mail.smtpUrl ? [] : await listMailbox(dir, 200);
    res.render('mailbox/list', {
      pageTitle: 'mailbox.title',
      messages,
      smtp: Boolean(deps.config.mail.smtpUrl),
    });
  });

  const load = async (id: string) => {
    if (deps.config.mail.smtpUrl) throw new NotFoundError();
    const message = await readMailboxMessage(dir, id);
    if (!message) throw new NotFoundError();
    return message;
  };

  r.get('/admin/mailbox/:id', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const message = await load(req.params.id);
    await recordAudit(
      {
        actor: auditActor(ctx.user),
        origin: ctx.origin,
        action: 'mailbox.read',
        object: { type: 'mail', id: message.messageId },
      },
      ctx.now,
    );
    res.render('mailbox/message', { pageTitle: 'mailbox.title', message });
  });

  // The HTML body on its own, sandboxed: no scripts, no requests, no access to this origin.
  r.get('/admin/mailbox/:id/html', async (req, res) => {
    const message = await load(req.params.id);
    res.setHeader(
      'Content-Security-Policy',
      "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
    );
    res.type('html').send(message.html || '<p>(no HTML part)</p>');
  });
  return r;
}
