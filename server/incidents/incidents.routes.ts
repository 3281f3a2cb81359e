// The reporter's pages: the report form, the confirmation, "my reports" and adding information.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import type { FieldErrors } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { attachmentsBlock } from '../attachments/attachments.view-model.js';
import { listAttachments } from '../attachments/attachments.service.js';
import { additionSchema, reportSchema } from './incidents.schema.js';
import { REPORTING_ROLES, addInformation, getOwnReport, listOwnReports, submitReport } from './incidents.service.js';
import { incidentFacts, reportFormOptions, reportFormValues, timelineItems } from './incidents.view-model.js';

/** /reports pages for every employee who can report. */
export function incidentsRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/reports', requireRole(...REPORTING_ROLES));

  const renderForm = (req: Request, res: Response, status: number, values: unknown, errors?: FieldErrors) =>
    res.status(status).render('incidents/new', {
      pageTitle: 'incidents.new.title',
      options: reportFormOptions(req.lang),
      values: reportFormValues(values),
      errors,
      errorList: errors ? Object.entries(errors).map(([field, message]) => ({ field, message })) : [],
    });

  r.get('/reports/new', (req, res) => renderForm(req, res, 200, undefined));

  r.post('/reports', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const parsed = tryParseInput(reportSchema(ctx.now), req.body);
    if (!parsed.ok) return renderForm(req, res, 400, req.body, parsed.fields);
    const { id } = await submitReport(parsed.data, ctx, { baseUrl: deps.config.baseUrl });
    res.redirect(303, `/reports/${id}/submitted`);
  });

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

  const renderDetail = async (req: Request, res: Response, status: number, values?: unknown, errors?: FieldErrors) => {
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
    if (!parsed.ok) return renderDetail(req, res, 400, { text: typeof text === 'string' ? text : '' }, parsed.fields);
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
