// Password hashing with node:crypto scrypt, a per-user salt and constant-time comparison.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { LIMITS } from '@beside/shared';
import { commonPasswordReason } from './commonPasswords.js';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

/** Format: `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, so that checking an unknown account costs the same as a known one. */
export const DUMMY_PASSWORD_HASH = hashPassword(randomBytes(16).toString('hex'));

/**
 * Why a new password is refused (too short, too long, common, or built on the account's own e-mail or name), or
 * undefined when it is acceptable.
 */
export function passwordPolicyError(password: string, personal: readonly string[] = []): string | undefined {
  if (password.length < LIMITS.passwordMinChars) return `must be at least ${LIMITS.passwordMinChars} characters`;
  if (password.length > LIMITS.passwordMaxChars) return `must be at most ${LIMITS.passwordMaxChars} characters`;
  return commonPasswordReason(password, personal);
}
