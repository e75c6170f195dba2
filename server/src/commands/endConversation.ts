// Ending a conversation and telling everyone: both sides, the moderators alerted about it, the volunteer's console, the queue.
import type { ConversationEnded, EndReason, EndedBy, ImminentEndReason } from '@beside/shared';
import { Conflict } from '../domain/core/errors.js';
import { closeThreadAlert, imminentUnacknowledged, recordImminentEnd } from '../domain/moderation/alerts.js';
import type { Principal } from '../security/tokens.js';
import type { AppContext } from '../context.js';
import { endConversation, type ConversationRow } from '../domain/conversations/conversations.js';
import { announceVolunteerState } from '../domain/matching/presence.js';
import { raisedModeratorAlert } from '../domain/moderation/supervision.js';

export interface EndHow {
  endedBy: EndedBy;
  reason: EndReason;
}

/**
 * Ends an active conversation (Conflict if it already ended) with the cool-down the config sets for it, then tells
 * everyone, frees the slot for matching and moves the queue's estimates.
 */
export async function endAndAnnounce(
  ctx: AppContext,
  conversationId: string,
  how: EndHow,
): Promise<{ ended: ConversationEnded; row: ConversationRow }> {
  const result = await endConversation(ctx.db, ctx.clock, conversationId, {
    ...how,
    cooldownSeconds: ctx.config.timing.chatCooldownSeconds,
    highRiskCooldownSeconds: ctx.config.timing.highRiskCooldownSeconds,
  });
  await announceEnded(ctx, result.ended, result.row.volunteerId);
  // A slot may be free now: match at once, and tell the queue its estimates moved.
  void ctx.matchmaker.kick();
  void ctx.queue.changed();
  return result;
}

/** Tells both sides a committed end, empties the room, and tells the moderators who were alerted about the chat. */
export async function announceEnded(ctx: AppContext, ended: ConversationEnded, volunteerId: string): Promise<void> {
  ctx.live.emit({ conversation: ended.conversationId }, 'conversation:ended', ended);
  await ctx.live.leaveConversation({ conversation: ended.conversationId }, ended.conversationId);
  // Moderators alerted about this chat (high-risk, help asked) see that the alert no longer calls for observing.
  if (await raisedModeratorAlert(ctx.db, ended.conversationId)) {
    const { conversationId, endedAt, continues } = ended;
    ctx.live.emit({ moderators: true }, 'alert:ended', { conversationId, endedAt, ...(continues ? { continues } : {}) });
  }
  // The thread is over: its alert closes (a hand-off keeps it open for the next part).
  if (!ended.continues) await closeThreadAlert(ctx, ended.conversationId);
  await announceVolunteerState(ctx, volunteerId);
}

/**
 * Imminent risk is not closed alone: a volunteer ends a chat whose alert is imminent and unacknowledged only by
 * saying why (the survivor is safe, emergency services are on the way), which is recorded; otherwise `conflict`
 * with `details.reason = 'imminent_unacknowledged'` so the console can ask. A supervisor's acknowledgement lifts it.
 */
export async function assertMayEndAlone(
  ctx: AppContext,
  caller: { principal: Principal; ipHash: string | null },
  conversationId: string,
  reason: ImminentEndReason | undefined,
): Promise<void> {
  const held = await imminentUnacknowledged(ctx.db, conversationId);
  if (!held) return;
  const p = caller.principal;
  if (!reason) {
    throw new Conflict(
      'This chat is marked imminent risk and no supervisor has acknowledged it yet. Ask for help, or say why it can end now ' +
        '(the survivor is safe, or emergency services are on the way).',
      { reason: 'imminent_unacknowledged' },
    );
  }
  await recordImminentEnd(ctx, held.id, { id: p.kind === 'staff' ? p.userId : '', role: p.kind === 'staff' ? p.role : 'visitor', ipHash: caller.ipHash }, reason);
}
