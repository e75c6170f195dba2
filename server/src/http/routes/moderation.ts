// Moderation over REST: the review queue, audited transcripts, decisions, bans, the audit log, and "my flags".
import { Router, type Request } from 'express';
import {
  auditQuery,
  bansQuery,
  flagDecisionBody,
  flagsQuery,
  transcriptOpenBody,
  uuidSchema,
  type AuditResponse,
  type BanView,
  type FlagQueueItem,
  type LiveBoard,
  type LiveOverview,
  type MyFlag,
  type StaffDirectory,
  type Transcript,
  type VolunteerWarningView,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { recordAudit } from '../../domain/core/audit.js';
import { auditPage, staffDirectory } from '../../domain/moderation/auditLog.js';
import { liftBan, listBans, toBanView } from '../../domain/moderation/bans.js';
import { decideFlag } from '../../commands/decideFlag.js';
import { warningsOf } from '../../domain/moderation/warnings.js';
import { Unauthorized } from '../../domain/core/errors.js';
import { countOpenFlags, flagsRaisedBy, listFlags } from '../../domain/moderation/flags.js';
import { liveAlerts } from '../../domain/moderation/alerts.js';
import { liveBoard } from '../../domain/moderation/board.js';
import { highRiskAlerts, observedBy, openHelpRequests } from '../../domain/moderation/supervision.js';
import { openTranscript } from '../../domain/moderation/transcripts.js';
import { principalOf, requireAnyPrincipal, requireStaff } from '../auth.js';
import { parseOrThrow } from '../errors.js';

function staffOf(req: Request): { id: string; role: string } {
  const p = principalOf(req);
  if (p.kind !== 'staff') throw new Unauthorized();
  return { id: p.userId, role: p.role };
}

export function moderationRouter(ctx: AppContext): Router {
  const router = Router();
  const moderators = requireStaff(ctx, ['moderator', 'admin']);

  /** The review queue: open flags most severe then oldest first; no message content. */
  router.get('/api/moderation/flags', moderators, async (req, res) => {
    const query = parseOrThrow(flagsQuery, req.query);
    res.json({ flags: await listFlags(ctx.db, query) } satisfies { flags: FlagQueueItem[] });
  });

  /** Opening a transcript is an explicit, audited act tied to a flag or an escalation. */
  router.post('/api/moderation/conversations/:id/transcript', moderators, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(transcriptOpenBody, req.body);
    const transcript = await openTranscript(ctx, staffOf(req), id, body, ctx.hashIp(req.ip));
    res.json(transcript satisfies Transcript);
  });

  router.post('/api/moderation/flags/:id/decision', moderators, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(flagDecisionBody, req.body);
    res.json((await decideFlag(ctx, staffOf(req), id, body, ctx.hashIp(req.ip))) satisfies FlagQueueItem);
  });

  /** What a moderator console needs on (re)connect: open help requests, live high-risk chats, the queue size. */
  router.get('/api/moderation/live', moderators, async (req, res) => {
    const me = staffOf(req);
    const body: LiveOverview = {
      helpRequests: await openHelpRequests(ctx.db),
      highRisk: await highRiskAlerts(ctx.db),
      alerts: await liveAlerts(ctx),
      openFlags: await countOpenFlags(ctx.db),
      observing: await observedBy(ctx.db, me.id),
    };
    res.json(body);
  });

  /** The live board: every waiting survivor and every live chat, no content (the console polls it while open). */
  router.get('/api/moderation/board', moderators, async (_req, res) => {
    res.json((await liveBoard(ctx.db, ctx.clock)) satisfies LiveBoard);
  });

  /** Names for the audit log's filters: who acted, who was acted on. */
  router.get('/api/moderation/staff', moderators, async (_req, res) => {
    res.json({ staff: await staffDirectory(ctx.db) } satisfies StaffDirectory);
  });

  /** The audit log, newest first, filtered; it never holds message content. */
  router.get('/api/moderation/audit', moderators, async (req, res) => {
    const body: AuditResponse = await auditPage(ctx.db, parseOrThrow(auditQuery, req.query));
    res.json(body);
  });

  router.get('/api/moderation/bans', moderators, async (req, res) => {
    const q = parseOrThrow(bansQuery, req.query);
    res.json({ bans: await listBans(ctx.db, ctx.clock, q.active === 'true') } satisfies { bans: BanView[] });
  });

  router.post('/api/moderation/bans/:id/lift', moderators, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const me = staffOf(req);
    const ban = await liftBan(ctx.db, ctx.clock, id, me.id);
    await recordAudit(ctx.db, ctx.clock, {
      actorId: me.id,
      actorRole: me.role,
      action: 'ban.lifted',
      targetType: 'ban',
      targetId: ban.id,
      ipHash: ctx.hashIp(req.ip),
      details: { kind: ban.kind, flagId: ban.flagId },
    });
    res.json(toBanView(ban) satisfies BanView);
  });

  /** Anyone (survivor or staff): the flags and reports they raised, reviewed or not, with the outcome. */
  router.get('/api/flags/mine', requireAnyPrincipal(ctx), async (req, res) => {
    const p = principalOf(req);
    res.json({ flags: await flagsRaisedBy(ctx.db, p.kind === 'visitor' ? p.visitorId : p.userId) } satisfies { flags: MyFlag[] });
  });

  /** A volunteer's own warnings. */
  router.get('/api/moderation/warnings/mine', requireStaff(ctx), async (req, res) => {
    res.json({ warnings: await warningsOf(ctx, staffOf(req).id) } satisfies { warnings: VolunteerWarningView[] });
  });

  return router;
}
