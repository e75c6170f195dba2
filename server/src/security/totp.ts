// TOTP (RFC 6238) through otpauth: secrets, provisioning URIs, and checking a code at most once per time step.
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Beside';
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone clock a little off, or a code typed just as it rolled over. */
const WINDOW = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** otpauth://totp/Beside:<label>?secret=…, for a QR code or to paste into an authenticator app. */
export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

/**
 * The time step the code belongs to, if it is valid at `now` and newer than `lastCounter`; otherwise undefined.
 * Storing the returned step as the new `lastCounter` makes every code single-use (no replay within its window).
 */
export function checkTotp(secretBase32: string, code: string, now: Date, lastCounter: number | null): number | undefined {
  const totp = totpFor(secretBase32, 'check');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return undefined;
  const counter = totp.counter({ timestamp: now.getTime() }) + delta;
  if (lastCounter !== null && counter <= lastCounter) return undefined;
  return counter;
}

/** The current code (for the demo announcement and tests). */
export function currentTotp(secretBase32: string, now: Date): string {
  return totpFor(secretBase32, 'now').generate({ timestamp: now.getTime() });
}
