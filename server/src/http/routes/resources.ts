// Help resources over REST: a public list per language for survivors, and the admins' editing endpoints.
import { Router } from 'express';
import {
  resourceCreateBody,
  resourcePatchBody,
  resourcesQuery,
  uuidSchema,
  type AdminResourcesResponse,
  type Resource,
  type ResourcesResponse,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { recordAudit } from '../../domain/core/audit.js';
import {
  createResource,
  deleteResource,
  listActiveResources,
  listAllResources,
  updateResource,
} from '../../domain/privacy/resources.js';
import { principalOf, requireStaff } from '../auth.js';
import { parseOrThrow } from '../errors.js';

export function resourcesRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requireStaff(ctx, ['admin']);

  /** Public, no token: shown before, during and after a chat, and whenever nobody is on shift. */
  router.get('/api/resources', async (req, res) => {
    const { lang } = parseOrThrow(resourcesQuery, req.query);
    res.json({ language: lang, resources: await listActiveResources(ctx.db, lang) } satisfies ResourcesResponse);
  });

  router.get('/api/admin/resources', adminOnly, async (_req, res) => {
    res.json({ resources: await listAllResources(ctx.db) } satisfies AdminResourcesResponse);
  });

  router.post('/api/admin/resources', adminOnly, async (req, res) => {
    const body = parseOrThrow(resourceCreateBody, req.body);
    const actor = staffId(req);
    const resource = await createResource(ctx.db, ctx.clock, actor, body);
    await audit(req, actor, 'resource.created', resource, {});
    res.status(201).json(resource satisfies Resource);
  });

  router.patch('/api/admin/resources/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const patch = parseOrThrow(resourcePatchBody, req.body);
    const actor = staffId(req);
    const { resource, changed } = await updateResource(ctx.db, ctx.clock, actor, id, patch);
    await audit(req, actor, 'resource.updated', resource, { fields: changed.join(',') });
    res.json(resource satisfies Resource);
  });

  router.delete('/api/admin/resources/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = staffId(req);
    const resource = await deleteResource(ctx.db, id);
    await audit(req, actor, 'resource.deleted', resource, {});
    res.status(204).end();
  });

  function staffId(req: Parameters<typeof principalOf>[0]): string {
    const p = principalOf(req);
    return p.kind === 'staff' ? p.userId : '';
  }

  async function audit(
    req: Parameters<typeof principalOf>[0],
    actorId: string,
    action: string,
    resource: Resource,
    details: Record<string, string>,
  ): Promise<void> {
    await recordAudit(ctx.db, ctx.clock, {
      actorId,
      actorRole: 'admin',
      action,
      targetType: 'resource',
      targetId: resource.id,
      ipHash: ctx.hashIp(req.ip),
      details: { slug: resource.slug, language: resource.language, ...details },
    });
  }

  return router;
}
