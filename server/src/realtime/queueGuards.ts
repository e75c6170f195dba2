// Queue protection per client address: how many queue entries one address may make an hour, and how many of them
// may jump the line as urgent, so that one source's burst of "in danger" entries cannot push everyone else down.
import type { AppContext } from '../context.js';
import { TooManyAttempts } from '../domain/core/errors.js';
import { createLimiter } from '../security/rateLimits.js';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

interface QueueGuards {
  joins: RateLimiterAbstract;
  urgent: RateLimiterAbstract;
  urgentByNetwork: RateLimiterAbstract;
}

const guardsByContext = new WeakMap<AppContext, QueueGuards>();

function guardsOf(ctx: AppContext): QueueGuards {
  let guards = guardsByContext.get(ctx);
  if (!guards) {
    const { queueJoinsPerIpPerHour, urgentPerIpPerHour } = ctx.config.rateLimits;
    guards = {
      joins: createLimiter({ keyPrefix: 'queue_ip', points: queueJoinsPerIpPerHour, duration: 3600, exact: true }, ctx.redis),
      urgent: createLimiter({ keyPrefix: 'urgent_ip', points: urgentPerIpPerHour, duration: 3600, exact: true }, ctx.redis),
      // A neighbourhood of addresses (rotating through one provider's block) shares twice one address's budget.
      urgentByNetwork: createLimiter({ keyPrefix: 'urgent_net', points: urgentPerIpPerHour * 2, duration: 3600, exact: true }, ctx.redis),
    };
    guardsByContext.set(ctx, guards);
  }
  return guards;
}

/**
 * Admits a queue entry from this address (keyed hash, an IPv6 /64 as one), or refuses it as `rate_limited` when the
 * address made too many this hour. An urgent entry past its address's urgent budget, or past its network's (IPv4
 * /24, IPv6 /48: twice that), still joins, in the ordinary line: it is never refused help, and it cannot jump ahead
 * of survivors from everywhere else either.
 */
export async function admitQueueEntry<T extends { inDanger: boolean }>(
  ctx: AppContext,
  source: { ipHash: string | null; networkHash: string | null },
  intake: T,
): Promise<T> {
  const key = source.ipHash ?? 'no-ip';
  const guards = guardsOf(ctx);
  const joined = await consumed(guards.joins, key);
  if (!joined.ok) throw new TooManyAttempts(Math.max(1, Math.ceil(joined.res.msBeforeNext / 1000)));
  if (!intake.inDanger) return intake;
  const urgent = await consumed(guards.urgent, key);
  if (!urgent.ok) return { ...intake, inDanger: false };
  const nearby = await consumed(guards.urgentByNetwork, source.networkHash ?? key);
  return nearby.ok ? intake : { ...intake, inDanger: false };
}

async function consumed(limiter: RateLimiterAbstract, key: string): Promise<{ ok: boolean; res: RateLimiterRes }> {
  try {
    return { ok: true, res: await limiter.consume(key) };
  } catch (err) {
    if (err instanceof Error) throw err;
    return { ok: false, res: err as RateLimiterRes };
  }
}
