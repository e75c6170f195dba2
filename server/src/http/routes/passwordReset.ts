// Using a password-reset link: the public side of an admin-issued one-time link (the token is the credential).
import { Router } from 'express';
import { passwordResetBody, passwordResetPreviewBody, type PasswordResetDone, type PasswordResetPreview } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { revokeEverywhere } from '../../commands/suspendStaff.js';
import { completePasswordReset, previewPasswordReset } from '../../domain/staff/passwordResets.js';
import { parseOrThrow } from '../errors.js';
import { auditFrom } from './authSupport.js';

export function passwordResetRouter(ctx: AppContext): Router {
  const router = Router();
  const audit = auditFrom(ctx);

  // POST with the token in the body, never in a path or query: it must not land in access logs or history.
  router.post('/api/password-reset/preview', async (req, res) => {
    const { token } = parseOrThrow(passwordResetPreviewBody, req.body);
    res.json((await previewPasswordReset(ctx.db, ctx.clock, token)) satisfies PasswordResetPreview);
  });

  router.post('/api/password-reset', async (req, res) => {
    const { token, password } = parseOrThrow(passwordResetBody, req.body);
    const account = await completePasswordReset(ctx.db, ctx.clock, token, password);
    // Whoever held the old password (or a session opened with it) is signed out everywhere.
    await revokeEverywhere(ctx, account.id, 'password_reset');
    await audit(req, { actorId: account.id, actorRole: account.role, action: 'auth.password_reset', targetType: 'staff', targetId: account.id });
    res.json({ email: account.email } satisfies PasswordResetDone);
  });

  return router;
}
