// Per-packet guards on every socket: a clear refusal for events this sender may not send (by the registry's
// declared senders), and per-event rate limits (per person, shared across nodes via Redis).
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Ack } from '@beside/shared';
import type { AppContext } from '../context.js';
import { clientEvents } from './events.js';
import { senderOf } from './registry.js';
import { createLimiter } from '../security/rateLimits.js';
import type { IoSocket } from './types.js';

interface Budget {
  points: number;
  seconds: number;
}

/** What one person may send; generous for a person typing, tight for a script. */
function budgets(ctx: AppContext): Record<string, Budget> {
  const r = ctx.config.rateLimits;
  return {
    message: { points: r.messagesPer10s, seconds: 10 },
    typing: { points: 30, seconds: 10 },
    queue: { points: 20, seconds: 60 },
    flag: { points: 10, seconds: 60 },
    other: { points: r.otherEventsPer10s, seconds: 10 },
  };
}

function bucketOf(event: string): string {
  if (event === 'message:send') return 'message';
  if (event === 'typing') return 'typing';
  if (event.startsWith('queue:')) return 'queue';
  if (event.startsWith('flag') || event.startsWith('report') || event.includes(':flag') || event.includes(':report')) return 'flag';
  return 'other';
}

export type EventLimiters = Record<string, RateLimiterAbstract>;

export function createEventLimiters(ctx: AppContext): EventLimiters {
  const limiters: EventLimiters = {};
  for (const [name, b] of Object.entries(budgets(ctx))) {
    limiters[name] = createLimiter({ keyPrefix: `evt_${name}`, points: b.points, duration: b.seconds }, ctx.redis);
  }
  return limiters;
}

function answer(args: unknown[], response: Ack<never>): void {
  const ack = args[args.length - 1];
  if (typeof ack === 'function') (ack as (a: Ack<never>) => void)(response);
}

/** `isClosing` is true once a graceful shutdown began: nothing new starts, so nothing is half-written at exit. */
export function applyEventGuards(socket: IoSocket, limiters: EventLimiters, isClosing: () => boolean): void {
  const { principal } = socket.data;
  const who = principal.kind === 'visitor' ? `v:${principal.visitorId}` : `s:${principal.userId}`;
  socket.use(([event, ...args], next) => {
    if (isClosing()) {
      answer(args, {
        ok: false,
        error: { code: 'unavailable', message: 'The server is restarting. Please try again in a moment.', retryable: true },
      });
      return;
    }
    const definition = Object.hasOwn(clientEvents, event) ? clientEvents[event as keyof typeof clientEvents] : undefined;
    if (!definition || !definition.who.includes(senderOf(principal))) {
      answer(args, { ok: false, error: { code: 'forbidden', message: `'${String(event).slice(0, 40)}' is not an event you can send.` } });
      return;
    }
    const limiter = limiters[bucketOf(String(event))]!;
    limiter.consume(who).then(
      () => next(),
      () =>
        answer(args, {
          ok: false,
          error: { code: 'rate_limited', message: 'That was a lot at once. Please wait a moment and try again.', retryable: true },
        }),
    );
  });
}
