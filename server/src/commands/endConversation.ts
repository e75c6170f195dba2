// Ending a conversation and telling everyone: both sides, the moderators alerted about it, the volunteer's console, the queue.
import type { ConversationEnded, EndReason, EndedBy } from '@beside/shared';
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
  await announceVolunteerState(ctx, volunteerId);
}
