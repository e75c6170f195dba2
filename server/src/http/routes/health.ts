// Liveness and readiness: /healthz while the process runs, /readyz while the database answers.
import { Router } from 'express';
import type { HealthResponse } from '@beside/shared';
import type { AppContext } from '../../context.js';

const READY_TIMEOUT_MS = 2000;

export function healthRouter(ctx: AppContext, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies HealthResponse);
  });
  router.get('/readyz', async (_req, res) => {
    const ok = !isShuttingDown() && (await withTimeout(ctx.storage.ping(), READY_TIMEOUT_MS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' } satisfies HealthResponse);
  });
  return router;
}

async function withTimeout(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
