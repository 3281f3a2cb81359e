// One error middleware (architecture.md §3 rule 6): AppErrors map to their status and code, as an
// HTML page in the user's language or as JSON; database outages become 503; anything else is a
// logged, generic 500.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import {
  AppError,
  BadRequestError,
  CsrfError,
  PayloadTooLargeError,
  UnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.js';
import { isPublicLang, translate, type PublicLang } from '../i18n/i18n.js';
import { LockedOutError } from '../auth/auth.service.js';
import { redactUrl } from './secret-paths.js';

/** True for the driver's "database does not answer" family of errors. */
export function isDatabaseDown(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const name = (err as Error).name ?? '';
  const msg = String((err as Error).message ?? '');
  return (
    /^Mongo(ServerSelection|NotConnected|Network|NetworkTimeout|TopologyClosed|PoolCleared)Error$/.test(
      name,
    ) ||
    /before initial connection|Client must be connected|connection .* closed|ECONNREFUSED|buffering timed out/i.test(
      msg,
    )
  );
}

function normalise(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isDatabaseDown(err)) return new UnavailableError(err);
  const e = err as { code?: string; type?: string; status?: number };
  if (e?.code === 'EBADCSRFTOKEN' || (e?.status === 403 && /csrf/i.test(String((err as Error).message))))
    return new CsrfError();
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError();
  if (e?.type === 'entity.parse.failed') return new ValidationError({ _form: 'field.invalid' });
  return clientError(err);
}

/**
 * Errors the request itself caused (issue 11 item 2), raised by Express's router and body parsers
 * as HTTP errors with a 4xx status: malformed percent-encoding in a path, too many parameters, an
 * unknown charset or content encoding, a body that does not decompress, a body that ends early.
 */
function clientError(err: unknown): AppError | undefined {
  if (err instanceof URIError) return new BadRequestError();
  const e = err as {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
    type?: unknown;
    code?: unknown;
  } | null;
  if (!e || typeof e !== 'object') return undefined;
  const status =
    typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500) {
    // zlib's own errors when a gzip/deflate/br body is not what it claims to be.
    if (typeof e.code === 'string' && /^Z_(DATA|BUF)_ERROR$|^ERR__?ZLIB|^ERR_BROTLI/.test(e.code))
      return new BadRequestError();
    return undefined;
  }
  if (status === 413) return new PayloadTooLargeError();
  if (status === 415) return new UnsupportedMediaTypeError();
  return new BadRequestError();
}

/** Whether the client wants JSON rather than a page. */
export function wantsJson(req: Request): boolean {
  if (req.path.startsWith('/api/')) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Creates the error middleware. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = normalise(err);
    if (appError?.status === 401 && !wantsJson(req) && req.method === 'GET') {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const status = appError?.status ?? 500;
    const code = appError?.code ?? 'INTERNAL_ERROR';
    const key = appError?.messageKey ?? 'error.internal';
    if (!appError) logger.error({ err, path: redactUrl(req.path), method: req.method }, 'unhandled error');
    else if (status === 503) logger.warn({ code, path: redactUrl(req.path) }, 'service unavailable');
    else if (
      appError instanceof BadRequestError ||
      appError instanceof UnsupportedMediaTypeError ||
      appError instanceof PayloadTooLargeError
    )
      logger.warn(
        { code, method: req.method, reason: err instanceof Error ? err.message.slice(0, 200) : undefined },
        'malformed request refused',
      );
    // The page's language: on the public report pages possibly one of their own (issue 15).
    const shown: unknown = res.locals.lang;
    const lang: PublicLang = isPublicLang(shown) ? shown : (req.lang ?? 'nl');
    const vars = appError instanceof LockedOutError ? { minutes: appError.minutes } : undefined;
    const message = translate(lang, key, vars);
    if (res.headersSent) return;
    res.status(status);
    if (status === 503) res.setHeader('Retry-After', '30');
    if (wantsJson(req)) {
      const fields = appError?.fields
        ? Object.fromEntries(Object.entries(appError.fields).map(([f, k]) => [f, translate(lang, k)]))
        : undefined;
      res.json({ error: { code, message, ...(fields ? { fields } : {}) } });
      return;
    }
    res.render('errors/error', {
      title: translate(lang, 'error.title'),
      status,
      code,
      message,
      pageTitle: translate(lang, 'error.title'),
    });
  };
}
