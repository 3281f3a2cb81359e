// The final route: everything unmatched is a 404 in the error middleware.
import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from '../errors.js';

/** Passes a NotFoundError to the error middleware. */
export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError());
}
