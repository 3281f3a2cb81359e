// Receiving one file from a multipart form with busboy, streamed (never buffered whole). The CSRF
// check for multipart forms happens here, once the fields before the file are parsed: the form
// puts `_csrf` first, and a file arriving before a valid token is drained and discarded.
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { BadRequestError, ValidationError } from '../errors.js';

/**
 * The file's content could not be read to its end (no closing boundary, a cut connection). The
 * file handler sees this error from its content, so it can tell a refused request from its own
 * failure and discard what it stored so far (issue 11 item 1: nothing stored from a refused
 * request).
 */
export class UploadCutShortError extends BadRequestError {
  constructor(cause: unknown) {
    super();
    Object.assign(this, { cause });
  }
}

/** What came in: the text fields, and the file handler's result or error. */
export interface UploadOutcome<T> {
  /** The first value of each text field. */
  fields: Record<string, string>;
  /** Every value of each text field, in order (check boxes send one per ticked box). */
  allFields: Record<string, string[]>;
  result?: T;
  error?: unknown;
  csrfFailed: boolean;
  noFile: boolean;
}

/** Options of one upload. */
export interface UploadOptions<T> {
  /** The field name of the file input. */
  fileField: string;
  /** Bytes busboy lets through; the handler sees one byte more than the limit, so it can tell. */
  maxBytes: number;
  validateCsrf: (req: Request) => boolean;
  /**
   * Consumes the file; stopping early (by throwing) leaves the rest to be drained here. It gets
   * the text fields that came before the file (a form puts its file input last).
   */
  onFile: (
    content: AsyncIterable<Buffer>,
    filename: string,
    fieldsBefore: Record<string, string[]>,
  ) => Promise<T>;
  /** Bounds on the text fields, for forms with more than a few (default 10 fields of 4 KB). */
  fieldLimits?: { fields: number; fieldSize: number };
}

/** Parses the multipart request; resolves when the whole body has been read. */
export function receiveUpload<T>(req: Request, opts: UploadOptions<T>): Promise<UploadOutcome<T>> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: {
          fileSize: opts.maxBytes + 1,
          files: 1,
          fields: opts.fieldLimits?.fields ?? 10,
          fieldSize: opts.fieldLimits?.fieldSize ?? 4096,
          parts: (opts.fieldLimits?.fields ?? 10) + 2,
        },
      });
    } catch {
      // No multipart content type or no boundary: not an upload this form can send.
      req.resume();
      reject(new ValidationError({ file: 'attachments.error.noFile' }));
      return;
    }
    // Without a prototype: a field named "constructor" or "__proto__" is just a field, not an
    // inherited member (with `{}`, `allFields.constructor.push` threw outside any handler).
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    const allFields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    let work: Promise<T | undefined> | undefined;
    let error: unknown;
    let csrfFailed = false;
    let failed = false;
    // A body that ends before its closing boundary, or garbage, is the client's fault: 400, and the
    // rest of the request is read and dropped (issue 11 item 1). Without an 'error' listener on
    // every file stream, busboy's "Unexpected end of form" would be thrown and stop the process.
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(bb);
      req.resume();
      // Without more input busboy would never end the file being read (a client that hangs up
      // mid-upload): destroying it ends that stream with the error, so the handler stops and
      // removes what it stored instead of waiting forever.
      if (!bb.destroyed) bb.destroy(err instanceof Error ? err : new Error(String(err)));
      const settle = () => reject(Object.assign(new BadRequestError(), { cause: err }));
      // Let the file handler see its stream end before answering, so it can clean up what it stored.
      if (work) void work.then(settle, settle);
      else settle();
    };
    bb.on('field', (name, value) => {
      if (!(name in fields)) fields[name] = value;
      (allFields[name] ??= []).push(value);
    });
    bb.on('file', (name, stream, info) => {
      stream.on('error', fail);
      if (work || csrfFailed || name !== opts.fileField || !info.filename) {
        stream.resume();
        return;
      }
      // csrf-csrf reads the token from req.body, which Express leaves empty for multipart bodies.
      req.body = { ...fields };
      if (!opts.validateCsrf(req)) {
        csrfFailed = true;
        stream.resume();
        return;
      }
      // Not destroyed when the handler stops early: busboy waits for this stream to be read to
      // the end before it finishes the request, so a refused file is drained instead.
      const content = (stream as Readable).iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
      work = opts.onFile(cutShortAware(content), info.filename, allFields).catch((err: unknown) => {
        error = err;
        // Drain the rest so busboy can finish reading the request.
        stream.resume();
        return undefined;
      });
    });
    bb.on('error', fail);
    req.once('error', fail);
    bb.once('close', () => {
      if (failed) return;
      void (async () => {
        const result = work ? await work : undefined;
        resolve({ fields, allFields, result, error, csrfFailed, noFile: !work && !csrfFailed });
      })();
    });
    req.pipe(bb);
  });
}

/** The content as the handler sees it: a read error becomes an UploadCutShortError. */
async function* cutShortAware(content: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  try {
    for await (const chunk of content) yield chunk;
  } catch (err) {
    throw new UploadCutShortError(err);
  }
}
