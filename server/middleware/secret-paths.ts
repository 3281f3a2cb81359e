// Paths that carry a secret token: calendar feeds (/calendar/<token>.ics) and setup links
// (/setup/<token>). Their tokens never reach the logs, whatever the spelling of the path, and only
// the canonical spelling is served (issue 11 item 12).
import type { NextFunction, Request, Response } from 'express';

const SECRET_PREFIXES = ['calendar', 'setup'];

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * Replaces every path segment after a `calendar` or `setup` segment — in any letter case,
 * percent-encoded or after doubled slashes — with a placeholder. The query string is kept.
 */
export function redactUrl(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  const rest = q === -1 ? '' : url.slice(q);
  const segments = path.split('/');
  const at = segments.findIndex((s) => SECRET_PREFIXES.includes(decoded(s)));
  if (at === -1) return url;
  // Everything after the prefix may be (part of) the token.
  for (let i = at + 1; i < segments.length; i++) if (segments[i] !== '') segments[i] = '[redacted]';
  return segments.join('/') + rest;
}

/**
 * Answers 404 for token paths spelled other than canonically (`/CALENDAR/…`, `//setup/…`,
 * `/%63alendar/…`): Express matches paths case-insensitively, and a variant would be served.
 */
export function canonicalSecretPaths() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    const first = path.split('/').filter(Boolean)[0];
    if (first !== undefined && SECRET_PREFIXES.includes(decoded(first))) {
      const canonical = SECRET_PREFIXES.some((p) => path.startsWith(`/${p}/`) || path === `/${p}`);
      if (!canonical || path.includes('//')) {
        res.status(404).type('text').send('Not found');
        return;
      }
    }
    next();
  };
}
