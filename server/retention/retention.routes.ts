// /admin/retention: what the retention sweep will delete (a preview with counts) and the legal holds
// that keep incidents under investigation (issue 13). Privacy officers and administrators only.
import { Router } from 'express';
import { z } from 'zod';
import { Types } from 'mongoose';
import type { AppDeps } from '../deps.js';

import { assertRole } from '../context.js';
import { AppError, BadRequestError } from '../errors.js';
import { actionContext, flash } from '../middleware/request-context.js';
import { requireRole } from '../middleware/require-role.js';
import { tryParseInput } from '../middleware/validate.js';
import { countRecords, expiredIncidents, totalRecords } from './retention.service.js';
import { liftHold, listHolds, placeHold } from './retention-hold.service.js';
import { auditAction } from '../audit/audit-action.js';

const placeSchema = z.object({
  reference: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(3).max(1000),
});
const liftSchema = z.object({ reason: z.string().trim().min(3).max(1000) });

export function retentionRoutes(deps: AppDeps): Router {
  const r = Router();
  r.use('/admin/retention', requireRole('admin', 'privacy_officer'));

  r.get('/admin/retention', async (req, res) => {
    const ctx = actionContext(req, deps.clock);
    assertRole(ctx.user, 'admin', 'privacy_officer');
    const years = deps.config.retention.registerYears;
    const expired = await expiredIncidents(ctx.now, years);
    const counts = await countRecords(expired.map((e) => new Types.ObjectId(e.id)));
    const rows = expired.map((e) => {
      const c = counts.get(e.id) ?? {};
      return {
        ...e,
        events: c.events ?? 0,
        attachments: c.attachments ?? 0,
        persons: c.affectedPersons ?? 0,
        runs: c.noticeRuns ?? 0,
        records: totalRecords(c),
      };
    });
    const holds = await listHolds(ctx);
    // Seeing which incidents are due for deletion is a read of the register (domain.md §8.3).
    await auditAction(ctx, {
      action: 'register.retention.preview',
      object: { type: 'register' },
      details: { expired: rows.length, held: holds.length, retentionYears: years },
    });
    res.render('retention/index', { pageTitle: 'retention.title', years, rows, holds });
  });

  r.post('/admin/retention/holds', async (req, res) => {
    const parsed = tryParseInput(placeSchema, req.body);
    if (!parsed.ok) flash(req, { type: 'error', key: 'retention.hold.invalid' });
    else
      await withFlash(
        req,
        () => placeHold(parsed.data.reference, parsed.data.reason, actionContext(req, deps.clock)),
        'retention.hold.placed',
      );
    res.redirect(303, '/admin/retention');
  });

  r.post('/admin/retention/holds/:id/lift', async (req, res) => {
    const parsed = tryParseInput(liftSchema, req.body);
    if (!Types.ObjectId.isValid(req.params.id)) throw new BadRequestError();
    if (!parsed.ok) flash(req, { type: 'error', key: 'retention.hold.invalid' });
    else
      await withFlash(
        req,
        () => liftHold(req.params.id, parsed.data.reason, actionContext(req, deps.clock)),
        'retention.hold.lifted',
      );
    res.redirect(303, '/admin/retention');
  });
  return r;
}

/** Runs a hold change; a refusal the user can act on (unknown, already held, not held) becomes a message. */
async function withFlash(
  req: Parameters<typeof flash>[0],
  fn: () => Promise<unknown>,
  success: string,
): Promise<void> {
  try {
    await fn();
    flash(req, { type: 'success', key: success });
  } catch (err) {
    if (!(err instanceof AppError) || !err.messageKey.startsWith('retention.')) throw err;
    flash(req, { type: 'error', key: err.messageKey });
  }
}
