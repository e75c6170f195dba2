// Staff sign-in, silent refresh through the httpOnly cookie, and sign-out; the access token lives in memory only.
import type { CSRF_HEADER, SignedIn, SignInBody, SignInResponse, StaffUser } from '@beside/shared';
import { postJson } from './api';

export interface StaffSession {
  token: string;
  /** Seconds the token is valid for, counted from `receivedAt`. */
  expiresIn: number;
  receivedAt: number;
  user: StaffUser;
}

export type SignInResult =
  | { kind: 'signed_in'; session: StaffSession }
  | { kind: 'two_factor_required' }
  | { kind: 'two_factor_setup_required'; enrollmentToken: string };

// Spelled out rather than imported: shared/src/staff.ts would bring zod into this chunk. The type still
// ties it to the contract's value.
const csrfHeader: typeof CSRF_HEADER = 'X-Beside-CSRF';
const cookieCall = { withCookies: true, headers: { [csrfHeader]: '1' } };

function toSession(signedIn: SignedIn): StaffSession {
  return { token: signedIn.accessToken, expiresIn: signedIn.expiresIn, receivedAt: Date.now(), user: signedIn.user };
}

export async function signIn(body: SignInBody): Promise<SignInResult> {
  const response = await postJson<SignInResponse>('/api/auth/login', body, { withCookies: true });
  if (response.status === 'signed_in') return { kind: 'signed_in', session: toSession(response) };
  if (response.status === 'two_factor_setup_required') return { kind: response.status, enrollmentToken: response.enrollmentToken };
  return { kind: response.status };
}

/** A new access token from the refresh cookie (rotated by the server); throws when the session is over. */
export async function refresh(): Promise<StaffSession> {
  return toSession(await postJson<SignedIn>('/api/auth/refresh', undefined, cookieCall));
}

export async function signOut(token: string): Promise<void> {
  await postJson<unknown>('/api/auth/logout', undefined, { ...cookieCall, token }).catch(() => undefined);
}

/** When to refresh: a minute before expiry, but not sooner than half the lifetime. */
export function refreshDelayMs(session: StaffSession): number {
  const lifetime = session.expiresIn * 1000;
  const due = session.receivedAt + Math.max(lifetime - 60_000, lifetime / 2);
  return Math.max(due - Date.now(), 5_000);
}
