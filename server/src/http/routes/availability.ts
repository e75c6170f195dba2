// Before the intake, the survivor page asks whether anyone can answer now, or when the next shift starts.
import { Router } from 'express';
import { availabilityQuery, type Availability } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { availabilityFor } from '../../domain/matching/availability.js';
import { parseOrThrow } from '../errors.js';

export function availabilityRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/availability', async (req, res) => {
    const { lang } = parseOrThrow(availabilityQuery, req.query);
    res.json((await availabilityFor(ctx.db, ctx.clock, lang, ctx.config.timing.chatCooldownSeconds)) satisfies Availability);
  });
  return router;
}
