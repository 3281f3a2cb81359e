// The register pages for privacy officers: the list with filters, an incident's page and its triage
// actions. Handlers parse input, call one service function and render or redirect.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { RISK_LEVEL_LABELS } from '../assessments/assessment.labels.js';
import { RISK_LEVELS } from '../../models/vocabulary/assessment.enums.js';
import type { AppDeps } from '../deps.js';
import { incidentDutiesView } from '../duties/duties.view-model.js';
import { ValidationError, type FieldErrors } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { listAttachments } from '../attachments/attachments.service.js';
import { attachmentsBlock } from '../attachments/attachments.view-model.js';
import { findReadableIncident } from '../incidents/incident-access.js';
import { INCIDENT_STATUSES, canTransition } from '../../models/vocabulary/incident-status.js';
import { IllegalTransitionError } from '../incidents/incident-workflow.js';
import { incidentFacts, timelineItems } from '../incidents/incidents.view-model.js';
import {
  RISK_FILTERS,
  awarenessSchema,
  closeSchema,
  handlerSchema,
  notABreachSchema,
  registerFilterSchema,
} from './register.schema.js';
import { getRegisterDetail, listRegister } from './register.service.js';
import { registerExportRoutes } from './register-export.routes.js';
import { noticeRegisterSummary } from '../notices/notice-register.js';
import {
  assignHandler,
  closeIncident,
  handlerChoices,
  markNotABreach,
  setAwareness,
  takeIntoTriage,
} from './triage.service.js';
import { awarenessOrDiscovery } from './awareness-rule.js';
import { withEffectiveFacts } from '../facts/effective-facts.js';
import { addedFactItems, originsByKey } from '../facts/facts.view-model.js';
import { externalPanel, markSpam, sendOfficerMessage } from '../intake/intake.service.js';
import { messageSchema } from '../intake/intake.schema.js';

/** /register, /incidents/:id and the triage actions. */
export function registerRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/register', requireRole('privacy_officer'));
  r.use(registerExportRoutes(deps));

  r.get('/register', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    const parsed = tryParseInput(registerFilterSchema, req.query);
    const filterOptions = {
      statuses: INCIDENT_STATUSES.map((s) => ({ value: s, labelKey: `incidents.status.${s}` })),
      risks: RISK_FILTERS.map((v) => ({
        value: v,
        label:
          v === 'unassessed'
            ? translate(req.lang, 'register.filter.unassessed')
            : RISK_LEVEL_LABELS[v][req.lang],
      })),
    };
    if (!parsed.ok) {
      return res.status(400).render('register/list', {
        pageTitle: 'register.title',
        filterInvalid: true,
        filter: {},
        rows: [],
        total: 0,
        years: [],
        ...filterOptions,
      });
    }
    const page = await listRegister(parsed.data, ctx);
    const f = parsed.data;
    const qs = (p: number) => new URLSearchParams({ ...stringEntries(f), page: String(p) }).toString();
    res.render('register/list', {
      pageTitle: 'register.title',
      filter: f,
      ...filterOptions,
      ...page,
      rows: page.rows.map((row) => ({
        ...row,
        riskLabel: row.riskLevel ? RISK_LEVEL_LABELS[row.riskLevel][req.lang] : undefined,
        excerpt: excerpt(row.summary),
      })),
      prevHref: page.page > 1 ? `/register?${qs(page.page - 1)}` : undefined,
      nextHref: page.page < page.pages ? `/register?${qs(page.page + 1)}` : undefined,
    });
  });

  const renderDetail = async (
    req: Request,
    res: Response,
    status: number,
    extra: { form?: string; errors?: FieldErrors; values?: Record<string, unknown>; problem?: string } = {},
  ) => {
    const id = req.params.id as string;
    const ctx = actionContext(req, deps.clock);
    const { incident, facts, timeline, riskLevel, assessmentVersion } = await getRegisterDetail(id, ctx);
    const st = incident.status;
    res.status(status).render('register/detail', {
      pageTitle: 'register.title',
      incident,
      riskLabel:
        riskLevel && RISK_LEVELS.includes(riskLevel) ? RISK_LEVEL_LABELS[riskLevel][req.lang] : undefined,
      assessmentVersion,
      // The facts in force, each corrected one with its origin (issue 12: one set of facts).
      facts: [
        ...incidentFacts(withEffectiveFacts(incident, facts), req.lang, originsByKey(facts, req.lang)),
        ...addedFactItems(facts, req.lang),
      ],
      timeline: timelineItems(timeline, req.lang),
      dutiesView: await incidentDutiesView(id, ctx.now, req.lang),
      // Art. 34 notices in the register (issue 7): counts per channel and status, templates, dates.
      notices: await noticeRegisterSummary(incident._id),
      handlers: await handlerChoices(),
      can: {
        triage: canTransition(st, 'triage') && st === 'submitted',
        notABreach: canTransition(st, 'not_a_breach'),
        close: canTransition(st, 'closed'),
        edit: st !== 'closed',
      },
      awarenessDefault: awarenessOrDiscovery(incident),
      form: extra.form,
      errors: extra.errors,
      values: extra.values ?? {},
      problem: extra.problem,
      // A report from the public page: its reporter and the messages both ways (issue 15).
      external: await externalPanel(incident, ctx),
      ...attachmentsBlock({
        attachments: await listAttachments(incident._id),
        incidentId: id,
        returnTo: `/incidents/${id}`,
        canUpload: st !== 'closed',
        maxBytes: deps.config.attachments.maxBytes,
        lang: req.lang,
      }),
    });
  };

  // Privacy officers handle the incident here; its reporter is sent to their own page.
  r.get('/incidents/:id', requireRole(), async (req, res) => {
    if (req.user!.role !== 'privacy_officer') {
      const incident = await findReadableIncident(req.params.id, actionContext(req, deps.clock));
      return res.redirect(303, `/reports/${String(incident._id)}`);
    }
    await renderDetail(req, res, 200);
  });

  /** Runs a triage action; field errors and refused transitions re-render the page with the reason. */
  const action =
    <T>(
      form: string,
      schema: { safeParse(v: unknown): unknown } | undefined,
      run: (id: string, data: T, req: Request) => Promise<void>,
      savedKey: string,
    ) =>
    async (req: Request, res: Response) => {
      const id = req.params.id as string;
      const values = (req.body ?? {}) as Record<string, unknown>;
      let data = {} as T;
      if (schema) {
        const parsed = tryParseInput(schema as never, req.body);
        if (!parsed.ok) return renderDetail(req, res, 400, { form, errors: parsed.fields, values });
        data = parsed.data;
      }
      try {
        await run(id, data, req);
      } catch (err) {
        if (err instanceof ValidationError)
          return renderDetail(req, res, 400, { form, errors: err.fields, values });
        if (err instanceof IllegalTransitionError) {
          const label = (s: string) => translate(req.lang, `incidents.status.${s}`);
          return renderDetail(req, res, 409, {
            form,
            problem: translate(req.lang, 'register.error.transition', {
              from: label(err.from),
              to: label(err.to),
            }),
          });
        }
        throw err;
      }
      flash(req, { type: 'success', key: savedKey });
      res.redirect(303, `/incidents/${id}${form.startsWith('external') ? '#external' : ''}`);
    };

  const po = requireRole('privacy_officer');
  const ctxOf = (req: Request) => actionContext(req, deps.clock);
  r.post(
    '/incidents/:id/triage',
    po,
    action('triage', z.object({}), (id, _d, req) => takeIntoTriage(id, ctxOf(req)), 'register.triage.saved'),
  );
  r.post(
    '/incidents/:id/awareness',
    po,
    action(
      'awareness',
      awarenessSchema,
      (id, d: z.output<typeof awarenessSchema>, req) => setAwareness(id, d, ctxOf(req)),
      'register.awareness.saved',
    ),
  );
  r.post(
    '/incidents/:id/not-a-breach',
    po,
    action(
      'notABreach',
      notABreachSchema,
      (id, d: z.output<typeof notABreachSchema>, req) => markNotABreach(id, d.reason, ctxOf(req)),
      'register.notABreach.saved',
    ),
  );
  r.post(
    '/incidents/:id/handler',
    po,
    action(
      'handler',
      handlerSchema,
      (id, d: z.output<typeof handlerSchema>, req) => assignHandler(id, d.handlerId, ctxOf(req)),
      'register.handler.saved',
    ),
  );
  r.post(
    '/incidents/:id/external/messages',
    po,
    action(
      'externalMessage',
      messageSchema,
      (id, d: z.output<typeof messageSchema>, req) =>
        sendOfficerMessage(id, d.text, ctxOf(req), deps.config.baseUrl),
      'intake.officer.sent',
    ),
  );
  r.post(
    '/incidents/:id/external/spam',
    po,
    action(
      'externalSpam',
      z.object({ spam: z.enum(['yes', 'no'], 'field.invalid') }),
      (id, d: { spam: 'yes' | 'no' }, req) => markSpam(id, d.spam === 'yes', ctxOf(req)),
      'intake.officer.spamSaved',
    ),
  );
  r.post(
    '/incidents/:id/close',
    po,
    action(
      'close',
      closeSchema,
      (id, d: z.output<typeof closeSchema>, req) => closeIncident(id, d, ctxOf(req)),
      'register.close.saved',
    ),
  );
  return r;
}

function stringEntries(f: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([k, v]) => k !== 'page' && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

function excerpt(text: string, max = 100): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
