// The dev mailbox (no SMTP_URL): admins read what Meldpunt would have sent.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../deps.js';
import { NotFoundError } from '../errors.js';
import { requireRole } from '../middleware/require-role.js';
import { actionContext, flash } from '../middleware/request-context.js';

import { assertRole } from '../context.js';
import {
  mailboxDir,
  readMailboxMessage,
  searchMailbox,
} from '../../notifications/channels/mailbox.channel.js';
import { tryParseInput } from '../middleware/validate.js';
import { mailboxQuerySchema } from './mailbox.schema.js';
import { countUndeliverable, listUndeliverable, retryUndeliverable } from './undeliverable.service.js';
import { auditAction } from '../audit/audit-action.js';

/** Administrators see on every page when internal mail could not be delivered (issue 11 item 13). */
export function undeliverableBanner(): RequestHandler {
  return (req, res, next) => {
    if (req.user?.role !== 'admin' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    countUndeliverable(Date.now()).then(
      (count) => {
        res.locals.undeliverableCount = count;
        res.locals.undeliverableOne = count === 1;
        next();
      },
      // The page itself reports a database outage; the banner is not worth failing for.
      () => next(),
    );
  };
}

/** Messages per page of the dev mailbox. */
export const MAILBOX_PAGE_SIZE = 50;

/** /admin/mailbox routes (admin only). */
export function mailboxRoutes(deps: AppDeps): Router {
  const r = Router();
  const dir = mailboxDir(deps.config.dataDir);
  r.use('/admin/mailbox', requireRole('admin'));
  r.use('/admin/undeliverable', requireRole('admin'));

  r.get('/admin/undeliverable', async (req, res) => {
    const { rows, total } = await listUndeliverable(actionContext(req, deps.clock));
    res.locals.undeliverableCount = total;
    res.locals.undeliverableOne = total === 1;
    res.render('mailbox/undeliverable', { pageTitle: 'undeliverable.title', rows, total });
  });

  r.post('/admin/undeliverable/:id/retry', async (req, res) => {
    await retryUndeliverable(actionContext(req, deps.clock), req.params.id);
    flash(req, { type: 'success', key: 'undeliverable.retried' });
    res.redirect(303, '/admin/undeliverable');
  });

  r.get('/admin/mailbox', async (req, res) => {
    assertRole(actionContext(req, deps.clock).user, 'admin');
    const parsed = tryParseInput(mailboxQuerySchema, req.query);
    if (!parsed.ok) {
      const typed = typeof req.query.q === 'string' ? req.query.q : '';
      return res.status(400).render('mailbox/list', {
        pageTitle: 'mailbox.title',
        errors: parsed.fields,
        q: typed,
        messages: [],
      });
    }
    const { q, page } = parsed.data;
    const found = deps.config.mail.smtpUrl
      ? { entries: [], total: 0, page: 1, pages: 1 }
      : await searchMailbox(dir, { q, page, pageSize: MAILBOX_PAGE_SIZE });
    const href = (p: number) =>
      `/admin/mailbox?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
    res.render('mailbox/list', {
      pageTitle: 'mailbox.title',
      messages: found.entries,
      q,
      total: found.total,
      page: found.page,
      pages: found.pages,
      prevHref: found.page > 1 ? href(found.page - 1) : undefined,
      nextHref: found.page < found.pages ? href(found.page + 1) : undefined,
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
    await auditAction(ctx, {
      action: 'mailbox.read',
      object: { type: 'mail', id: message.messageId },
    });
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
