// Supervisors on call: who is connected and on call now, whether paging is set up, and where an alert's page stands.
import { Router } from 'express';
import { z } from 'zod';
import type { OnCallResponse, PageStatusResponse } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { pageStatus } from '../../domain/moderation/paging.js';
import { supervisorCoverage } from '../../domain/staff/supervisors.js';
import { requireStaff } from '../auth.js';
import { parseOrThrow } from '../errors.js';

/** Alert ids are short opaque strings such as `risk:<uuid>` or `help:<uuid>`. */
const alertIdParam = z.string().regex(/^[A-Za-z0-9:_-]{1,120}$/, 'must be an alert id');

export function onCallRouter(ctx: AppContext): Router {
  const router = Router();
  const supervisors = requireStaff(ctx, ['admin', 'moderator']);

  router.get('/api/supervision/on-call', supervisors, async (_req, res) => {
    const coverage = await supervisorCoverage(ctx);
    res.json({
      ...coverage,
      pagerConfigured: !!ctx.config.paging.webhookUrl,
      pageAfterSeconds: ctx.config.paging.afterSeconds,
    } satisfies OnCallResponse);
  });

  router.get('/api/supervision/pages/:alertId', supervisors, async (req, res) => {
    const alertId = parseOrThrow(alertIdParam, req.params.alertId);
    res.json({ alertId, status: await pageStatus(ctx.db, alertId) } satisfies PageStatusResponse);
  });

  return router;
}
