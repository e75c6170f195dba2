// Accepting an invitation: the public side of the invite link (no account yet, the token is the credential).
import { Router } from 'express';
import { inviteAcceptBody, invitePreviewBody, type InvitePreview, type StaffAccount } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { acceptInvite, previewInvite } from '../../domain/staff/invites.js';
import { toStaffAccount } from '../../domain/staff/accounts.js';
import { assertDisplayNameWithoutContact } from '../../domain/moderation/displayNames.js';
import { parseOrThrow } from '../errors.js';
import { auditFrom } from './authSupport.js';

export function invitesRouter(ctx: AppContext): Router {
  const router = Router();
  const audit = auditFrom(ctx);

  // POST, not GET with the token in the path: the token must not land in access logs or browser history.
  router.post('/api/invites/preview', async (req, res) => {
    const { token } = parseOrThrow(invitePreviewBody, req.body);
    res.json((await previewInvite(ctx.db, ctx.clock, token)) satisfies InvitePreview);
  });

  router.post('/api/invites/accept', async (req, res) => {
    const body = parseOrThrow(inviteAcceptBody, req.body);
    assertDisplayNameWithoutContact(body.displayName);
    const { account, inviteId } = await acceptInvite(ctx.db, ctx.clock, body);
    await audit(req, {
      actorId: account.id,
      actorRole: account.role,
      action: 'staff.invite_accepted',
      targetType: 'invite',
      targetId: inviteId,
    });
    res.status(201).json(toStaffAccount(account) satisfies StaffAccount);
  });

  return router;
}
