// Anonymous visitor sessions, and the quick-exit beacon that ends everything the visitor had open.
import { Router } from 'express';
import { z } from 'zod';
import type { VisitorSessionResponse } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { assertSessionAllowed } from '../../domain/moderation/bans.js';
import { exitVisitor } from '../../commands/exitVisitor.js';
import { createVisitor } from '../../domain/conversations/visitors.js';
import { VISITOR_TOKEN_SECONDS } from '../../security/tokens.js';
import { createLimiter } from '../../security/rateLimits.js';
import { TooManyAttempts } from '../../domain/core/errors.js';
import type { RateLimiterRes } from 'rate-limiter-flexible';

const exitBody = z.object({ token: z.string().min(1).max(4096) });

export function visitorRouter(ctx: AppContext): Router {
  const router = Router();
  // Per keyed hash of the client address (an IPv6 /64 as one): one source cannot mint sessions without end.
  const sessionsPerAddress = createLimiter(
    { keyPrefix: 'session_ip', points: ctx.config.rateLimits.sessionsPerIpPerHour, duration: 3600, exact: true },
    ctx.redis,
  );

  router.post('/api/visitor/session', async (req, res) => {
    const ipHash = ctx.hashIp(req.ip);
    // Moderation: a banned network (keyed hash of the IP) gets a calm 'banned' answer.
    await assertSessionAllowed(ctx.db, ctx.clock, ipHash);
    try {
      await sessionsPerAddress.consume(ipHash ?? 'no-ip');
    } catch (err) {
      if (err instanceof Error) throw err;
      const wait = Math.max(1, Math.ceil((err as RateLimiterRes).msBeforeNext / 1000));
      res.set('Retry-After', String(wait));
      throw new TooManyAttempts(wait);
    }
    const visitorId = await createVisitor(ctx.db, ctx.clock, ipHash);
    const body: VisitorSessionResponse = {
      token: ctx.tokens.signVisitor(visitorId),
      visitorId,
      expiresIn: VISITOR_TOKEN_SECONDS,
    };
    res.status(201).json(body);
  });

  /**
   * Quick exit. Sent with navigator.sendBeacon, so the token travels in the body (a beacon cannot set headers).
   * Ends the visitor's chat as "the visitor left", gives up their queue place, and clears site data.
   */
  router.post('/api/visitor/exit', async (req, res) => {
    res.set('Clear-Site-Data', '"cache", "cookies", "storage"');
    // Whatever arrives, the page is leaving: a missing, malformed or foreign token still gets 204.
    const parsed = exitBody.safeParse(typeof req.body === 'string' ? safeJson(req.body) : req.body);
    let principal;
    try {
      principal = parsed.success ? ctx.tokens.verify(parsed.data.token) : undefined;
    } catch {
      principal = undefined;
    }
    if (principal?.kind !== 'visitor') {
      res.status(204).end();
      return;
    }
    await exitVisitor(ctx, principal.visitorId);
    res.status(204).end();
  });

  return router;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
