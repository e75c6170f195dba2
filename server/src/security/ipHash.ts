// Keyed hashes (HMAC-SHA256) of client addresses and one-time tokens: the raw value is never stored.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { addressKey, networkKey } from './clientAddress.js';

/**
 * The keyed hash of an address's key (see addressKey): an IPv4 address, or the /64 of an IPv6 one, so that every
 * limit and ban that holds for one address of a /64 holds for all of them.
 */
export function createIpHasher(secret: string): (ip: string | undefined) => string | null {
  return (ip) => (ip ? createHmac('sha256', secret).update(addressKey(ip)).digest('base64url') : null);
}

/** The keyed hash of an address's network (an IPv4 /24, an IPv6 /48): see networkKey. */
export function createNetworkHasher(secret: string): (ip: string | undefined) => string | null {
  return (ip) => (ip ? createHmac('sha256', secret).update('net:' + networkKey(ip)).digest('base64url') : null);
}

/** A random token to hand out once, and the hash to store in its place. */
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
