// Limits on guessing a secret (a password, a second-factor code, a pick-up code) that hold across every address,
// without letting an attacker lock the rightful owner out: the rate-limiter-flexible brute-force pattern, with a
// per-subject slow-down in place of a per-subject block and trusted addresses in place of a blanket address block.
import { createHash } from 'node:crypto';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { createLimiter } from './rateLimits.js';

export interface GuessLimits {
  /** Namespaces the keys of this guard, e.g. 'login' or '2fa'. */
  name: string;
  /** Failures in a row for one subject from one address before that pair is blocked... */
  streak: number;
  /** ...for this long. */
  streakBlockSeconds: number;
  /** A streak is forgotten after this long without another failure. */
  streakWindowSeconds: number;
  /** Failures for one subject from all addresses together per window before untrusted addresses must wait... */
  perSubject: number;
  /** ...until the window ends. */
  perSubjectWindowSeconds: number;
  /** Failures from one address, whatever the subject, per day before it is refused for subjects it is not trusted for. */
  perAddressPerDay: number;
}

/** Passwords: ten in a row from one address; thirty an hour for one account from anywhere; a hundred a day from one address. */
export const PASSWORD_LIMITS: GuessLimits = {
  name: 'login',
  streak: 10,
  streakBlockSeconds: 3600,
  streakWindowSeconds: 24 * 3600,
  perSubject: 30,
  perSubjectWindowSeconds: 3600,
  perAddressPerDay: 100,
};

/**
 * Second factors (TOTP codes, recovery codes): reachable only with the right password, and a six-digit code has three
 * live values in a million, so ten an hour for one account from anywhere (about 1,400 days of guessing on average).
 */
export const SECOND_FACTOR_LIMITS: GuessLimits = {
  name: '2fa',
  streak: 10,
  streakBlockSeconds: 3600,
  streakWindowSeconds: 24 * 3600,
  perSubject: 10,
  perSubjectWindowSeconds: 3600,
  perAddressPerDay: 100,
};

/**
 * How long a successful address stays trusted for its subject (renewed by each success). Below 24.8 days: the
 * in-memory store expires keys with a timer, which cannot wait longer.
 */
export const TRUSTED_ADDRESS_SECONDS = 21 * 24 * 3600;

export interface GuessGuard {
  /** Seconds until `subject` may be tried again from this address, or undefined when it may be tried now. */
  blockedFor(subject: string, ipHash: string | null): Promise<number | undefined>;
  recordFailure(subject: string, ipHash: string | null): Promise<void>;
  /** The secret was right: the pair's streak is forgotten and the address is trusted for this subject. */
  recordSuccess(subject: string, ipHash: string | null): Promise<void>;
}

/**
 * Three counts, each kept in Redis when given (one count for all nodes) or in memory:
 * - subject+address: `streak` failures in a row block that pair (the attacker's own address, never the owner's);
 * - subject: past `perSubject` failures a window, addresses not trusted for the subject wait for the window to end
 *   (a slow-down that spreading guesses over many addresses or a /64 cannot walk around, and that never reaches the
 *   owner signing in from where they signed in before);
 * - address: past `perAddressPerDay` failures, the address is refused for every subject it is not trusted for (a
 *   spray from one network stops; colleagues who signed in from that network before still can).
 * Keys hold only a hash of the subject and the keyed hash of the address.
 */
export function createGuessGuard(limits: GuessLimits, redis?: unknown): GuessGuard {
  const p = limits.name;
  const byPair = createLimiter({ keyPrefix: `${p}_pair`, points: limits.streak, duration: limits.streakWindowSeconds, exact: true }, redis);
  const bySubject = createLimiter({ keyPrefix: `${p}_subject`, points: limits.perSubject, duration: limits.perSubjectWindowSeconds, exact: true }, redis);
  const byAddress = createLimiter({ keyPrefix: `${p}_addr_day`, points: limits.perAddressPerDay, duration: 24 * 3600, exact: true }, redis);
  const trusted = createLimiter({ keyPrefix: `${p}_trusted`, points: 1, duration: TRUSTED_ADDRESS_SECONDS, exact: true }, redis);

  const keysOf = (subject: string, ipHash: string | null) => {
    const s = createHash('sha256').update(`beside-guess:${p}:` + subject.trim().toLowerCase()).digest('base64url');
    const address = ipHash ?? 'no-ip';
    return { subject: s, address, pair: `${s}:${address}` };
  };
  const wait = (res: RateLimiterRes | null, limit: number): number | undefined =>
    res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : undefined;

  return {
    async blockedFor(subject, ipHash) {
      const k = keysOf(subject, ipHash);
      const [pair, subj, addr, known] = await Promise.all([byPair.get(k.pair), bySubject.get(k.subject), byAddress.get(k.address), trusted.get(k.pair)]);
      const isTrusted = ipHash !== null && (known?.consumedPoints ?? 0) > 0;
      const waits = [
        wait(pair, limits.streak),
        isTrusted ? undefined : wait(subj, limits.perSubject),
        isTrusted ? undefined : wait(addr, limits.perAddressPerDay),
      ].filter((w): w is number => w !== undefined);
      return waits.length ? Math.max(...waits) : undefined;
    },
    async recordFailure(subject, ipHash) {
      const k = keysOf(subject, ipHash);
      const pair = await consumeCounting(byPair, k.pair);
      if (pair && pair.consumedPoints >= limits.streak) await byPair.block(k.pair, limits.streakBlockSeconds);
      await Promise.all([consumeCounting(bySubject, k.subject), consumeCounting(byAddress, k.address)]);
    },
    async recordSuccess(subject, ipHash) {
      const k = keysOf(subject, ipHash);
      await byPair.delete(k.pair);
      if (ipHash !== null) {
        await trusted.delete(k.pair);
        await consumeCounting(trusted, k.pair);
      }
    },
  };
}

/** consume() rejects with the limiter's result when a key is over its budget: that is a count, not a fault. */
async function consumeCounting(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | undefined> {
  try {
    return await limiter.consume(key);
  } catch (err) {
    if (err instanceof Error) throw err;
    return err as RateLimiterRes;
  }
}
