// Ministry pages: the privacy officer prepares, previews and sends the notice for an incident;
// the ministry liaison reads the notices sent to the ministry and acknowledges them. The services
// check the roles again (architecture.md §5). The router starts with the liaison's fence, so every
// feature mounted after it is closed to liaisons (liaison-fence.ts).
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { noticeFormSchema, type NoticeFormInput } from './ministry.schema.js';
import { prepareMinistryNotice, sendMinistryNotice } from './ministry.service.js';
import { originText } from '../facts/facts.view-model.js';
import { acknowledgeNotice, getNoticeThread, listNoticeThreads } from './liaison.service.js';
import { liaisonFence } from './liaison-fence.js';
import { effectiveConfig } from '../settings/settings.service.js';

/** /ministry routes. */
export function ministryRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use(liaisonFence(deps.clock));
  r.use('/ministry', requireRole('ministry_liaison', 'privacy_officer'));
  r.use('/ministry/incidents', requireRole('privacy_officer'));

  async function renderPrepare(
    req: Request,
    res: Response,
    status: number,
    input?: Partial<NoticeFormInput>,
    errors?: FieldErrors,
  ): Promise<void> {
    const ctx = actionContext(req, deps.clock);
    const values =
      input && typeof input.summary === 'string' && typeof input.measures === 'string'
        ? { summary: input.summary, measures: input.measures, delayReason: input.delayReason }
        : undefined;
    // The settings in force (issue 12): the ministry's addresses may have been set a moment ago.
    const page = await prepareMinistryNotice(
      String(req.params.id),
      values,
      await effectiveConfig(deps.config),
      ctx,
    );
    res.status(status).render('ministry/prepare', {
      pageTitle: `ministry.prepare.title.${page.nextKind}`,
      ...page,
      countOrigins: page.countOrigins.map((c) => ({
        labelKey: c.labelKey,
        origin: originText(c.origin, req.lang),
      })),
      errors,
      mailSubject: encodeURIComponent(translate(req.lang, 'ministry.noRecipients.mailSubject')),
    });
  }

  r.get('/ministry/incidents/:id/notice', (req, res) => renderPrepare(req, res, 200));

  r.post('/ministry/incidents/:id/notice', async (req, res) => {
    const raw = req.body as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const typed = {
      summary: text(raw.summary),
      measures: text(raw.measures),
      delayReason: text(raw.delayReason),
    };
    const parsed = tryParseInput(noticeFormSchema, req.body);
    if (!parsed.ok) return renderPrepare(req, res, 400, typed, parsed.fields);
    if (parsed.data.action === 'preview') return renderPrepare(req, res, 200, parsed.data);
    try {
      await sendMinistryNotice(
        String(req.params.id),
        parsed.data,
        await effectiveConfig(deps.config),
        actionContext(req, deps.clock),
      );
    } catch (err) {
      // Refusals come back on the page itself, with the typed texts (issue 12, problem 6).
      if (err instanceof ConflictError && ['MINISTRY_NO_RECIPIENTS', 'MINISTRY_NOT_DUE'].includes(err.code))
        return renderPrepare(req, res, 409, parsed.data, { _form: err.messageKey });
      if (!(err instanceof ValidationError)) throw err;
      return renderPrepare(req, res, 400, parsed.data, err.fields);
    }
    flash(req, { type: 'success', key: 'ministry.flash.sent' });
    res.redirect(303, `/authority/incidents/${String(req.params.id)}`);
  });

  r.get('/ministry', async (req, res) => {
    const threads = await listNoticeThreads(actionContext(req, deps.clock));
    res.render('ministry/list', { pageTitle: 'ministry.portal.title', threads });
  });

  r.get('/ministry/notices/:id', async (req, res) => {
    const thread = await getNoticeThread(String(req.params.id), actionContext(req, deps.clock));
    res.render('ministry/notice', { pageTitle: 'ministry.portal.title', ...thread });
  });

  r.post('/ministry/notices/:id/acknowledge', requireRole('ministry_liaison'), async (req, res) => {
    const { alreadyAcknowledged } = await acknowledgeNotice(
      String(req.params.id),
      actionContext(req, deps.clock),
    );
    flash(req, {
      type: alreadyAcknowledged ? 'info' : 'success',
      key: alreadyAcknowledged ? 'ministry.flash.alreadyAcknowledged' : 'ministry.flash.acknowledged',
    });
    res.redirect(303, `/ministry/notices/${String(req.params.id)}`);
  });
  return r;
}
