// The AP dossier pages (privacy officers only; the services check the role again): the overview,
// the dossier with copy buttons, PDF/JSON downloads, recording filings and the withdrawal, and the
// frozen copy of every filing.
import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { translate } from '../i18n/i18n.js';
import { NotFoundError, ValidationError, type FieldErrors } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { noticesForIncident } from '../ministry/ministry.service.js';
import {
  dossierDetailsSchema,
  recordFilingSchema,
  withdrawFilingSchema,
  dossierFormatSchema,
} from './authority.schema.js';
import { detailsCheck, saveDossierDetails } from './dossier-details.service.js';
import { detailsFormOptions, detailsFormValues } from './dossier-details.view-model.js';
import { exportDossier, getDossierPage, getFiling } from './authority.service.js';
import { listAuthorityOverview } from './authority-overview.service.js';
import { filingCheck, recordFiling, withdrawalCheck, withdrawFiling } from './filing.service.js';
import { flagsView } from '../privacy/outgoing-check.js';
import { toObjectId } from './incident-facts.js';
import { renderDossierPdf } from './dossier-pdf.js';
import type { Dossier } from './dossier.js';
import { effectiveConfig, missingSettingsNotice } from '../settings/settings.service.js';

interface FormState {
  filingErrors?: FieldErrors;
  filingValues?: Record<string, unknown>;
  withdrawErrors?: FieldErrors;
  withdrawValues?: Record<string, unknown>;
  detailsErrors?: FieldErrors;
  detailsValues?: Record<string, unknown>;
}

function fileName(reference: string, suffix: string): string {
  return `ap-dossier-${reference.replace(/[^A-Za-z0-9-]/g, '')}${suffix}`;
}

/** /authority routes. */
export function authorityRoutes(deps: AppDeps): Router {
  const r = Router();
  // The settings in force for each request (issue 12): the organisation's details may change any time.
  const current = () => effectiveConfig(deps.config);
  r.use('/authority', requireRole('privacy_officer'));

  async function renderDossier(
    req: Request,
    res: Response,
    status: number,
    form: FormState = {},
  ): Promise<void> {
    const ctx = actionContext(req, deps.clock);
    const id = String(req.params.id);
    const config = await current();
    const page = await getDossierPage(id, config, ctx, req.lang);
    const notices = await noticesForIncident(id, ctx);
    const filingValues = form.filingValues ?? {
      submittedAt: ctx.now,
      summary: page.summaryDraft,
      filerPhone: page.filerPhoneDraft,
    };
    // The flags of the texts in the form, as typed (issue 12, problem 5).
    const check = await filingCheck(
      toObjectId(id),
      {
        summary: typeof filingValues.summary === 'string' ? filingValues.summary : '',
        reasonForDelay:
          typeof filingValues.reasonForDelay === 'string' ? filingValues.reasonForDelay : undefined,
      },
      config,
      ctx,
    );
    // The details' texts go to the AP too: their flags, as typed or as stored.
    const checkOfDetails = await detailsCheck(
      toObjectId(id),
      form.detailsValues ?? (page.details as Record<string, unknown> | null),
      config,
      ctx,
    );
    const reason = form.withdrawValues?.reason;
    const withdrawCheck = await withdrawalCheck(
      toObjectId(id),
      typeof reason === 'string' ? reason : '',
      config,
      ctx,
    );
    // Organisation details the dossier asks for but nobody set: said on the page, with the way to set them.
    const settingsMissing = await missingSettingsNotice('dossier', config, ctx.user.role);
    res.status(status).render('authority/dossier', {
      pageTitle: `authority.title.${page.recipient}`,
      ...page,
      lastComplete: page.filings.at(-1)?.complete ?? false,
      notices,
      filingValues,
      filingErrors: form.filingErrors,
      filingCheck: check,
      filingFlags: flagsView(check),
      withdrawCheck,
      withdrawFlags: flagsView(withdrawCheck),
      withdrawValues: form.withdrawValues ?? { submittedAt: ctx.now },
      withdrawErrors: form.withdrawErrors,
      detailsOptions: detailsFormOptions(req.lang),
      detailsValues: detailsFormValues(form.detailsValues ?? page.details, config.organisation.dpoName),
      detailsErrors: form.detailsErrors,
      detailsCheck: checkOfDetails,
      detailsFlags: flagsView(checkOfDetails),
      settingsMissing,
      mailSubject: encodeURIComponent(translate(req.lang, 'settings.missing.mailSubject')),
    });
  }

  async function sendDossier(
    res: Response,
    dossier: Dossier,
    format: 'pdf' | 'json',
    suffix: string,
    origins?: Record<string, string>,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'json') {
      res
        .attachment(fileName(dossier.incidentReference, `${suffix}.json`))
        .type('application/json')
        .send(JSON.stringify(dossier, null, 2));
      return;
    }
    const pdf = await renderDossierPdf(dossier, {
      organisation: (await current()).organisation.name,
      origins,
    });
    res
      .attachment(fileName(dossier.incidentReference, `${suffix}.pdf`))
      .type('application/pdf')
      .send(pdf);
  }

  r.get('/authority', async (req, res) => {
    const config = await current();
    const rows = await listAuthorityOverview(config, actionContext(req, deps.clock));
    res.render('authority/index', {
      pageTitle: 'authority.overview.title',
      rows,
      recipient: config.organisation.role === 'processor' ? 'controller' : 'authority',
    });
  });

  r.get('/authority/incidents/:id', (req, res) => renderDossier(req, res, 200));

  r.get('/authority/incidents/:id/dossier.:format', async (req, res) => {
    const format = dossierFormatSchema.safeParse(req.params.format);
    if (!format.success) throw new NotFoundError();
    const { dossier, origins } = await exportDossier(
      String(req.params.id),
      format.data,
      await current(),
      actionContext(req, deps.clock),
      req.lang,
    );
    // A filed copy (below) is printed as filed; the live dossier names the corrected answers' origin.
    await sendDossier(res, dossier, format.data, '', origins);
  });

  r.post('/authority/incidents/:id/filings', async (req, res) => {
    const parsed = tryParseInput(recordFilingSchema, req.body);
    const values = req.body as Record<string, unknown>;
    if (!parsed.ok)
      return renderDossier(req, res, 400, { filingErrors: parsed.fields, filingValues: values });
    try {
      const filing = await recordFiling(
        String(req.params.id),
        parsed.data,
        await current(),
        actionContext(req, deps.clock),
      );
      flash(req, { type: 'success', key: `authority.flash.${filing.kind}` });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderDossier(req, res, 400, { filingErrors: err.fields, filingValues: values });
    }
    res.redirect(303, `/authority/incidents/${String(req.params.id)}`);
  });

  r.post('/authority/incidents/:id/withdrawal', async (req, res) => {
    const parsed = tryParseInput(withdrawFilingSchema, req.body);
    const values = req.body as Record<string, unknown>;
    if (!parsed.ok)
      return renderDossier(req, res, 400, { withdrawErrors: parsed.fields, withdrawValues: values });
    try {
      await withdrawFiling(
        String(req.params.id),
        parsed.data,
        await current(),
        actionContext(req, deps.clock),
      );
      flash(req, { type: 'success', key: 'authority.flash.withdrawn' });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderDossier(req, res, 400, { withdrawErrors: err.fields, withdrawValues: values });
    }
    res.redirect(303, `/authority/incidents/${String(req.params.id)}`);
  });

  // The AP form's questions the intake and the assessment leave open, and the FG's advice beside
  // the decision (domain.md §8.1 sections 6, 8, 9; §10.4 step 6): a new version on every save.
  r.post('/authority/incidents/:id/details', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const parsed = tryParseInput(dossierDetailsSchema(ctx.now), req.body);
    const values = req.body as Record<string, unknown>;
    if (!parsed.ok)
      return renderDossier(req, res, 400, { detailsErrors: parsed.fields, detailsValues: values });
    try {
      await saveDossierDetails(String(req.params.id), parsed.data, await current(), ctx);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderDossier(req, res, 400, { detailsErrors: err.fields, detailsValues: values });
    }
    flash(req, { type: 'success', key: 'authority.flash.details' });
    res.redirect(303, `/authority/incidents/${String(req.params.id)}#details`);
  });

  r.get('/authority/incidents/:id/filings/:version', async (req, res) => {
    const version = Number(req.params.version);
    const data = await getFiling(
      String(req.params.id),
      Number.isInteger(version) ? version : -1,
      actionContext(req, deps.clock),
    );
    res.render('authority/filing', { pageTitle: 'authority.filings.title', ...data });
  });

  r.get('/authority/incidents/:id/filings/:version/dossier.:format', async (req, res) => {
    const format = dossierFormatSchema.safeParse(req.params.format);
    const version = Number(req.params.version);
    if (!format.success || !Number.isInteger(version)) throw new NotFoundError();
    const data = await getFiling(String(req.params.id), version, actionContext(req, deps.clock), {
      download: format.data,
    });
    await sendDossier(res, data.dossier, format.data, `-v${data.filing.version}`);
  });
  return r;
}
