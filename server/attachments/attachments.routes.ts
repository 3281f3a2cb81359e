// Upload and download of evidence (issue 3 item 3). Handlers stay thin: parsing the multipart body
// is in multipart-upload.ts, access rules, encryption and audit in attachments.service.ts.
import { maxMbText } from './attachments.view-model.js';
import { Router, type Request } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppDeps } from '../deps.js';
import { CsrfError } from '../errors.js';
import { actionContext, flash, safeReturnPath } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { attachmentSecret } from './attachment-key.js';
import { ALLOWED_EXTENSIONS, contentDisposition } from './attachment-policy.js';
import { AttachmentRejectedError, openAttachment, storeAttachment } from './attachments.service.js';
import { receiveUpload } from './multipart-upload.js';

/** POST /incidents/:id/attachments and GET /attachments/:id. */
export function attachmentsRoutes(deps: AppDeps): Router {
  const r = Router();
  const maxBytes = deps.config.attachments.maxBytes;

  r.post(
    '/incidents/:id/attachments',
    requireRole('reporter', 'privacy_officer', 'admin'),
    async (req, res) => {
      const ctx = actionContext(req, deps.clock);
      const id = req.params.id as string;
      const fallback = req.user!.role === 'privacy_officer' ? `/incidents/${id}` : `/reports/${id}`;
      const renderError = (status: number, messageKey: string, returnTo: string) =>
        res.status(status).render('incidents/upload-error', {
          pageTitle: 'attachments.error.title',
          messageKey,
          maxMb: maxMbText(maxBytes, req.lang),
          allowed: ALLOWED_EXTENSIONS.join(', '),
          returnTo,
        });
      if (!req.is('multipart/form-data')) return renderError(400, 'attachments.error.noFile', fallback);
      const validateCsrf = (req.app.locals as { validateCsrf: (r: Request) => boolean }).validateCsrf;
      const outcome = await receiveUpload(req, {
        fileField: 'file',
        maxBytes,
        validateCsrf,
        onFile: (stream, filename) =>
          storeAttachment(
            { incidentId: id, filename, stream, secret: attachmentSecret(deps.config), maxBytes },
            ctx,
          ),
      });
      if (outcome.csrfFailed) throw new CsrfError();
      const returnTo = safeReturnPath(outcome.fields.returnTo, fallback);
      if (outcome.error instanceof AttachmentRejectedError)
        return renderError(outcome.error.status, outcome.error.messageKey, returnTo);
      if (outcome.error)
        throw outcome.error instanceof Error
          ? outcome.error
          : new Error('upload failed', { cause: outcome.error });
      if (outcome.noFile || !outcome.result) {
        // No CSRF check has run without a file part; refuse before telling anything about the incident.
        if (!validateCsrf(Object.assign(req, { body: outcome.fields }))) throw new CsrfError();
        return renderError(400, 'attachments.error.noFile', returnTo);
      }
      flash(req, {
        type: 'success',
        key: 'attachments.uploaded',
        vars: { filename: outcome.result.filename },
      });
      res.redirect(303, returnTo);
    },
  );

  r.get('/attachments/:id', requireRole('reporter', 'privacy_officer', 'admin'), async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const { meta, content } = await openAttachment(req.params.id, attachmentSecret(deps.config), ctx);
    // The first chunk is decrypted and authenticated before any header is sent, so a tampered
    // file fails with an error page rather than a truncated download.
    const first = await content.next();
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Disposition', contentDisposition(meta.filename));
    res.setHeader('Content-Length', String(meta.size));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    async function* all() {
      if (!first.done) yield first.value;
      yield* content;
    }
    try {
      await pipeline(Readable.from(all()), res);
    } catch (err) {
      deps.logger.error({ err, attachmentId: meta.id }, 'attachment download failed');
    }
  });
  return r;
}
