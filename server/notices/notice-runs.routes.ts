// A notice run's pages (issue 7 items 3–6): texts per language, preview with a real recipient,
// four-eyes approval, start / pause / resume / cancel, live progress, letters and the public notice.
import { toDutchLocalInput } from '../local-time.js';
import { Router, type Request, type Response } from 'express';
import { effectiveConfig } from '../settings/settings.service.js';
import type { AppDeps } from '../deps.js';
import { AppError, ValidationError } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { tryParseInput } from '../middleware/validate.js';
import { contactCipher } from './contact-crypto.js';
import { lettersOverview, markLettersPosted, streamLettersCsv, streamLettersPdf } from './letters.service.js';
import {
  approveRun,
  cancelRun,
  checkRunTexts,
  pauseRun,
  resumeRun,
  startRun,
} from './notice-run-control.service.js';
import { confirmationFromForm, flagsView, gateOf, type OutgoingCheck } from '../privacy/outgoing-check.js';
import type { LangTexts } from './run-content.js';
import { readRun, saveRunTexts } from './notice-runs.service.js';
import { latestTemplates } from './notice-templates.service.js';
import { previewRun } from './notice-preview.service.js';
import { runProgress } from './notice-register.js';
import { publicNoticeTexts, recordPublication } from './public-notice.service.js';
import { langCode, postedSchema, publicationSchema, settingsSchema } from './notices.schema.js';
import { progressView, runPageView, textsFromForm } from './notices.view-model.js';
import { startDownload } from '../middleware/download.js';

/** The flags of the public texts, listed per language. */
function publicFlags(check: OutgoingCheck) {
  return Object.entries(flagsView(check)).map(([field, flags]) => ({ field, flags }));
}

/** /notices/runs/:runId… routes (privacy officers; the services check again). */
export function noticeRunsRoutes(deps: AppDeps): Router {
  const r = Router();
  const cipher = () => contactCipher(deps.config);
  // The organisation and the addresses the personal-data check allows come from the settings in force (issue 12).
  const org = async () => (await effectiveConfig(deps.config)).organisation;
  const gate = async () => gateOf(await effectiveConfig(deps.config));
  const base = (req: Request) => `/notices/runs/${encodeURIComponent(req.params.runId as string)}`;
  const defaults = () => ({
    concurrency: deps.config.notices.concurrency,
    ratePerSecond: deps.config.notices.ratePerSecond,
    failureThreshold: deps.config.notices.failureThreshold,
  });

  async function renderRun(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const ctx = actionContext(req, deps.clock);
    const view = await readRun(req.params.runId, ctx);
    const progress = await runProgress(view.run._id, view.snapshot, ctx.now);
    const langs = [...(await latestTemplates(ctx.now)).values()].map((t) => ({
      lang: t.lang,
      langName: t.langName,
    }));
    // Typed texts come back after an error; the flags are those of the texts on the page.
    const formTexts = extra.formTexts as Record<string, Record<string, string>> | undefined;
    const shown = formTexts
      ? Object.entries(formTexts).map(([lang, f]) => ({ lang, ...f }) as LangTexts)
      : (view.text.texts as LangTexts[]);
    const check = await checkRunTexts(view.run.incidentId, shown, await gate(), ctx.now);
    res.status(status).render('notices/run', {
      pageTitle: 'notices.run.title',
      ...runPageView(view, progress, langs, ctx.user.id, req.lang, formTexts, flagsView(check)),
      check,
      settings: defaults(),
      ...extra,
    });
  }

  r.get('/notices/runs/:runId', (req, res) => renderRun(req, res));

  r.post('/notices/runs/:runId/texts', async (req, res) => {
    const parsed = textsFromForm(req.body);
    if (!parsed.ok) return renderRun(req, res, 400, { errors: parsed.errors, formTexts: parsed.values });
    await saveRunTexts(req.params.runId, parsed.texts, actionContext(req, deps.clock));
    flash(req, { type: 'success', key: 'notices.run.textsSaved' });
    res.redirect(303, base(req));
  });

  r.get('/notices/runs/:runId/preview', async (req, res) => {
    const lang = langCode.safeParse(req.query.lang);
    const preview = await previewRun(
      req.params.runId,
      lang.success ? lang.data : 'nl',
      req.query.person,
      actionContext(req, deps.clock),
      { cipher: cipher(), org: await org() },
    );
    res.render('notices/preview', { pageTitle: 'notices.preview.title', runId: req.params.runId, preview });
  });

  // State changes: a refused change (wrong state, four-eyes, changed template) re-renders the run
  // page with its reason and status 409, so the officer sees why.
  async function act(req: Request, res: Response, fn: () => Promise<unknown>, doneKey: string) {
    try {
      await fn();
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 400)) {
        const fields = err instanceof ValidationError ? (err.fields ?? {}) : {};
        return renderRun(req, res, err.status, {
          actionError: Object.values(fields)[0] ?? err.messageKey,
          actionCode: err.code,
          confirmError: fields.confirmPersonalData,
        });
      }
      throw err;
    }
    flash(req, { type: 'success', key: doneKey });
    res.redirect(303, base(req));
  }

  r.post('/notices/runs/:runId/approve', (req, res) =>
    act(
      req,
      res,
      async () =>
        approveRun(
          req.params.runId,
          actionContext(req, deps.clock),
          await gate(),
          confirmationFromForm(req.body),
        ),
      'notices.run.approved',
    ),
  );
  r.post('/notices/runs/:runId/pause', (req, res) =>
    act(req, res, () => pauseRun(req.params.runId, actionContext(req, deps.clock)), 'notices.run.pausedDone'),
  );
  r.post('/notices/runs/:runId/cancel', (req, res) =>
    act(
      req,
      res,
      () => cancelRun(req.params.runId, actionContext(req, deps.clock)),
      'notices.run.cancelledDone',
    ),
  );
  for (const action of ['start', 'resume'] as const) {
    r.post(`/notices/runs/:runId/${action}`, async (req, res) => {
      const s = tryParseInput(settingsSchema, req.body);
      if (!s.ok) return renderRun(req, res, 400, { errors: s.fields, settings: req.body as unknown });
      const fn = action === 'start' ? startRun : resumeRun;
      await act(
        req,
        res,
        async () => fn(req.params.runId, s.data, actionContext(req, deps.clock), await gate()),
        action === 'start' ? 'notices.run.startedDone' : 'notices.run.resumedDone',
      );
    });
  }

  r.get('/notices/runs/:runId/progress', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const view = await readRun(req.params.runId, ctx);
    const progress = await runProgress(view.run._id, view.snapshot, ctx.now);
    res.render('notices/progress', {
      pageTitle: 'notices.progress.title',
      ...progressView(view, progress, req.lang),
    });
  });

  r.get('/notices/runs/:runId/progress.json', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const view = await readRun(req.params.runId, ctx);
    const progress = await runProgress(view.run._id, view.snapshot, ctx.now);
    const v = progressView(view, progress, req.lang);
    res.json({
      state: view.snapshot.state,
      stateLabel: v.stateLabel,
      figures: v.figures,
      percent: progress.percent,
    });
  });

  r.get('/notices/runs/:runId/letters', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const data = await lettersOverview(req.params.runId, ctx);
    // The posting date starts as today (Dutch calendar day): letters are usually posted the day they are printed.
    res.render('notices/letters', {
      pageTitle: 'notices.letters.title',
      runId: req.params.runId,
      ...data,
      values: { postedOn: toDutchLocalInput(ctx.now).slice(0, 10) },
    });
  });

  r.get('/notices/runs/:runId/letters.pdf', async (req, res) => {
    startDownload(res, 'application/pdf', `letters-${encodeURIComponent(req.params.runId)}.pdf`);
    await streamLettersPdf(req.params.runId, res, actionContext(req, deps.clock), {
      cipher: cipher(),
      org: await org(),
      uiLang: req.lang,
    });
  });

  r.get('/notices/runs/:runId/letters.csv', async (req, res) => {
    startDownload(res, 'text/csv; charset=utf-8', `addresses-${encodeURIComponent(req.params.runId)}.csv`);
    await streamLettersCsv(req.params.runId, res, actionContext(req, deps.clock), {
      cipher: cipher(),
      uiLang: req.lang,
    });
  });

  r.post('/notices/runs/:runId/letters/posted', async (req, res) => {
    const parsed = tryParseInput(postedSchema, req.body);
    if (!parsed.ok) {
      const data = await lettersOverview(req.params.runId, actionContext(req, deps.clock));
      return res.status(400).render('notices/letters', {
        pageTitle: 'notices.letters.title',
        runId: req.params.runId,
        ...data,
        errors: parsed.fields,
        values: req.body as unknown,
      });
    }
    const count = await markLettersPosted(
      req.params.runId,
      parsed.data.postedOn,
      actionContext(req, deps.clock),
    );
    flash(req, { type: 'success', key: 'notices.letters.postedDone', vars: { count } });
    res.redirect(303, `${base(req)}/letters`);
  });

  r.get('/notices/runs/:runId/public', async (req, res) => {
    const data = await publicNoticeTexts(
      req.params.runId,
      actionContext(req, deps.clock),
      await org(),
      await gate(),
    );
    res.render('notices/public', {
      pageTitle: 'notices.public.title',
      runId: req.params.runId,
      ...data,
      flags: publicFlags(data.check),
      values: {},
    });
  });

  r.post('/notices/runs/:runId/public', async (req, res) => {
    const parsed = tryParseInput(publicationSchema, req.body);
    const again = async (errors: Record<string, string>) => {
      const data = await publicNoticeTexts(
        req.params.runId,
        actionContext(req, deps.clock),
        await org(),
        await gate(),
      );
      res.status(400).render('notices/public', {
        pageTitle: 'notices.public.title',
        runId: req.params.runId,
        ...data,
        flags: publicFlags(data.check),
        errors,
        values: req.body as unknown,
      });
    };
    if (!parsed.ok) return again(parsed.fields);
    try {
      await recordPublication(
        req.params.runId,
        parsed.data,
        actionContext(req, deps.clock),
        await org(),
        await gate(),
        confirmationFromForm(req.body),
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return again(err.fields ?? {});
    }
    flash(req, { type: 'success', key: 'notices.public.recorded' });
    res.redirect(303, `${base(req)}/public`);
  });

  return r;
}
