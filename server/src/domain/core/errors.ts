// Typed domain errors; the HTTP error handler and the socket ack helper map them to responses.
import type { ApiError, ApiErrorDetails, ErrorCode } from '@beside/shared';
import { errorFields, type Logger } from '../../logger.js';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly retryable?: boolean,
    /** Why, for a client that words the error itself; `message` stays the English fallback. */
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.retryable ? { retryable: true } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class Invalid extends DomainError {
  constructor(message: string, field?: string, details?: ApiErrorDetails) {
    super('invalid', message, field, undefined, details);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'Please sign in again.') {
    super('unauthorized', message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'You do not have access to this.') {
    super('forbidden', message);
  }
}
export class NotFound extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, details?: ApiErrorDetails) {
    super('conflict', message, undefined, undefined, details);
  }
}
export class Banned extends DomainError {
  constructor(message = 'This service is not available to you right now.') {
    super('banned', message);
  }
}
/** Too many attempts (sign-in, codes): the HTTP layer sends `retryAfterSeconds` as Retry-After. */
export class TooManyAttempts extends DomainError {
  constructor(readonly retryAfterSeconds?: number) {
    super('rate_limited', 'Too many attempts. Please wait and try again later.', undefined, true);
  }
}

/** Maps any thrown value to the ApiError a client sees; unknown errors become a retryable 'unavailable' or 'internal'. */
export function toApiError(err: unknown, logger: Logger, event: string): ApiError {
  if (err instanceof DomainError) return err.toApiError();
  if (isDatabaseDown(err)) {
    logger.warn('request.db_unavailable', { event, ...errorFields(err) });
    return { code: 'unavailable', message: 'The service is briefly unavailable. Please try again.', retryable: true };
  }
  logger.error('request.failed', { event, ...errorFields(err) });
  return { code: 'internal', message: 'Something went wrong on our side. Please try again.', retryable: true };
}

/** Connection failures from pg or PGlite: the database is unreachable, not the request wrong. */
export function isDatabaseDown(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P0[1-3]|08\d\d\d)$/.test(code))) return true;
    const msg = (e as { message?: unknown }).message;
    if (typeof msg === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(msg)) {
      return true;
    }
  }
  return false;
}
