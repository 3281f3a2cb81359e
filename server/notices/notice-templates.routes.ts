// Notice templates admin (issue 7 item 2): languages, editing with a live preview (the form's
// "Preview" button without JavaScript; views/public/notices.js updates it while typing), versions.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import {
  addTemplateLanguage,
  listTemplateLanguages,
  saveTemplateVersion,
  TEMPLATE_EDITORS,
  templateProblems,
  templateWithHistory,
} from './notice-templates.service.js';
import { compileNotice, renderNotice, sampleNoticeData, textBlocks } from './notice-render.js';
import { addLanguageSchema, langCode, templateSchema } from './notices.schema.js';

/** Renders a template with the sample data; null (and the problems) when it does not compile. */
export function templatePreview(
  lang: string,
  subject: string,
  body: string,
): { subject: string; blocks: ReturnType<typeof textBlocks> } | null {
  if (Object.keys(templateProblems(lang, subject, body)).length) return null;
  const r = renderNotice(compileNotice({ lang, version: 0, subject, body }), sampleNoticeData(lang));
  return { subject: r.subject, blocks: textBlocks(r.raw) };
}

/** /admin/notice-templates routes. */
export function noticeTemplatesRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/admin/notice-templates', requireRole(...TEMPLATE_EDITORS));

  async function renderList(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const languages = await listTemplateLanguages(actionContext(req, deps.clock));
    res
      .status(status)
      .render('notices/templates', { pageTitle: 'notices.templates.title', languages, values: {}, ...extra });
  }

  async function renderEdit(
    req: Request,
    res: Response,
    lang: string,
    status = 200,
    extra: {
      values?: { langName: string; subject: string; body: string };
      errors?: Record<string, string>;
    } = {},
  ) {
    const { latest, history } = await templateWithHistory(lang, actionContext(req, deps.clock));
    const values = extra.values ?? { langName: latest.langName, subject: latest.subject, body: latest.body };
    res.status(status).render('notices/template-edit', {
      pageTitle: 'notices.templates.edit',
      // Not `lang`: that name is the page's UI language.
      tplLang: lang,
      latest,
      history,
      values,
      // An empty problem list is no error: the summary banner shows only for real problems.
      errors: extra.errors && Object.keys(extra.errors).length ? extra.errors : undefined,
      preview: templatePreview(lang, values.subject, values.body),
      placeholders: PLACEHOLDERS.map((p) => `{{${p}}}`),
    });
  }

  r.get('/admin/notice-templates', (req, res) => renderList(req, res));

  r.post('/admin/notice-templates', async (req, res) => {
    const parsed = tryParseInput(addLanguageSchema, req.body);
    if (!parsed.ok) return renderList(req, res, 400, { errors: parsed.fields, values: req.body as unknown });
    try {
      await addTemplateLanguage(parsed.data.lang, parsed.data.langName, actionContext(req, deps.clock));
    } catch (err) {
      if (err instanceof ValidationError)
        return renderList(req, res, 400, { errors: err.fields, values: req.body as unknown });
      throw err;
    }
    flash(req, { type: 'success', key: 'notices.templates.languageAdded' });
    res.redirect(303, `/admin/notice-templates/${parsed.data.lang}`);
  });

  r.get('/admin/notice-templates/:lang', async (req, res) => {
    const lang = langCode.safeParse(req.params.lang);
    if (!lang.success) throw new NotFoundError();
    await renderEdit(req, res, lang.data);
  });

  r.post('/admin/notice-templates/:lang', async (req, res) => {
    const lang = langCode.safeParse(req.params.lang);
    if (!lang.success) throw new NotFoundError();
    const raw = req.body as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const values = { langName: str(raw.langName), subject: str(raw.subject), body: str(raw.body) };
    const parsed = tryParseInput(templateSchema, raw);
    if (!parsed.ok) return renderEdit(req, res, lang.data, 400, { values, errors: parsed.fields });
    if (raw.action === 'preview') {
      // Preview only: nothing is saved (the page without JavaScript).
      const problems = templateProblems(lang.data, parsed.data.subject, parsed.data.body);
      return renderEdit(req, res, lang.data, Object.keys(problems).length ? 400 : 200, {
        values,
        errors: problems,
      });
    }
    try {
      const saved = await saveTemplateVersion(lang.data, parsed.data, actionContext(req, deps.clock));
      flash(req, { type: 'success', key: 'notices.templates.saved', vars: { version: saved.version } });
    } catch (err) {
      if (err instanceof ValidationError)
        return renderEdit(req, res, lang.data, 400, { values, errors: err.fields });
      throw err;
    }
    res.redirect(303, `/admin/notice-templates/${lang.data}`);
  });

  // The live preview: the same rendering as the page, as JSON (same-origin script, CSRF-protected POST).
  r.post('/admin/notice-templates/:lang/preview.json', (req, res) => {
    const lang = langCode.safeParse(req.params.lang);
    if (!lang.success) throw new NotFoundError();
    const raw = req.body as Record<string, unknown>;
    const subject = typeof raw.subject === 'string' ? raw.subject : '';
    const body = typeof raw.body === 'string' ? raw.body : '';
    const problems = templateProblems(lang.data, subject, body);
    res.json({
      ok: !Object.keys(problems).length,
      problems,
      preview: templatePreview(lang.data, subject, body),
    });
  });
  return r;
}

/** The fields a template may use (shown beside the editor). */
export const PLACEHOLDERS = [
  'recipient.name',
  'incident.reference',
  'notice.whatHappened',
  'notice.dataConcerned',
  'notice.consequences',
  'notice.measures',
  'notice.advice',
  'org.name',
  'org.email',
  'org.phone',
  'org.address',
  'org.dpoName',
  'org.dpoEmail',
  'date',
];
