// Route guards: anonymous visitors go to the sign-in page; a wrong role gets 403.
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../models/user.model.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';

/** Requires a signed-in user with one of the roles (any role when none are given). */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.user) return next(new UnauthenticatedError());
    if (roles.length && !roles.includes(req.user.role)) return next(new ForbiddenError());
    next();
  };
}
