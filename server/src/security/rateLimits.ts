// Rate limits on rate-limiter-flexible: in memory on one node, in Redis when a client is given (several nodes), where
// each node leases points in chunks so that a chat message does not wait for a Redis round trip.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimiterOptions {
  /** Namespaces the keys, e.g. 'login_acct_ip'. */
  keyPrefix: string;
  /** How many units a key may consume per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
  /** Once over, the key stays blocked this many seconds. */
  blockDuration?: number;
  /**
   * Every consume asks Redis and its result (remaining points) is exact: for the sign-in limits, where attempts are
   * few and the answer drives a block. Otherwise (per-event budgets) points are leased in chunks, below.
   */
  exact?: boolean;
}

/**
 * A limiter in process memory by default, or in Redis when given a connected node-redis (v4+) or ioredis client,
 * so that several nodes share one count.
 */
export function createLimiter(opts: LimiterOptions, redis?: unknown): RateLimiterAbstract {
  const { exact, ...limits } = opts;
  if (!redis) return new RateLimiterMemory(limits);
  const redisOptions = {
    storeClient: redis,
    // node-redis v5+ is not recognised by rate-limiter-flexible on its own (it then calls ioredis-only methods and
    // every consume rejects, which reads as "rate limited"); say which client it is.
    useRedisPackage: !isIoredis(redis),
    // While Redis is unreachable each node counts alone (the same budget per node) instead of refusing every event
    // or queueing every check behind the reconnection.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(limits),
    // A key over its budget is refused from this node's memory until its window ends: a flood costs no Redis calls.
    inMemoryBlockOnConsumed: limits.points,
    ...limits,
  };
  return exact ? new RateLimiterRedis(redisOptions) : new LeasedRedisLimiter(redisOptions);
}

/** Points a node leases at once: a fifth of the budget, so a person on two nodes may lose at most a fifth. */
export function leaseSize(points: number): number {
  return Math.max(1, Math.ceil(points / 5));
}

interface Lease {
  left: number;
  expiresAt: number;
  /** Redis granted nothing more in this window: the key's events are refused here until it ends. */
  refused?: boolean;
  /** The request for more points in flight, which everyone who finds the lease empty waits for. */
  renewing?: Promise<void>;
}

/**
 * Redis counts points leased, not events: a node takes `leaseSize(points)` points for a key in one INCRBY and then
 * admits that many of the key's events from its own memory until the lease is used up or the Redis window ends.
 * Every event admitted anywhere is covered by a point counted in Redis, so N nodes together never admit more than
 * the budget; the price is that points a node leased and did not use are lost to the person for that window
 * (at most a lease per other node they are connected to). A person's sockets normally sit on one node, where this is
 * one Redis round trip per fifth of the budget instead of one per event. The last lease of a window is granted in
 * part: with 28 of 30 points counted, a lease of 6 brings Redis to 34 and grants the 2 that were left.
 */
class LeasedRedisLimiter extends RateLimiterRedis {
  private readonly leases = new Map<string, Lease>();
  private readonly lease: number;

  constructor(opts: ConstructorParameters<typeof RateLimiterRedis>[0]) {
    super(opts);
    this.lease = leaseSize(opts.points);
  }

  override consume(key: string | number, points = 1, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    if (points !== 1 || options) return super.consume(key, points, options);
    const k = String(key);
    const lease = this.leases.get(k);
    if (lease && lease.expiresAt > Date.now()) {
      if (lease.left > 0 || lease.refused) return this.answer(lease);
      // Everyone waiting shares one renewal; whoever finds the new lease used up by the others asks for the next.
      if (lease.renewing) return lease.renewing.then(() => this.consume(key));
    }
    const renewing = this.renew(k);
    this.leases.set(k, { left: 0, expiresAt: Infinity, renewing });
    return renewing.then(() => this.consume(key));
  }

  /** Admits one event from the lease, or refuses it as the library does (rejecting with a RateLimiterRes). */
  private answer(lease: Lease): Promise<RateLimiterRes> {
    const msBeforeNext = Math.max(0, lease.expiresAt - Date.now());
    if (lease.left <= 0) return Promise.reject(new RateLimiterRes(0, msBeforeNext, this.points, false));
    lease.left -= 1;
    return Promise.resolve(new RateLimiterRes(lease.left, msBeforeNext, undefined, false));
  }

  /**
   * Takes the next lease for `key` from Redis (or from the insurance limiter while Redis is away); resolves once the
   * lease is in place, granted in part or refused. A refused lease refuses the key's events until the window ends.
   */
  private async renew(key: string): Promise<void> {
    let res: RateLimiterRes;
    let granted: number;
    try {
      res = await super.consume(key, this.lease);
      granted = this.lease;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        this.leases.delete(key);
        throw err;
      }
      res = err;
      // Over the budget by part of this lease: the rest of it is still the person's. A key blocked in memory
      // (inMemoryBlockOnConsumed) is refused without asking Redis, with nothing counted (0 consumed, 0 remaining).
      granted = Math.max(0, Math.min(this.lease, this.lease - (res.consumedPoints - this.points)));
      if (res.remainingPoints === 0 && res.consumedPoints <= this.points) granted = 0;
    }
    if (this.leases.size > 10_000) this.forgetExpired();
    this.leases.set(key, { left: granted, expiresAt: Date.now() + res.msBeforeNext, ...(granted === 0 ? { refused: true } : {}) });
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [k, l] of this.leases) if (l.expiresAt <= now) this.leases.delete(k);
  }
}

function isIoredis(client: unknown): boolean {
  return typeof (client as { defineCommand?: unknown }).defineCommand === 'function';
}
