// The error catalogue (architecture.md §3 rule 6): each error has an HTTP status and a stable code.
// Messages are message-catalogue keys so the error page can speak Dutch or English.

export type FieldErrors = Record<string, string>;

/** Base class of every expected error; anything else is a 500. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly fields?: FieldErrors,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = new.target.name;
  }
}

/** Input failed validation; `fields` maps each bad field to a message key. */
export class ValidationError extends AppError {
  constructor(fields: FieldErrors, messageKey = 'error.validation') {
    super(400, 'VALIDATION_FAILED', messageKey, fields);
  }
}

/** Not signed in. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super(401, 'UNAUTHENTICATED', 'error.unauthenticated');
  }
}

/** Signed in, but this role or person may not do this. */
export class ForbiddenError extends AppError {
  constructor(messageKey = 'error.forbidden') {
    super(403, 'FORBIDDEN', messageKey);
  }
}

/** The CSRF token is missing or wrong. */
export class CsrfError extends AppError {
  constructor() {
    super(403, 'CSRF_INVALID', 'error.csrf');
  }
}

/** The thing does not exist (or the actor may not know it exists). */
export class NotFoundError extends AppError {
  constructor(messageKey = 'error.notFound') {
    super(404, 'NOT_FOUND', messageKey);
  }
}

/** The request conflicts with the current state (e.g. an illegal status transition). */
export class ConflictError extends AppError {
  constructor(code: string, messageKey: string, fields?: FieldErrors) {
    super(409, code, messageKey, fields);
  }
}

/** Too many attempts (login rate limit, lockout). */
export class TooManyRequestsError extends AppError {
  constructor(messageKey = 'error.tooMany') {
    super(429, 'TOO_MANY_REQUESTS', messageKey);
  }
}

/** The database (or another dependency) does not answer. */
export class UnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(503, 'SERVICE_UNAVAILABLE', 'error.unavailable', undefined, { cause });
  }
}

/** Upload too large. */
export class PayloadTooLargeError extends AppError {
  constructor(messageKey = 'error.tooLarge') {
    super(413, 'PAYLOAD_TOO_LARGE', messageKey);
  }
}

/** A request the server cannot understand: malformed encoding, a broken body (issue 11 item 2). */
export class BadRequestError extends AppError {
  constructor(messageKey = 'error.badRequest') {
    super(400, 'BAD_REQUEST', messageKey);
  }
}

/** A body in a character set or content encoding the server does not accept. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(messageKey = 'error.unsupportedMediaType') {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', messageKey);
  }
}
