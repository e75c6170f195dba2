// Staff management for admins: invitations, the staff list, roles and profile, training, suspension, 2FA reset.
import { Router, type Request } from 'express';
import {
  inviteCreateBody,
  staffStatusBody,
  staffUpdateBody,
  trainingBody,
  uuidSchema,
  type InviteCreated,
  type InviteList,
  type InviteView,
  type StaffAccount,
  type StaffList,
  type StaffStatusChanged,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { activeConversationsOf } from '../../domain/conversations/conversations.js';
import { Conflict, Forbidden } from '../../domain/core/errors.js';
import { createInvite, listInvites, revokeInvite } from '../../domain/staff/invites.js';
import { returnConversationToQueue, type ReturnedToQueue } from '../../domain/matching/requeue.js';
import { revokeAllSessions } from '../../domain/staff/sessions.js';
import {
  listStaff,
  requireStaffRow,
  setStaffStatus,
  setTrainingCompleted,
  toStaffAccount,
  updateStaff,
} from '../../domain/staff/accounts.js';
import { removeTwoFactor } from '../../domain/staff/twoFactor.js';
import { requireStaff } from '../auth.js';
import { assertDisplayNameWithoutContact } from '../../domain/moderation/displayNames.js';
import { parseOrThrow } from '../errors.js';
import { auditFrom, currentStaff } from './authSupport.js';

export function staffAdminRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requireStaff(ctx, ['admin']);
  const audit = auditFrom(ctx);

  /** Ends the person's live access everywhere: refresh tokens, then their sockets on every node. */
  const revokeEverywhere = async (staffId: string, reason: Parameters<typeof revokeAllSessions>[3]): Promise<void> => {
    await revokeAllSessions(ctx.db, ctx.clock, staffId, reason);
    await ctx.live.staffRevoked(staffId);
  };

  /** Puts every open chat of this volunteer back at the front of the queue; returns how many. */
  const requeueOpenChats = async (staffId: string, role: string): Promise<number> => {
    const open = await activeConversationsOf(ctx.db, { kind: 'staff', userId: staffId, role: role as StaffAccount['role'] });
    const returned: ReturnedToQueue[] = [];
    for (const conv of open) {
      try {
        returned.push(
          await returnConversationToQueue(ctx.db, ctx.clock, conv.id, {
            reason: 'volunteer_unavailable',
            endedBy: 'system',
            volunteerId: staffId,
          }),
        );
      } catch (err) {
        if (!(err instanceof Conflict)) throw err; // already ended or handed on meanwhile
      }
    }
    // Told only after each return is committed: both sides of the ended chat, the survivor's new place, matching.
    for (const r of returned) await ctx.live.returnedToQueue(r);
    return returned.length;
  };

  const baseUrl = (req: Request): string => ctx.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

  // ---- invitations

  router.post('/api/staff/invites', adminOnly, async (req, res) => {
    const body = parseOrThrow(inviteCreateBody, req.body);
    const actor = await currentStaff(ctx, req);
    const { invite, token } = await createInvite(ctx.db, ctx.clock, { email: body.email, role: body.role, invitedBy: actor.id });
    await audit(req, {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'staff.invited',
      targetType: 'invite',
      targetId: invite.id,
      details: { role: invite.role },
    });
    res.status(201).json({ invite, token, inviteUrl: `${baseUrl(req)}/invite#${token}` } satisfies InviteCreated);
  });

  router.get('/api/staff/invites', adminOnly, async (_req, res) => {
    res.json({ invites: await listInvites(ctx.db, ctx.clock) } satisfies InviteList);
  });

  router.delete('/api/staff/invites/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = await currentStaff(ctx, req);
    const invite = await revokeInvite(ctx.db, ctx.clock, id);
    await audit(req, { actorId: actor.id, actorRole: actor.role, action: 'staff.invite_revoked', targetType: 'invite', targetId: id });
    res.json(invite satisfies InviteView);
  });

  // ---- accounts

  router.get('/api/staff', adminOnly, async (_req, res) => {
    res.json({ staff: (await listStaff(ctx.db)).map(toStaffAccount) } satisfies StaffList);
  });

  router.get('/api/staff/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    res.json(toStaffAccount(await requireStaffRow(ctx.db, id)) satisfies StaffAccount);
  });

  router.patch('/api/staff/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const patch = parseOrThrow(staffUpdateBody, req.body);
    if (patch.displayName !== undefined) assertDisplayNameWithoutContact(patch.displayName);
    const actor = await currentStaff(ctx, req);
    const { before, after } = await updateStaff(ctx.db, id, patch);
    if (before.role !== after.role) {
      // A new role takes effect everywhere at once, and a new moderator or admin must set up two-factor first.
      await revokeEverywhere(id, 'role_changed');
      await audit(req, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'staff.role_changed',
        targetType: 'staff',
        targetId: id,
        details: { from: before.role, to: after.role },
      });
    }
    const changed = Object.keys(patch).filter((k) => k !== 'role');
    if (changed.length > 0) {
      await audit(req, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'staff.profile_updated',
        targetType: 'staff',
        targetId: id,
        details: { fields: changed.sort().join(',') },
      });
    }
    res.json(toStaffAccount(after) satisfies StaffAccount);
  });

  router.put('/api/staff/:id/training', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const { trained } = parseOrThrow(trainingBody, req.body);
    const actor = await currentStaff(ctx, req);
    const row = await setTrainingCompleted(ctx.db, ctx.clock, id, trained);
    await audit(req, {
      actorId: actor.id,
      actorRole: actor.role,
      action: trained ? 'staff.training_recorded' : 'staff.training_cleared',
      targetType: 'staff',
      targetId: id,
    });
    if (trained) void ctx.matchmaker.kick();
    res.json(toStaffAccount(row) satisfies StaffAccount);
  });

  router.post('/api/staff/:id/status', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(staffStatusBody, req.body);
    const actor = await currentStaff(ctx, req);
    if (id === actor.id && body.status !== 'active') throw new Forbidden('You cannot suspend or disable your own account.');
    // Committed first: from here on no request, handshake or refresh of theirs is accepted.
    const { before, after } = await setStaffStatus(ctx.db, id, body.status, ctx.clock);
    let requeued = 0;
    if (after.status !== 'active') {
      // Chats first, so the survivor hears "back at the front of the queue" rather than "your volunteer is away";
      // meanwhile the suspended person can take no new chat (matching requires an active account).
      requeued = await requeueOpenChats(id, after.role);
      await revokeEverywhere(id, after.status === 'disabled' ? 'disabled' : 'suspended');
    }
    if (before.status !== after.status) {
      await audit(req, {
        actorId: actor.id,
        actorRole: actor.role,
        action: after.status === 'active' ? 'staff.reactivated' : `staff.${after.status}`,
        targetType: 'staff',
        targetId: id,
        details: { from: before.status, to: after.status, requeuedConversations: requeued, reason: body.reason ?? null },
      });
    }
    res.json({ account: toStaffAccount(after), requeuedConversations: requeued } satisfies StaffStatusChanged);
  });

  router.post('/api/staff/:id/2fa/reset', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = await currentStaff(ctx, req);
    await removeTwoFactor(ctx.db, id);
    await revokeEverywhere(id, 'two_factor_reset');
    await audit(req, { actorId: actor.id, actorRole: actor.role, action: 'auth.2fa_reset', targetType: 'staff', targetId: id });
    res.json(toStaffAccount(await requireStaffRow(ctx.db, id)) satisfies StaffAccount);
  });

  return router;
}
