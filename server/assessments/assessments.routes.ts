// /incidents/:id/assessment (privacy officer): the page, "Recompute" (nothing saved) and "Save
// decision" (a new version). Works without JavaScript: both buttons submit the same form.
import { Router, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { ValidationError, type FieldErrors } from '../errors.js';
import type { Lang } from '../i18n/i18n.js';
import { translate } from '../i18n/i18n.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { incidentDutiesView } from '../duties/duties.view-model.js';
import { assess, type AssessmentResult } from './assess.js';
import { assessmentConfigFor } from './assessment-settings.js';
import { effectiveConfig } from '../settings/settings.service.js';
import { parseAssessmentForm, type AssessmentFormValues } from './assessments.schema.js';
import {
  decisionInput,
  loadAssessmentContext,
  recomputeAssessment,
  saveAssessment,
  ministryAnchor,
  subjectsAnchor,
  type AssessmentContext,
} from './assessments.service.js';
import { formGroups, valuesFromInput } from './assessments.view-model.js';
import { historyRows, resultView } from './assessment-result.view-model.js';

interface PageState {
  context: AssessmentContext;
  values: AssessmentFormValues;
  errors: FieldErrors;
  result: AssessmentResult | null;
  preview: boolean;
  lang: Lang;
  now: Date;
}

/** The assessment routes. */
export function assessmentsRoutes(deps: AppDeps): Router {
  const r = Router();
  // The organisation's role comes from the settings in force (issue 12), read per request.
  const configOf = async () => assessmentConfigFor(await effectiveConfig(deps.config));
  r.use('/incidents/:id/assessment', requireRole('privacy_officer'));

  async function render(res: Response, status: number, s: PageState): Promise<void> {
    const config = await configOf();
    const groups = formGroups(s.values, s.errors, s.lang);
    const errorList = groups
      .flatMap((g) => g.fields)
      .filter((f) => f.error)
      .map((f) => ({ name: f.name, label: f.label, message: translate(s.lang, f.error!) }));
    res.status(status).render('assessments/assessment', {
      pageTitle: 'assessments.title',
      incident: s.context.incident,
      action: `/incidents/${encodeURIComponent(s.context.incident.id)}/assessment`,
      factorGroups: groups.filter((g) => g.id !== 'decision'),
      decisionGroup: groups.find((g) => g.id === 'decision'),
      errors: Object.keys(s.errors).length ? s.errors : undefined,
      errorList,
      result: s.result ? resultView(s.result, s.lang) : null,
      preview: s.preview,
      history: historyRows(s.context.history, s.lang),
      dutiesView: await incidentDutiesView(s.context.incident.id, s.now, s.lang, config),
    });
  }

  r.get('/incidents/:id/assessment', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const config = await configOf();
    const context = await loadAssessmentContext(req.params.id, ctx);
    const decision = { art34Exception: 'none' as const, ...context.prefillDecision };
    const result = assess(
      decisionInput(
        context.prefill,
        {
          riskLevel: undefined,
          riskJustification: undefined,
          art34ExceptionReason: undefined,
          awarenessNote: undefined,
          ...decision,
        },
        subjectsAnchor(context.history[0], ctx.now),
        ministryAnchor(context.history[0], ctx.now),
      ),
      config,
    );
    // A first assessment starts from agreeing with the suggestion; the officer may change it.
    const values = valuesFromInput(context.prefill, { riskLevel: result.suggestedRisk, ...decision });
    await render(res, 200, {
      context,
      values,
      errors: {},
      result,
      preview: false,
      lang: req.lang,
      now: ctx.now,
    });
  });

  r.post('/incidents/:id/assessment', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    // The page is rendered again in answer to this post: its form needs the (already checked) token.
    const posted = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof posted === 'string') res.locals.csrfToken ??= posted;
    const context = await loadAssessmentContext(req.params.id, ctx, false);
    const config = await configOf();
    const parsed = parseAssessmentForm(req.body);
    const base = { context, values: parsed.values, lang: req.lang, now: ctx.now };
    if (!parsed.ok) return render(res, 400, { ...base, errors: parsed.fields, result: null, preview: false });

    if (parsed.action === 'recompute') {
      const { result } = await recomputeAssessment(context, parsed.input, parsed.decision, ctx, config);
      return render(res, 200, { ...base, errors: {}, result, preview: true });
    }
    try {
      const { version } = await saveAssessment(
        context.incident.id,
        parsed.input,
        parsed.decision,
        ctx,
        config,
      );
      flash(req, { type: 'success', key: 'assessments.saved', vars: { version } });
      res.redirect(303, `/incidents/${encodeURIComponent(context.incident.id)}/assessment`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // Nothing was saved: show the same input, the computed result and what is missing.
      const result = assess(
        decisionInput(
          parsed.input,
          parsed.decision,
          subjectsAnchor(context.history[0], ctx.now),
          ministryAnchor(context.history[0], ctx.now),
        ),
        config,
      );
      await render(res, 400, { ...base, errors: err.fields ?? {}, result, preview: true });
    }
  });
  return r;
}
