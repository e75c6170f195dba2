// The volunteer console and the dashboard over REST: canned responses, wrap-ups, the survivor survey, the dashboard.
import { Router, type Request } from 'express';
import {
  cannedCreateBody,
  cannedPatchBody,
  cannedSearchQuery,
  surveyBody,
  transcriptOpenBody,
  uuidSchema,
  wrapUpBody,
  type CannedResponse,
  type CannedResponsesResponse,
  type DashboardResponse,
  type EarlierNotesResponse,
  type ModeratorWrapUpResponse,
  type PendingWrapUpsResponse,
  type SurveyAnswer,
  type WrapUpView,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { recordAudit } from '../../domain/core/audit.js';
import {
  createCannedResponse,
  deleteCannedResponse,
  listAllCannedResponses,
  searchCannedResponses,
  updateCannedResponse,
} from '../../domain/console/canned.js';
import { dashboard } from '../../domain/console/dashboard.js';
import { Forbidden, Unauthorized } from '../../domain/core/errors.js';
import { announceVolunteerState } from '../../domain/matching/presence.js';
import { submitSurvey, surveyOf } from '../../domain/console/surveys.js';
import { earlierNotesFor, openWrapUpForModerator, pendingWrapUps, submitWrapUp, wrapUpForVolunteer } from '../../domain/console/wrapUp.js';
import { principalOf, requireAnyPrincipal, requireStaff } from '../auth.js';
import { parseOrThrow } from '../errors.js';

function staffOf(req: Request): { id: string; role: string } {
  const p = principalOf(req);
  if (p.kind !== 'staff') throw new Unauthorized();
  return { id: p.userId, role: p.role };
}

function visitorOf(req: Request): string {
  const p = principalOf(req);
  if (p.kind !== 'visitor') throw new Forbidden('Only the survivor of this conversation can answer its survey.');
  return p.visitorId;
}

export function consoleRouter(ctx: AppContext): Router {
  const router = Router();
  const anyStaff = requireStaff(ctx);
  const adminOnly = requireStaff(ctx, ['admin']);
  const moderators = requireStaff(ctx, ['moderator', 'admin']);

  // ---- canned responses

  /** Volunteers (and any staff) search; an empty query lists everything in that language. */
  router.get('/api/canned-responses', anyStaff, async (req, res) => {
    const { q, lang } = parseOrThrow(cannedSearchQuery, req.query);
    res.json({ responses: await searchCannedResponses(ctx.db, q, lang) } satisfies CannedResponsesResponse);
  });

  router.get('/api/admin/canned-responses', adminOnly, async (_req, res) => {
    res.json({ responses: await listAllCannedResponses(ctx.db) } satisfies CannedResponsesResponse);
  });

  router.post('/api/admin/canned-responses', adminOnly, async (req, res) => {
    const body = parseOrThrow(cannedCreateBody, req.body);
    const actor = staffOf(req);
    const created = await createCannedResponse(ctx.db, ctx.clock, actor.id, body);
    await auditCanned(req, actor.id, 'canned_response.created', created, {});
    res.status(201).json(created satisfies CannedResponse);
  });

  router.patch('/api/admin/canned-responses/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const patch = parseOrThrow(cannedPatchBody, req.body);
    const actor = staffOf(req);
    const { response, changed } = await updateCannedResponse(ctx.db, ctx.clock, actor.id, id, patch);
    await auditCanned(req, actor.id, 'canned_response.updated', response, { fields: changed.join(',') });
    res.json(response satisfies CannedResponse);
  });

  router.delete('/api/admin/canned-responses/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = staffOf(req);
    const deleted = await deleteCannedResponse(ctx.db, id);
    await auditCanned(req, actor.id, 'canned_response.deleted', deleted, {});
    res.status(204).end();
  });

  async function auditCanned(req: Request, actorId: string, action: string, r: CannedResponse, details: Record<string, string>) {
    await recordAudit(ctx.db, ctx.clock, {
      actorId,
      actorRole: 'admin',
      action,
      targetType: 'canned_response',
      targetId: r.id,
      ipHash: ctx.hashIp(req.ip),
      details: { language: r.language, ...details },
    });
  }

  // ---- wrap-up

  router.post('/api/conversations/:id/wrap-up', anyStaff, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(wrapUpBody, req.body);
    const volunteer = staffOf(req);
    const wrapUp = await submitWrapUp(
      { db: ctx.db, clock: ctx.clock, cipher: ctx.cipher, highRiskCooldownSeconds: ctx.config.timing.highRiskCooldownSeconds },
      volunteer.id,
      id,
      body,
    );
    // The longer cool-down is committed: the console shows it.
    if (wrapUp.markedHighRisk) {
      await announceVolunteerState(ctx, volunteer.id);
    }
    res.status(201).json(wrapUp satisfies WrapUpView);
  });

  router.get('/api/conversations/:id/wrap-up', anyStaff, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    res.json({ wrapUp: await wrapUpForVolunteer(ctx.db, ctx.cipher, staffOf(req).id, id) } satisfies { wrapUp: WrapUpView | null });
  });

  router.get('/api/console/wrap-ups/pending', anyStaff, async (req, res) => {
    res.json({ conversations: await pendingWrapUps(ctx.db, ctx.clock, staffOf(req).id) } satisfies PendingWrapUpsResponse);
  });

  router.get('/api/conversations/:id/earlier-notes', anyStaff, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    res.json({ notes: await earlierNotesFor(ctx.db, ctx.cipher, staffOf(req).id, id) } satisfies EarlierNotesResponse);
  });

  /** Reading a wrap-up's private note is an audited act, under the same rules as opening the transcript. */
  router.post('/api/moderation/conversations/:id/wrap-up', moderators, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(transcriptOpenBody, req.body);
    const wrapUp = await openWrapUpForModerator(ctx, staffOf(req), id, body, ctx.hashIp(req.ip));
    res.json({ wrapUp } satisfies ModeratorWrapUpResponse);
  });

  // ---- survivor survey

  router.post('/api/conversations/:id/survey', requireAnyPrincipal(ctx), async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const visitorId = visitorOf(req);
    const body = parseOrThrow(surveyBody, req.body);
    res.status(201).json((await submitSurvey(ctx.db, ctx.clock, visitorId, id, body)) satisfies SurveyAnswer);
  });

  router.get('/api/conversations/:id/survey', requireAnyPrincipal(ctx), async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    res.json({ survey: await surveyOf(ctx.db, visitorOf(req), id) } satisfies { survey: SurveyAnswer | null });
  });

  // ---- dashboard

  router.get('/api/dashboard', moderators, async (_req, res) => {
    res.json((await dashboard(ctx.db, ctx.clock)) satisfies DashboardResponse);
  });

  return router;
}
