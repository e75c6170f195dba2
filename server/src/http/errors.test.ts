// A domain error's machine-readable details reach REST clients and socket acks alike, in the same ApiError.
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import type { ApiError, ErrorBody } from '@beside/shared';
import { Conflict, Invalid, toApiError } from '../domain/core/errors.js';
import { createLogger } from '../logger.js';
import { errorHandler } from './errors.js';

function answer(err: unknown): { status: number; body: ErrorBody } {
  const sent: { status: number; body: ErrorBody } = { status: 0, body: { error: { code: 'internal', message: '' } } };
  const res = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: ErrorBody) {
      sent.body = body;
      return this;
    },
  } as unknown as Response;
  errorHandler(createLogger('silent'))(err, { method: 'POST', route: { path: '/x' } } as unknown as Request, res, () => undefined);
  return sent;
}

describe('errors with details', () => {
  const heldBack = new Invalid('Not sent: this message contains a phone number.', 'body', { reason: 'contact_details', kinds: ['phone', 'email'] });
  const expected: ApiError = {
    code: 'invalid',
    message: 'Not sent: this message contains a phone number.',
    field: 'body',
    details: { reason: 'contact_details', kinds: ['phone', 'email'] },
  };

  it('become the same ApiError in a socket ack and in a REST answer', () => {
    expect(toApiError(heldBack, createLogger('silent'), 'message:send')).toEqual(expected);
    expect(answer(heldBack)).toEqual({ status: 400, body: { error: expected } });
  });

  it('are left out when an error has none', () => {
    expect(toApiError(new Conflict('This conversation has ended.'), createLogger('silent'), 'message:send')).toEqual({
      code: 'conflict',
      message: 'This conversation has ended.',
    });
    expect(answer(new Invalid('bad', 'topic')).body.error).not.toHaveProperty('details');
  });
});
