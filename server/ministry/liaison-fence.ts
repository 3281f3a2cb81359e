// The ministry liaison's fence (architecture.md §5: "a ministry liaison sees only what was sent to
// the ministry"): a liaison may use the portal under /ministry and nothing of the features mounted
// after it (the register, incident pages, affected persons, …) — those answer 403 for them, even
// where a feature itself would answer 404. Routers mounted earlier check their roles themselves;
// the services check again. Each refusal is audit-logged.
import type { NextFunction, Request, Response } from 'express';
import { recordAudit } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { auditActor } from '../context.js';
import { ForbiddenError } from '../errors.js';

/** Paths a liaison may reach from this point on (the portal). */
function allowedForLiaison(path: string): boolean {
  return path === '/ministry' || path.startsWith('/ministry/');
}

/** Express middleware: 403 for a ministry liaison anywhere outside the portal. */
export function liaisonFence(clock: Clock) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    if (req.user?.role !== 'ministry_liaison' || allowedForLiaison(req.path)) return next();
    const now = clock.now();
    await recordAudit(
      {
        actor: auditActor(req.user),
        origin: { ip: req.ip, via: 'web' },
        action: 'ministry.liaison.fence',
        object: { type: 'path', ref: req.path.slice(0, 200) },
        result: 'denied',
      },
      now,
    );
    next(new ForbiddenError());
  };
}
