// Staff management for admins: invitations, the staff list, roles and profile, training, suspension, 2FA reset, password-reset links.
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
  type PasswordResetIssued,
  type StaffAccount,
  type StaffList,
  type StaffStatusChanged,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { changeStaffStatus, revokeEverywhere } from '../../commands/suspendStaff.js';
import { Forbidden } from '../../domain/core/errors.js';
import { createInvite, listInvites, revokeInvite } from '../../domain/staff/invites.js';
import {
  listStaff,
  recordTraining,
  requireStaffRow,
  staffNames,
  toStaffAccount,
  updateStaff,
} from '../../domain/staff/accounts.js';
import { issuePasswordReset } from '../../domain/staff/passwordResets.js';
import { removeTwoFactor } from '../../domain/staff/twoFactor.js';
import { requireStaff } from '../auth.js';
import { assertDisplayNameWithoutContact } from '../../domain/moderation/displayNames.js';
import { parseOrThrow } from '../errors.js';
import { auditFrom, currentStaff } from './authSupport.js';

export function staffAdminRouter(ctx: AppContext): Router {
  const router = Router();
  const adminOnly = requireStaff(ctx, ['admin']);
  const audit = auditFrom(ctx);

  // Links never take the request's Host header: a forged one would send the person to the forger's site.
  const baseUrl = (_req: Request): string => ctx.config.linkBaseUrl;

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

  /** The account with the name of whoever recorded its training. */
  const accountView = async (row: Parameters<typeof toStaffAccount>[0]): Promise<StaffAccount> =>
    toStaffAccount(row, await staffNames(ctx.db, [row.trainingRecordedBy]));

  router.get('/api/staff', adminOnly, async (_req, res) => {
    const rows = await listStaff(ctx.db);
    const names = new Map(rows.map((r) => [r.id, r.displayName]));
    res.json({ staff: rows.map((r) => toStaffAccount(r, names)) } satisfies StaffList);
  });

  router.get('/api/staff/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    res.json((await accountView(await requireStaffRow(ctx.db, id))) satisfies StaffAccount);
  });

  router.patch('/api/staff/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const patch = parseOrThrow(staffUpdateBody, req.body);
    if (patch.displayName !== undefined) assertDisplayNameWithoutContact(patch.displayName);
    const actor = await currentStaff(ctx, req);
    const { before, after } = await updateStaff(ctx.db, id, patch);
    if (before.role !== after.role) {
      // A new role takes effect everywhere at once, and a new moderator or admin must set up two-factor first.
      await revokeEverywhere(ctx, id, 'role_changed');
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
    res.json((await accountView(after)) satisfies StaffAccount);
  });

  router.put('/api/staff/:id/training', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(trainingBody, req.body);
    const actor = await currentStaff(ctx, req);
    const row = await recordTraining(ctx.db, ctx.clock, id, body, actor.id);
    await audit(req, {
      actorId: actor.id,
      actorRole: actor.role,
      action: body.trained ? 'staff.training_recorded' : 'staff.training_cleared',
      targetType: 'staff',
      targetId: id,
      ...(body.trained ? { details: { course: body.course, completedOn: body.completedOn } } : {}),
    });
    if (body.trained) void ctx.matchmaker.kick();
    res.json(toStaffAccount(row, new Map([[actor.id, actor.displayName]])) satisfies StaffAccount);
  });

  router.post('/api/staff/:id/password-reset', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = await currentStaff(ctx, req);
    const { token, expiresAt } = await issuePasswordReset(ctx.db, ctx.clock, { staffId: id, issuedBy: actor.id });
    await audit(req, {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'staff.password_reset_issued',
      targetType: 'staff',
      targetId: id,
      details: { expiresAt: expiresAt.toISOString() },
    });
    res.status(201).json({ resetUrl: `${baseUrl(req)}/reset#${token}`, token, expiresAt: expiresAt.toISOString() } satisfies PasswordResetIssued);
  });

  router.post('/api/staff/:id/status', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const body = parseOrThrow(staffStatusBody, req.body);
    const actor = await currentStaff(ctx, req);
    if (id === actor.id && body.status !== 'active') throw new Forbidden('You cannot suspend or disable your own account.');
    // Committed first, then open chats back in line, then access cut everywhere (commands/suspendStaff.ts).
    const { before, after, requeued } = await changeStaffStatus(ctx, id, body.status);
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
    res.json({ account: await accountView(after), requeuedConversations: requeued } satisfies StaffStatusChanged);
  });

  router.post('/api/staff/:id/2fa/reset', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = await currentStaff(ctx, req);
    await removeTwoFactor(ctx.db, id);
    await revokeEverywhere(ctx, id, 'two_factor_reset');
    await audit(req, { actorId: actor.id, actorRole: actor.role, action: 'auth.2fa_reset', targetType: 'staff', targetId: id });
    res.json((await accountView(await requireStaffRow(ctx.db, id))) satisfies StaffAccount);
  });

  return router;
}
