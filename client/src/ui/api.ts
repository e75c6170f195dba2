// fetch helpers for the REST API: JSON in and out, errors turned into the contract's ApiError.
import type { ApiError } from '@beside/shared';

export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly apiError: ApiError,
  ) {
    super(apiError.message);
    this.name = 'RequestError';
  }
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

export interface RequestOptions {
  token?: string;
  /**
   * Staff calls send and receive the httpOnly refresh cookie; the survivor page never does, so
   * it neither sends nor stores any cookie.
   */
  withCookies?: boolean;
  headers?: Record<string, string>;
}

async function requestJson<T>(method: 'GET' | 'POST', path: string, body: unknown, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: options.withCookies ? 'same-origin' : 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new RequestError(0, { code: 'unavailable', message: 'The server could not be reached.', retryable: true });
  }
  const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: unknown } | undefined)?.error;
    throw new RequestError(
      response.status,
      isApiError(error)
        ? error
        : { code: response.status === 429 ? 'rate_limited' : 'internal', message: `Request failed (${response.status}).` },
    );
  }
  return payload as T;
}

export function postJson<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return requestJson<T>('POST', path, body, options);
}

export function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return requestJson<T>('GET', path, undefined, options);
}

/** The ApiError inside anything a request threw. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof RequestError) return error.apiError;
  return { code: 'internal', message: error instanceof Error ? error.message : 'Unexpected error.' };
}
