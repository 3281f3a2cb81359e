// Notices to affected persons (issue 7): the overview, an incident's notices page, the import of
// the list and manual changes to it. Runs and templates have their own route files; all are
// mounted from here. Handlers stay thin: services check roles, write the audit trail and decide.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { receiveUpload } from '../attachments/multipart-upload.js';
import {
  addPerson,
  excludePerson,
  listPersons,
  readPerson,
  updatePerson,
} from './affected-persons.service.js';
import { contactCipher } from './contact-crypto.js';
import { incidentNotices, noticesOverview, readImport } from './notice-overview.service.js';
import { createRun } from './notice-runs.service.js';
import { noticeRunsRoutes } from './notice-runs.routes.js';
import { noticeTemplatesRoutes } from './notice-templates.routes.js';
import { DEFAULT_IMPORT_LIMITS, importPersons, importReportCsv } from './person-import.js';
import { personSchema } from './notices.schema.js';
import { incidentView, personValues } from './notices.view-model.js';
import { startDownload } from '../middleware/download.js';

/** Largest list file read (about 250,000 rows with full addresses). */
const MAX_IMPORT_BYTES = DEFAULT_IMPORT_LIMITS.maxBytes;

/** All notices routes. */
export function noticesRoutes(deps: AppDeps): Router {
  const r = Router();
  const cipher = () => contactCipher(deps.config);
  r.use(['/notices', '/incidents/:id/notices'], requireRole('privacy_officer'));

  r.get('/notices', async (req, res) => {
    const rows = await noticesOverview(actionContext(req, deps.clock));
    res.render('notices/overview', { pageTitle: 'notices.title', rows });
  });

  r.get('/incidents/:id/notices', async (req, res) => {
    const data = await incidentNotices(req.params.id, actionContext(req, deps.clock));
    res.render('notices/incident', { pageTitle: 'notices.incident.title', ...incidentView(data, req.lang) });
  });

  r.post('/incidents/:id/notices/import', async (req: Request, res: Response) => {
    const ctx = actionContext(req, deps.clock);
    const back = `/incidents/${encodeURIComponent(req.params.id as string)}/notices`;
    if (!req.is('multipart/form-data')) throw new ValidationError({ file: 'notices.import.noFile' });
    const outcome = await receiveUpload(req, {
      fileField: 'file',
      maxBytes: MAX_IMPORT_BYTES,
      validateCsrf: (rq) => (req.app.locals.validateCsrf as (r: Request) => boolean)(rq),
      onFile: (content) =>
        importPersons(req.params.id, content, ctx, cipher(), {
          ...DEFAULT_IMPORT_LIMITS,
          maxBytes: MAX_IMPORT_BYTES,
        }),
    });
    if (outcome.csrfFailed)
      return res.status(403).render('errors/error', {
        pageTitle: 'error.title',
        status: 403,
        message: translate(req.lang, 'error.csrf'),
      });
    if (outcome.error instanceof Error) throw outcome.error;
    if (outcome.error) throw new Error('notices import: upload failed');
    if (!outcome.result) {
      flash(req, { type: 'error', key: 'notices.import.noFile' });
      return res.redirect(303, back);
    }
    res.redirect(303, `${back}/imports/${String(outcome.result._id)}`);
  });

  r.get('/incidents/:id/notices/imports/:importId', async (req, res) => {
    const imp = await readImport(req.params.id, req.params.importId, actionContext(req, deps.clock));
    if (!imp) throw new NotFoundError();
    const problems = imp.problems.slice(0, 50).map((p) => {
      const [key, ref] = p.problem.split(':');
      return { row: p.row, column: p.column, problemText: translate(req.lang, key!, { row: ref ?? '' }) };
    });
    res.render('notices/import-result', {
      pageTitle: 'notices.import.title',
      incidentId: req.params.id,
      importId: String(imp._id),
      imp,
      problems,
      moreProblems: imp.problems.length > 50,
    });
  });

  r.get('/incidents/:id/notices/imports/:importId/report.csv', async (req, res) => {
    const imp = await readImport(req.params.id, req.params.importId, actionContext(req, deps.clock));
    if (!imp) throw new NotFoundError();
    startDownload(res, 'text/csv; charset=utf-8', `import-report-${String(imp._id)}.csv`);
    res.send(importReportCsv(imp, (k, v) => translate(req.lang, k, v)));
  });

  r.get('/incidents/:id/notices/persons', async (req, res) => {
    const list = await listPersons(
      req.params.id,
      Number(req.query.page ?? 1),
      actionContext(req, deps.clock),
      cipher(),
    );
    res.render('notices/persons', {
      pageTitle: 'notices.persons.title',
      incidentId: req.params.id,
      ...list,
      prev: list.page > 1 ? list.page - 1 : null,
      next: list.hasNext ? list.page + 1 : null,
    });
  });

  r.get('/incidents/:id/notices/persons/new', (req, res) => {
    res.render('notices/person-form', {
      pageTitle: 'notices.persons.add',
      incidentId: req.params.id,
      values: { language: 'nl' },
      isNew: true,
    });
  });

  r.post('/incidents/:id/notices/persons', async (req, res) => {
    const values = tryParseInput(personSchema, req.body);
    const input = values.ok ? values.data : {};
    try {
      await addPerson(req.params.id, input, actionContext(req, deps.clock), cipher());
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return res.status(400).render('notices/person-form', {
        pageTitle: 'notices.persons.add',
        incidentId: req.params.id,
        values: input,
        errors: err.fields,
        isNew: true,
      });
    }
    flash(req, { type: 'success', key: 'notices.persons.added' });
    res.redirect(303, `/incidents/${encodeURIComponent(req.params.id)}/notices`);
  });

  r.get('/incidents/:id/notices/persons/:pid', async (req, res) => {
    const p = await readPerson(req.params.id, req.params.pid, actionContext(req, deps.clock), cipher());
    res.render('notices/person-form', {
      pageTitle: 'notices.persons.edit',
      incidentId: req.params.id,
      personId: p.id,
      values: personValues(p),
      excluded: p.excluded,
    });
  });

  r.post('/incidents/:id/notices/persons/:pid', async (req, res) => {
    const values = tryParseInput(personSchema, req.body);
    const input = values.ok ? values.data : {};
    try {
      await updatePerson(req.params.id, req.params.pid, input, actionContext(req, deps.clock), cipher());
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return res.status(400).render('notices/person-form', {
        pageTitle: 'notices.persons.edit',
        incidentId: req.params.id,
        personId: req.params.pid,
        values: input,
        errors: err.fields,
      });
    }
    flash(req, { type: 'success', key: 'notices.persons.saved' });
    res.redirect(303, `/incidents/${encodeURIComponent(req.params.id)}/notices/persons`);
  });

  r.post('/incidents/:id/notices/persons/:pid/exclude', async (req, res) => {
    await excludePerson(req.params.id, req.params.pid, actionContext(req, deps.clock));
    flash(req, { type: 'success', key: 'notices.persons.excludedDone' });
    res.redirect(303, `/incidents/${encodeURIComponent(req.params.id)}/notices/persons`);
  });

  r.post('/incidents/:id/notices/runs', async (req, res) => {
    const run = await createRun(req.params.id, actionContext(req, deps.clock));
    res.redirect(303, `/notices/runs/${String(run._id)}`);
  });

  r.use(noticeRunsRoutes(deps));
  r.use(noticeTemplatesRoutes(deps));
  return r;
}
