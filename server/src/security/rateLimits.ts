// Rate limits on rate-limiter-flexible: in memory on one node, in Redis when a client is given (several nodes).
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export interface LimiterOptions {
  /** Namespaces the keys, e.g. 'login_acct_ip'. */
  keyPrefix: string;
  /** How many units a key may consume per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
  /** Once over, the key stays blocked this many seconds. */
  blockDuration?: number;
}

/**
 * A limiter in process memory by default, or in Redis when given a connected node-redis (v4+) or ioredis client,
 * so that several nodes share one count.
 */
export function createLimiter(opts: LimiterOptions, redis?: unknown): RateLimiterAbstract {
  // node-redis v5+ is not recognised by rate-limiter-flexible on its own (it then calls ioredis-only methods and every
  // consume rejects, which reads as "rate limited"); say which client it is.
  if (redis) return new RateLimiterRedis({ storeClient: redis, useRedisPackage: !isIoredis(redis), ...opts });
  return new RateLimiterMemory(opts);
}

function isIoredis(client: unknown): boolean {
  return typeof (client as { defineCommand?: unknown }).defineCommand === 'function';
}

/** The sign-in limits; fixed by policy rather than configuration. */
export const LOGIN_LIMITS = {
  /** Consecutive failures for one account from one IP before a block. */
  consecutiveFailures: 10,
  /** A streak of failures is forgotten after a day without another. */
  consecutiveWindowSeconds: 24 * 3600,
  blockSeconds: 3600,
  /** Failures from one IP, whatever the account, per day. */
  failuresPerIpPerDay: 100,
} as const;

export interface LoginGuard {
  /** Seconds until this account+IP (or this IP) may try again, or undefined when it may try now. */
  blockedFor(account: string, ipHash: string | null): Promise<number | undefined>;
  recordFailure(account: string, ipHash: string | null): Promise<void>;
  /** A success forgets this account+IP's streak (the IP's daily count stays). */
  recordSuccess(account: string, ipHash: string | null): Promise<void>;
}

/** Keys never hold an e-mail or an IP: the account is hashed here and the IP arrives already keyed-hashed. */
function keys(account: string, ipHash: string | null): { accountIp: string; ip: string } {
  const acct = createHash('sha256').update('beside-login:' + account.trim().toLowerCase()).digest('base64url');
  const ip = ipHash ?? 'no-ip';
  return { accountIp: `${acct}:${ip}`, ip };
}

export function createLoginGuard(redis?: unknown): LoginGuard {
  const byAccountIp = createLimiter(
    { keyPrefix: 'login_acct_ip', points: LOGIN_LIMITS.consecutiveFailures, duration: LOGIN_LIMITS.consecutiveWindowSeconds },
    redis,
  );
  const byIp = createLimiter(
    {
      keyPrefix: 'login_ip_day',
      points: LOGIN_LIMITS.failuresPerIpPerDay,
      duration: 24 * 3600,
      blockDuration: 24 * 3600,
    },
    redis,
  );
  const secondsLeft = (res: RateLimiterRes | null, limit: number): number | undefined =>
    res && res.consumedPoints >= limit ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : undefined;
  const overLimit = (err: unknown): void => {
    // consume() rejects with the limiter's result when the key is over its limit: that is the block, not a fault.
    if (err instanceof Error) throw err;
  };
  return {
    async blockedFor(account, ipHash) {
      const k = keys(account, ipHash);
      const [a, i] = await Promise.all([byAccountIp.get(k.accountIp), byIp.get(k.ip)]);
      const waits = [secondsLeft(a, LOGIN_LIMITS.consecutiveFailures), secondsLeft(i, LOGIN_LIMITS.failuresPerIpPerDay)];
      const blocked = waits.filter((w): w is number => w !== undefined);
      return blocked.length ? Math.max(...blocked) : undefined;
    },
    async recordFailure(account, ipHash) {
      const k = keys(account, ipHash);
      const a = await byAccountIp.consume(k.accountIp).catch((err: unknown) => overLimit(err));
      if (a && a.remainingPoints === 0) await byAccountIp.block(k.accountIp, LOGIN_LIMITS.blockSeconds);
      await byIp.consume(k.ip).catch((err: unknown) => overLimit(err));
    },
    async recordSuccess(account, ipHash) {
      await byAccountIp.delete(keys(account, ipHash).accountIp);
    },
  };
}
