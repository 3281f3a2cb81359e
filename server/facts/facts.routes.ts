// /incidents/:id/facts (privacy officer): the facts in force with their origins and history, and
// the correction form (a new version with a required reason). Works without JavaScript.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { parseFactsForm, type FactsFormValues } from './facts.schema.js';
import { correctFacts, factsStamp, getFactsPage } from './facts.service.js';
import { factRows, formFields, formValuesOf, historyRows } from './facts.view-model.js';

/** The facts routes. */
export function factsRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/incidents/:id/facts', requireRole('privacy_officer'));

  async function render(
    req: Request,
    res: Response,
    status: number,
    posted?: { values: FactsFormValues; errors: FieldErrors; problem?: string },
  ) {
    const ctx = actionContext(req, deps.clock);
    const { incident, facts } = await getFactsPage(req.params.id as string, ctx, !posted);
    const errors = posted?.errors ?? {};
    const fields = formFields(posted?.values ?? formValuesOf(facts), errors, req.lang);
    const reasonError = errors.reason ? translate(req.lang, errors.reason) : undefined;
    res.status(status).render('facts/correct', {
      pageTitle: 'facts.correct',
      incident: { id: String(incident._id), reference: incident.reference },
      rows: factRows(facts, req.lang),
      history: historyRows(facts, req.lang),
      canCorrect: incident.status !== 'closed',
      // A re-rendered form keeps the page's stamp: the officer confirms against what they saw.
      stamp: typeof posted?.values.stamp === 'string' ? posted.values.stamp : factsStamp(facts),
      fields,
      reason: typeof posted?.values.reason === 'string' ? posted.values.reason : '',
      reasonError,
      problem: posted?.problem ?? (errors._form ? translate(req.lang, errors._form) : undefined),
      errorList: [
        ...fields.filter((f) => f.error).map((f) => ({ name: f.name, label: f.label, message: f.error })),
        ...(reasonError
          ? [{ name: 'reason', label: translate(req.lang, 'facts.reason'), message: reasonError }]
          : []),
      ],
    });
  }

  r.get('/incidents/:id/facts', (req, res) => render(req, res, 200));

  r.post('/incidents/:id/facts', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const parsed = parseFactsForm(req.body);
    if (!parsed.ok) return render(req, res, 400, { values: parsed.values, errors: parsed.fields });
    try {
      const { version } = await correctFacts(
        req.params.id,
        { values: parsed.facts, reason: parsed.reason, stamp: parsed.stamp },
        ctx,
      );
      flash(req, { type: 'success', key: 'facts.saved', vars: { version } });
      res.redirect(303, `/incidents/${encodeURIComponent(req.params.id)}/facts`);
    } catch (err) {
      if (err instanceof ValidationError)
        return render(req, res, 400, { values: parsed.values, errors: err.fields ?? {} });
      if (err instanceof ConflictError && err.code === 'FACTS_CHANGED') {
        // Show the facts in force now, with the officer's typed values and a fresh stamp.
        const { stamp: _old, ...values } = parsed.values;
        return render(req, res, 409, {
          values,
          errors: {},
          problem: translate(req.lang, 'facts.error.changedMeanwhile'),
        });
      }
      throw err;
    }
  });
  return r;
}
