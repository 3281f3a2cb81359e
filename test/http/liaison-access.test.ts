// A ministry liaison can never open an incident, the register, an assessment, attachments, the AP
// dossier or anything else about affected persons (issue "must hold"): every such URL in the app
// answers 403 for them — by route and by service — while the portal itself works.
import assert from 'node:assert/strict';
import request from 'supertest';
import { Types } from 'mongoose';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { MinistryNotice } from '../../models/ministry-notice.model.js';
import { ForbiddenError } from '../../server/errors.js';
import type { ActionContext } from '../../server/context.js';
import { exportDossier, getDossierPage, getFiling } from '../../server/authority/authority.service.js';
import { listAuthorityOverview } from '../../server/authority/authority-overview.service.js';
import { recordFiling, withdrawFiling } from '../../server/authority/filing.service.js';
import {
  noticesForIncident,
  prepareMinistryNotice,
  sendMinistryNotice,
} from '../../server/ministry/ministry.service.js';
import { acknowledgeNotice } from '../../server/ministry/liaison.service.js';
import { assessIncident, makeIncident, TEST_ENV } from '../integration/authority/authority-fixtures.js';

/** Every URL about incidents, the register, assessments, attachments and the AP dossier (grep of the routers). */
function incidentUrls(id: string, attachmentId: string): Array<[method: 'get' | 'post', path: string]> {
  return [
    ['get', '/reports'],
    ['get', '/reports/new'],
    ['post', '/reports'],
    ['get', `/reports/${id}`],
    ['get', `/reports/${id}/submitted`],
    ['post', `/reports/${id}/additions`],
    ['get', '/register'],
    ['get', '/register?year=2026'],
    ['get', '/register/export.csv'],
    ['get', '/register/export.json'],
    ['get', `/incidents/${id}`],
    ['post', `/incidents/${id}/triage`],
    ['post', `/incidents/${id}/awareness`],
    ['post', `/incidents/${id}/not-a-breach`],
    ['post', `/incidents/${id}/handler`],
    ['post', `/incidents/${id}/close`],
    ['get', `/incidents/${id}/assessment`],
    ['post', `/incidents/${id}/assessment`],
    ['post', `/incidents/${id}/attachments`],
    ['get', `/attachments/${attachmentId}`],
    ['get', '/dashboard'],
    ['get', '/admin/audit'],
    ['get', '/authority'],
    ['get', `/authority/incidents/${id}`],
    ['get', `/authority/incidents/${id}/dossier.pdf`],
    ['get', `/authority/incidents/${id}/dossier.json`],
    ['post', `/authority/incidents/${id}/filings`],
    ['post', `/authority/incidents/${id}/withdrawal`],
    ['get', `/authority/incidents/${id}/filings/1`],
    ['get', `/authority/incidents/${id}/filings/1/dossier.json`],
    ['get', `/ministry/incidents/${id}/notice`],
    ['post', `/ministry/incidents/${id}/notice`],
  ];
}

describe('http: the ministry liaison is fenced in', function () {
  this.timeout(90_000);
  let t: TestApp;
  let liaison: Awaited<ReturnType<typeof makeUser>>;
  let la: Agent;
  let incidentId: string;
  let noticeId: string;

  before(async () => {
    t = await buildTestApp(TEST_ENV, '2026-01-05T16:00:00Z');
    liaison = await makeUser('ministry_liaison');
    la = await signIn(t.app, liaison);
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident();
    await assessIncident(incident._id);
    incidentId = String(incident._id);
    const ctx: ActionContext = { user: officer, origin: { via: 'web' }, now: t.clock.now() };
    await recordFiling(
      incidentId,
      {
        kind: 'initial',
        submittedAt: new Date('2026-01-05T15:30:00Z'),
        apReference: 'M-9',
        complete: false,
        summary: 'Samenvatting voor de AP',
      },
      t.config,
      ctx,
    );
    const sent = await sendMinistryNotice(
      incidentId,
      { action: 'send', summary: 'Samenvatting', measures: 'Maatregelen', confirmNoPersonalData: true },
      t.config,
      ctx,
    );
    noticeId = sent.id;
  });

  it('when the liaison requests any incident, register, assessment, attachment or dossier URL, then 403 FORBIDDEN and nothing leaks', async () => {
    const token = await csrfToken(la, '/ministry');
    const attachmentId = new Types.ObjectId().toString();
    const refused: string[] = [];
    for (const [method, path] of incidentUrls(incidentId, attachmentId)) {
      const req =
        method === 'get'
          ? la.get(path)
          : la.post(path).type('form').send({ _csrf: token, reason: 'x', summary: 'x' });
      const res = await req.set('Accept', 'application/json');
      const body = res.body as { error?: { code?: string } };
      if (res.status !== 403 || body.error?.code !== 'FORBIDDEN')
        refused.push(`${method.toUpperCase()} ${path} → ${res.status} ${body.error?.code ?? ''}`);
      assert.doesNotMatch(res.text, /DL-2026-T|Samenvatting|M-9/, `${method} ${path} leaks incident data`);
    }
    assert.deepEqual(refused, [], 'every URL answers 403 FORBIDDEN');
    // The same pages as HTML show the forbidden page, not the content.
    const html = await la.get(`/incidents/${incidentId}`);
    assert.equal(html.status, 403);
    assert.match(html.text, /U heeft geen toegang tot deze pagina\./);
    assert.equal(
      await AuthorityFiling.countDocuments({ incidentId: new Types.ObjectId(incidentId) }),
      1,
      'nothing was recorded',
    );
    assert.ok(
      await AuditEntry.exists({ 'actor.id': liaison.id, result: 'denied' }),
      'refusals are audit-logged',
    );
  });

  it('when any route of the app outside the portal is requested by the liaison, then 403 (routes discovered from the router, so new features are covered)', async () => {
    type Layer = {
      route?: { path: unknown; methods: Record<string, boolean> };
      handle?: { stack?: Layer[] };
    };
    const routes: Array<[string, string]> = [];
    const walk = (stack: Layer[]) => {
      for (const l of stack) {
        if (l.route) for (const m of Object.keys(l.route.methods)) routes.push([m, String(l.route.path)]);
        else if (l.handle?.stack) walk(l.handle.stack);
      }
    };
    walk((t.app as unknown as { router: { stack: Layer[] } }).router.stack);
    assert.ok(routes.length > 40, `routes found: ${routes.length}`);
    // What a liaison may use: signing in and out, their account, the home page and the portal.
    // /calendar/:file is a token-authenticated feed, not a session page.
    const open = new Set([
      '/healthz',
      '/login',
      '/logout',
      '/language',
      '/setup/:token',
      '/',
      '/account',
      // Single sign-on and the second step of signing in, and the own second factor (issue 16).
      '/auth/oidc/start',
      '/auth/oidc/callback',
      '/login/second-factor',
      '/login/second-factor/enrol',
      '/account/second-factor',
      '/calendar/:file',
      '/ministry',
      '/ministry/notices/:id',
      '/ministry/notices/:id/acknowledge',
    ]);
    const fill = (path: string) =>
      path.replace(':version', '1').replace(':format', 'json').replace(/:\w+/g, incidentId);
    const token = await csrfToken(la, '/ministry');
    const wrong: string[] = [];
    let checked = 0;
    for (const [method, path] of routes) {
      if (open.has(path) || (method !== 'get' && method !== 'post')) continue;
      const url = fill(path);
      const req = method === 'get' ? la.get(url) : la.post(url).type('form').send({ _csrf: token });
      const res = await req.set('Accept', 'application/json');
      checked++;
      if (res.status !== 403 || (res.body as { error?: { code?: string } }).error?.code !== 'FORBIDDEN')
        wrong.push(`${method.toUpperCase()} ${path} → ${res.status}`);
    }
    assert.ok(checked >= 30, `checked ${checked} routes`);
    assert.deepEqual(wrong, []);
  });

  it('when services are called with the liaison as actor, then each refuses with ForbiddenError', async () => {
    const ctx: ActionContext = { user: liaison, origin: { via: 'web' }, now: t.clock.now() };
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['getDossierPage', () => getDossierPage(incidentId, t.config, ctx, 'nl')],
      ['exportDossier', () => exportDossier(incidentId, 'json', t.config, ctx, 'nl')],
      ['getFiling', () => getFiling(incidentId, 1, ctx)],
      ['listAuthorityOverview', () => listAuthorityOverview(t.config, ctx)],
      [
        'recordFiling',
        () =>
          recordFiling(
            incidentId,
            { kind: 'followup', submittedAt: ctx.now, complete: true, summary: 'Samenvatting voor de AP' },
            t.config,
            ctx,
          ),
      ],
      [
        'withdrawFiling',
        () => withdrawFiling(incidentId, { submittedAt: ctx.now, reason: 'x' }, t.config, ctx),
      ],
      ['noticesForIncident', () => noticesForIncident(incidentId, ctx)],
      ['prepareMinistryNotice', () => prepareMinistryNotice(incidentId, undefined, t.config, ctx)],
      [
        'sendMinistryNotice',
        () =>
          sendMinistryNotice(
            incidentId,
            { action: 'send', summary: 'x', measures: 'y', confirmNoPersonalData: true },
            t.config,
            ctx,
          ),
      ],
    ];
    for (const [name, call] of calls) await assert.rejects(call(), ForbiddenError, name);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: new Types.ObjectId(incidentId) }), 1);
  });

  it('when the liaison uses the portal, then the notices are there; other roles may not acknowledge', async () => {
    assert.equal((await la.get('/ministry')).status, 200);
    assert.equal((await la.get(`/ministry/notices/${noticeId}`)).status, 200);
    assert.equal((await la.get('/')).status, 200);
    assert.equal((await la.get('/account')).status, 200);
    const reporter = await makeUser('reporter');
    await assert.rejects(
      acknowledgeNotice(noticeId, { user: reporter, origin: { via: 'web' }, now: t.clock.now() }),
      ForbiddenError,
    );
    const ra = await signIn(t.app, reporter);
    assert.equal((await ra.get('/ministry')).status, 403);
    assert.equal((await ra.get(`/ministry/notices/${noticeId}`)).status, 403);
    assert.equal(
      (await request(t.app).get('/ministry')).status,
      303,
      'anonymous visitors are sent to sign in',
    );
  });
});
