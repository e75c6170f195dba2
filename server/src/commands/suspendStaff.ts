// Suspending or disabling a staff member (by an admin, or a moderator's review decision), and ending live access.
import type { StaffAccount } from '@beside/shared';
import type { AppContext } from '../context.js';
import { setStaffStatus, type StaffRow } from '../domain/staff/accounts.js';
import { revokeAllSessions, type RevokeReason } from '../domain/staff/sessions.js';
import { requeueOpenChats } from './returnToQueue.js';

export interface StatusChange {
  before: StaffRow;
  after: StaffRow;
  /** Open chats put back at the front of the queue. */
  requeued: number;
}

/**
 * Sets the account's status. Leaving 'active' runs in this order, whoever asks:
 * 1. the status is committed: from here on no request, handshake or refresh of theirs is accepted, and matching
 *    routes them nothing (it requires an active account);
 * 2. their open chats go back to the front of the queue, and each survivor is told so;
 * 3. only then are their sessions revoked and their connections closed, so that a survivor is never told
 *    "your volunteer is away" (which the closing connection would announce if it still had their chat).
 */
export async function changeStaffStatus(ctx: AppContext, staffId: string, status: StaffAccount['status']): Promise<StatusChange> {
  const { before, after } = await setStaffStatus(ctx.db, staffId, status, ctx.clock);
  if (after.status === 'active') return { before, after, requeued: 0 };
  const requeued = await requeueOpenChats(ctx, staffId, after.role);
  await revokeEverywhere(ctx, staffId, after.status === 'disabled' ? 'disabled' : 'suspended');
  return { before, after, requeued };
}

/** Ends the person's live access everywhere: refresh tokens, then their connections on every node. */
export async function revokeEverywhere(ctx: AppContext, staffId: string, reason: RevokeReason): Promise<void> {
  await revokeAllSessions(ctx.db, ctx.clock, staffId, reason);
  await ctx.live.revoke({ staff: [staffId] });
}
