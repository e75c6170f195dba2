// Keyed hashes (HMAC-SHA256) of IP addresses and one-time tokens: the raw value is never stored.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export function createIpHasher(secret: string): (ip: string | undefined) => string | null {
  return (ip) => (ip ? createHmac('sha256', secret).update(normaliseIp(ip)).digest('base64url') : null);
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are the same client. */
function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** A random token to hand out once, and the hash to store in its place. */
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
