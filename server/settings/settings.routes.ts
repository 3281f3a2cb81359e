// /admin/settings: the administrator sets the organisation's details, the ministry's addresses,
// the escalation addresses and the reminder schedule (issue 12). Administrators only; the service
// checks the role again and audits a refusal.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { resetSettingSchema, SETTING_KEYS, settingsFormSchema } from './settings.schema.js';
import { resetSetting, saveSettings, settingsForAdmin } from './settings.service.js';
import { settingsPageView } from './settings.view-model.js';

/** /admin/settings routes. */
export function settingsRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/admin/settings', requireRole('admin'));

  async function render(
    req: Request,
    res: Response,
    status: number,
    typed?: Record<string, unknown>,
    errors?: FieldErrors,
  ): Promise<void> {
    const settings = await settingsForAdmin(deps.config, actionContext(req, deps.clock));
    res.status(status).render('settings/edit', {
      pageTitle: 'settings.title',
      ...settingsPageView(settings, req.lang, typed, errors),
      errors,
    });
  }

  r.get('/admin/settings', (req, res) => render(req, res, 200));

  r.post('/admin/settings', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    // What was typed, field by field, to show again after a refusal.
    const typed = Object.fromEntries(
      SETTING_KEYS.map((k) => [k, typeof body[k] === 'string' ? body[k] : '']),
    );
    const parsed = tryParseInput(settingsFormSchema, body);
    if (!parsed.ok) return render(req, res, 400, typed, parsed.fields);
    try {
      const { changes } = await saveSettings(parsed.data, deps.config, actionContext(req, deps.clock));
      flash(req, {
        type: 'success',
        key: changes.length ? 'settings.flash.saved' : 'settings.flash.unchanged',
      });
    } catch (err) {
      if (err instanceof ConflictError) return render(req, res, 409, typed, { _form: err.messageKey });
      if (err instanceof ValidationError) return render(req, res, 400, typed, err.fields);
      throw err;
    }
    res.redirect(303, '/admin/settings');
  });

  r.post('/admin/settings/reset', async (req, res) => {
    const parsed = tryParseInput(resetSettingSchema, req.body);
    if (!parsed.ok) return render(req, res, 400, undefined, { _form: 'field.invalid' });
    try {
      await resetSetting(parsed.data, deps.config, actionContext(req, deps.clock));
    } catch (err) {
      if (err instanceof ConflictError) return render(req, res, 409, undefined, { _form: err.messageKey });
      throw err;
    }
    flash(req, { type: 'success', key: 'settings.flash.reset' });
    res.redirect(303, `/admin/settings#${parsed.data.key}`);
  });
  return r;
}
