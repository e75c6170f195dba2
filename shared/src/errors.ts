// The error shape every REST response and socket acknowledgement uses.
import { z } from 'zod';
import type { ContactKind } from './moderation.js';

export const ERROR_CODES = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'banned',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** A sentence a person can read. Never contains message text or secrets. */
  message: string;
  /** The payload field at fault, dotted (`body`, `intake.topic`), for `invalid`. */
  field?: string;
  /** True when sending the same request again later may succeed. */
  retryable?: boolean;
  /** Why, in machine-readable form, for the errors a client words itself (see ApiErrorDetails). */
  details?: ApiErrorDetails;
}

/** The reasons an error can carry in `details.reason`. */
export const ERROR_REASONS = ['contact_details', 'under_review', 'imminent_unacknowledged'] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];
/** The reasons a message one sent can be refused for: the client words them under the message. */
export const MESSAGE_REFUSAL_REASONS = ['contact_details'] as const satisfies readonly ErrorReason[];
export type MessageRefusalReason = (typeof MESSAGE_REFUSAL_REASONS)[number];

/**
 * Machine-readable details of an error, by `reason`. `contact_details`: a volunteer's (or a supervisor's) message
 * was held back (`code: 'invalid', field: 'body'`) because it holds these kinds of contact details.
 * `under_review`: the survivor asked to delete a conversation that (or an earlier part of which) our safety team is
 * reviewing after a report (`code: 'conflict'`); it is kept until the review closes, then deleted automatically
 * `retentionHours` later.
 */
export type ApiErrorDetails =
  | { reason: 'contact_details'; kinds: ContactKind[] }
  | { reason: 'under_review'; retentionHours: number }
  /** conversation:end by a volunteer on an imminent chat no supervisor acknowledged: send `imminentReason`. */
  | { reason: 'imminent_unacknowledged' };

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckCallback<T> = (response: Ack<T>) => void;

/** Body of every non-2xx REST response. */
export interface ErrorBody {
  error: ApiError;
}

/** Turns a zod failure into the ApiError naming the first offending field. */
export function zodToApiError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  // An unexpected key is reported on the object that holds it: name the key itself, which is what to fix.
  const path = issue ? [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])] : [];
  const field = path.length > 0 ? path.map(String).join('.') : undefined;
  const base = issue?.message ?? 'Invalid input';
  return {
    code: 'invalid',
    message: field ? `${field}: ${base}` : base,
    ...(field ? { field } : {}),
  };
}
