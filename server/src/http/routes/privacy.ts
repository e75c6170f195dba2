// Public settings the survivor page reads before anything else: where quick exit goes, how long transcripts stay.
import { Router } from 'express';
import type { ClientConfigResponse } from '@beside/shared';
import type { AppContext } from '../../context.js';

export function privacyRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/client-config', (_req, res) => {
    res.json({
      quickExitUrl: ctx.config.privacy.quickExitUrl,
      retentionHours: ctx.config.privacy.retentionHours,
    } satisfies ClientConfigResponse);
  });
  return router;
}
