// One Express error handler: typed domain errors and zod failures become clear JSON errors, never a 500 for bad input.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { zodToApiError, type ErrorBody } from '@beside/shared';
import { DomainError, Invalid, isDatabaseDown, toApiError } from '../domain/core/errors.js';
import type { Logger } from '../logger.js';

const STATUS: Record<string, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  banned: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Parses a request part by its schema or throws Invalid naming the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const e = zodToApiError(parsed.error);
    throw new Invalid(e.message, e.field);
  }
  return parsed.data;
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'No such endpoint.' } } satisfies ErrorBody);
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    // body-parser's own errors (malformed JSON, too large, wrong charset) are about the body; a file the static
    // layer could not send (`send`'s 404 or 403) is about the path, and says so.
    const status = (err as { status?: unknown }).status;
    const type = String((err as { type?: unknown }).type ?? '');
    if (!(err instanceof DomainError) && typeof status === 'number' && status >= 400 && status < 500) {
      if (/^(entity\.|request\.|charset\.|encoding\.)/.test(type)) {
        const message =
          type === 'entity.too.large'
            ? 'The request body is too large.'
            : type === 'entity.parse.failed'
              ? 'The request body is not valid JSON.'
              : 'The request could not be read.';
        res.status(status).json({ error: { code: 'invalid', message, field: 'body' } } satisfies ErrorBody);
        return;
      }
      const notFound = status === 404;
      res
        .status(notFound ? 404 : status)
        .json({ error: { code: notFound ? 'not_found' : 'forbidden', message: notFound ? 'That page could not be found.' : 'That page cannot be shown.' } } satisfies ErrorBody);
      return;
    }
    const apiError = toApiError(err, logger, `${req.method} ${req.route?.path ?? 'unknown'}`);
    const code = err instanceof DomainError ? err.code : isDatabaseDown(err) ? 'unavailable' : 'internal';
    res.status(STATUS[code] ?? 500).json({ error: apiError } satisfies ErrorBody);
  };
}
