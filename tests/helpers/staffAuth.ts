// Helpers for the staff account tests: raw HTTP with cookies and client IPs, TOTP codes, signed-in admins.
import type { ErrorBody, Role, SignInResponse, SignedIn } from '@beside/shared';
import type { ManualClock } from '../../server/src/domain/core/clock.js';
import { enableTotpWithSecret } from '../../server/src/domain/staff/twoFactor.js';
import { currentTotp } from '../../server/src/security/totp.js';
import type { TestServer } from './server.js';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** The `beside_refresh` cookie value set by this response ('' when cleared), if any. */
  refreshCookie?: string;
  /** The raw Set-Cookie header for the refresh cookie, to check its attributes. */
  setCookie?: string;
}

export interface HttpOptions {
  body?: unknown;
  token?: string;
  /** Sent as `Cookie: beside_refresh=<value>`. */
  refresh?: string;
  csrf?: boolean;
  /** The client IP as a trusting proxy reports it (the test server runs with TRUST_PROXY=true). */
  ip?: string;
  headers?: Record<string, string>;
}

export async function http<T = any>(server: { url: string }, method: string, path: string, opts: HttpOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.refresh !== undefined) headers.cookie = `beside_refresh=${opts.refresh}`;
  if (opts.csrf) headers['x-beside-csrf'] = '1';
  if (opts.ip) headers['x-forwarded-for'] = opts.ip;
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('beside_refresh='));
  const refreshCookie = setCookie ? /^beside_refresh=([^;]*)/.exec(setCookie)![1] : undefined;
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers, refreshCookie, setCookie };
}

let ipCounter = 0;
/** A fresh client IP per call, so that per-IP limits of one test never touch another. */
export function freshIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export async function signIn(
  server: { url: string },
  creds: { email: string; password: string; totp?: string; recoveryCode?: string },
  ip = freshIp(),
): Promise<HttpResult<SignInResponse & Partial<ErrorBody>>> {
  return http<SignInResponse & Partial<ErrorBody>>(server, 'POST', '/api/auth/login', { body: creds, ip });
}

/** The code an authenticator app would show now on the server's clock. */
export function totpCode(secret: string, clock: ManualClock | { now(): Date }): string {
  return currentTotp(secret, clock.now());
}

/** Moves a manual clock past the current 30-second step, so that a new TOTP code is accepted. */
export function nextTotpStep(clock: ManualClock): void {
  clock.advance(30_000);
}

/** A staff member with two-factor on, signed in through the real login, with their TOTP secret and refresh cookie. */
export async function signedInWithTotp(
  server: TestServer,
  clock: ManualClock,
  role: Role,
): Promise<{ row: Awaited<ReturnType<TestServer['addStaff']>>; secret: string; session: SignedIn; refresh: string; recoveryCodes: string[] }> {
  const row = await server.addStaff({ role });
  const { secret, recoveryCodes } = await enableTotpWithSecret(server.ctx.db, server.ctx.clock, server.ctx.cipher, row.id);
  nextTotpStep(clock);
  const res = await signIn(server, { email: row.email, password: row.password, totp: totpCode(secret, clock) });
  if (res.status !== 200 || res.body.status !== 'signed_in') throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { row, secret, session: res.body, refresh: res.refreshCookie!, recoveryCodes };
}

export const TEST_JWT_SECRET = 'test-jwt-secret-'.padEnd(64, 'x');
