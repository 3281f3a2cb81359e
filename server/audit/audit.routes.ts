// /admin/audit: browse the audit trail by incident or user; /admin/audit/verify: check the chain.
import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { actionContext } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { auditFilterSchema } from './audit.schema.js';
import { browseAudit, verifyTrail } from './audit-browse.service.js';

/** The audit trail pages (administrators and privacy officers; verification for administrators). */
export function auditRoutes(deps: AppDeps): Router {
  const r = Router();
  r.get('/admin/audit', requireRole('admin', 'privacy_officer'), async (req, res) => {
    const parsed = tryParseInput(auditFilterSchema, req.query);
    if (!parsed.ok) return res.status(400).render('audit/list', { pageTitle: 'audit.title', filterInvalid: true, filter: {}, rows: [], total: 0 });
    const f = parsed.data;
    const page = await browseAudit(f, actionContext(req, deps.clock));
    const qs = (p: number) =>
      new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([k, v]) => k !== 'page' && v !== undefined).map(([k, v]) => [k, String(v)])), page: String(p) }).toString();
    res.render('audit/list', {
      pageTitle: 'audit.title',
      filter: f,
      ...page,
      canVerify: req.user!.role === 'admin',
      prevHref: page.page > 1 ? `/admin/audit?${qs(page.page - 1)}` : undefined,
      nextHref: page.page < page.pages ? `/admin/audit?${qs(page.page + 1)}` : undefined,
    });
  });

  r.post('/admin/audit/verify', requireRole('admin'), async (req, res) => {
    const result = await verifyTrail(actionContext(req, deps.clock));
    res.status(result.ok ? 200 : 409).render('audit/verify', { pageTitle: 'audit.title', result });
  });
  return r;
}
