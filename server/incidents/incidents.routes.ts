// The reporter's pages: the report form, the confirmation, "my reports" and adding information.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { CsrfError, ValidationError, type FieldErrors } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import { attachmentSecret } from '../attachments/attachment-key.js';
import { ALLOWED_EXTENSIONS } from '../attachments/attachment-policy.js';
import { AttachmentRejectedError, storeAttachment } from '../attachments/attachments.service.js';
import { receiveUpload } from '../attachments/multipart-upload.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { attachmentsBlock, maxMbText } from '../attachments/attachments.view-model.js';
import { listAttachments } from '../attachments/attachments.service.js';
import { additionSchema, reportSchema } from './incidents.schema.js';
import {
  REPORTING_ROLES,
  addInformation,
  getOwnReport,
  listOwnReports,
  submitReport,
} from './incidents.service.js';
import { incidentFacts, reportFormOptions, reportFormValues, timelineItems } from './incidents.view-model.js';

/** /reports pages for every employee who can report. */
export function incidentsRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/reports', requireRole(...REPORTING_ROLES));

  const renderForm = (req: Request, res: Response, status: number, values: unknown, errors?: FieldErrors) =>
    res.status(status).render('incidents/new', {
      pageTitle: 'incidents.new.title',
      options: reportFormOptions(req.lang),
      evidence: {
        maxMb: maxMbText(deps.config.attachments.maxBytes, req.lang),
        allowed: ALLOWED_EXTENSIONS.join(', '),
      },
      values: reportFormValues(values),
      errors,
      errorList: errors ? Object.entries(errors).map(([field, message]) => ({ field, message })) : [],
    });

  r.get('/reports/new', (req, res) => renderForm(req, res, 200, undefined));

  r.post('/reports', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    if (req.is('multipart/form-data')) return submitWithEvidence(req, res);
    const parsed = tryParseInput(reportSchema(ctx.now), req.body);
    if (!parsed.ok) return renderForm(req, res, 400, req.body, parsed.fields);
    const { id } = await submitReport(parsed.data, ctx, { baseUrl: deps.config.baseUrl });
    res.redirect(303, `/reports/${id}/submitted`);
  });

  /**
   * The form with evidence attached (issue 14 item 8): the fields come before the file, so they are
   * checked first; a valid report is stored, then the file streams into its attachments. Invalid
   * fields: the form comes back with the typed values and a note to choose the file again, nothing
   * stored. A refused file does not lose the report: it is stored, and the confirmation page says
   * why the file was not kept and offers to add it again.
   */
  const submitWithEvidence = async (req: Request, res: Response) => {
    const ctx = actionContext(req, deps.clock);
    const validateCsrf = (req.app.locals as { validateCsrf: (r: Request) => boolean }).validateCsrf;
    const maxBytes = deps.config.attachments.maxBytes;
    let invalid: FieldErrors | undefined;
    let submitted: { id: string } | undefined;
    const asBody = (all: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    const outcome = await receiveUpload(req, {
      fileField: 'evidence',
      maxBytes,
      validateCsrf,
      fieldLimits: { fields: 300, fieldSize: 64 * 1024 },
      onFile: async (content, filename, before) => {
        const parsed = tryParseInput(reportSchema(ctx.now), asBody(before));
        if (!parsed.ok) {
          invalid = parsed.fields;
          throw new ValidationError(parsed.fields);
        }
        submitted = await submitReport(parsed.data, ctx, { baseUrl: deps.config.baseUrl });
        return storeAttachment(
          {
            incidentId: submitted.id,
            filename,
            stream: content,
            secret: attachmentSecret(deps.config),
            maxBytes,
          },
          ctx,
        );
      },
    });
    if (outcome.csrfFailed) throw new CsrfError();
    const body = asBody(outcome.allFields);
    if (!submitted) {
      // No file part, or the fields were refused before the file: the CSRF check of the fields, then the form as without a file.
      if (!validateCsrf(Object.assign(req, { body: outcome.fields }))) throw new CsrfError();
      if (invalid)
        return renderForm(req, res, 400, body, { ...invalid, evidence: 'field.incidents.evidenceAgain' });
      const parsed = tryParseInput(reportSchema(ctx.now), body);
      if (!parsed.ok) return renderForm(req, res, 400, body, parsed.fields);
      submitted = await submitReport(parsed.data, ctx, { baseUrl: deps.config.baseUrl });
      return res.redirect(303, `/reports/${submitted.id}/submitted`);
    }
    if (outcome.error instanceof AttachmentRejectedError)
      flash(req, {
        type: 'error',
        key: 'incidents.evidence.notKept',
        vars: {
          reason: translate(req.lang, outcome.error.messageKey, {
            maxMb: maxMbText(maxBytes, req.lang),
            allowed: ALLOWED_EXTENSIONS.join(', '),
          }),
        },
      });
    else if (outcome.error)
      throw outcome.error instanceof Error
        ? outcome.error
        : new Error('evidence upload failed', { cause: outcome.error });
    else if (outcome.result)
      flash(req, {
        type: 'success',
        key: 'attachments.uploaded',
        vars: { filename: outcome.result.filename },
      });
    res.redirect(303, `/reports/${submitted.id}/submitted`);
  };

  r.get('/reports', async (req, res) => {
    const reports = await listOwnReports(actionContext(req, deps.clock));
    res.render('incidents/mine', {
      pageTitle: 'incidents.mine.title',
      reports: reports.map((x) => ({ ...x, excerpt: excerpt(x.summary) })),
    });
  });

  r.get('/reports/:id/submitted', async (req, res) => {
    const id = req.params.id;
    const { incident } = await getOwnReport(id, actionContext(req, deps.clock));
    res.render('incidents/confirmation', {
      pageTitle: 'incidents.confirm.title',
      incident: { reference: incident.reference },
      ...attachmentsBlock({
        attachments: await listAttachments(incident._id),
        incidentId: id,
        returnTo: `/reports/${id}/submitted`,
        canUpload: incident.status !== 'closed',
        maxBytes: deps.config.attachments.maxBytes,
        lang: req.lang,
      }),
    });
  });

  const renderDetail = async (
    req: Request,
    res: Response,
    status: number,
    values?: unknown,
    errors?: FieldErrors,
  ) => {
    const id = req.params.id as string;
    const { incident, timeline } = await getOwnReport(id, actionContext(req, deps.clock));
    res.status(status).render('incidents/detail', {
      pageTitle: 'incidents.mine.title',
      incident,
      facts: incidentFacts(incident, req.lang),
      timeline: timelineItems(timeline, req.lang),
      canAdd: incident.status !== 'closed',
      values: values ?? {},
      errors,
      ...attachmentsBlock({
        attachments: await listAttachments(incident._id),
        incidentId: id,
        returnTo: `/reports/${id}`,
        canUpload: incident.status !== 'closed',
        maxBytes: deps.config.attachments.maxBytes,
        lang: req.lang,
      }),
    });
  };

  r.get('/reports/:id', (req, res) => renderDetail(req, res, 200));

  r.post('/reports/:id/additions', async (req, res) => {
    const parsed = tryParseInput(additionSchema, req.body);
    const text = (req.body as Record<string, unknown> | undefined)?.text;
    if (!parsed.ok)
      return renderDetail(req, res, 400, { text: typeof text === 'string' ? text : '' }, parsed.fields);
    await addInformation(req.params.id, parsed.data.text, actionContext(req, deps.clock));
    flash(req, { type: 'success', key: 'incidents.detail.added' });
    res.redirect(303, `/reports/${req.params.id}#add`);
  });
  return r;
}

function excerpt(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
