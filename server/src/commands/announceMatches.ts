// Telling both sides of a committed match, with the hand-off and the risk a handed-on chat carries.
import type { AppContext } from '../context.js';
import { conversationViewById } from '../domain/conversations/conversations.js';
import type { Match } from '../domain/matching/claim.js';
import { announceVolunteerState } from '../domain/matching/presence.js';
import { handoffFor } from '../domain/matching/transfer.js';
import { alertFollowsMatch } from '../domain/moderation/alerts.js';
import { markHighRisk, riskFollowsChat } from '../domain/moderation/screening.js';
import { loadConversation } from '../domain/conversations/loader.js';

export async function announceMatches(ctx: AppContext, matches: Match[]): Promise<void> {
  for (const m of matches) {
    await ctx.live.joinConversation({ visitors: [m.visitorId], staff: [m.volunteerId] }, m.conversationId);
    const view = m.view ?? (await conversationViewById(ctx.db, m.conversationId));
    if (view) ctx.live.emit({ conversation: m.conversationId }, 'conversation:started', view);
    // A survivor handed on: the new volunteer (only) learns why, and reads the private notes.
    // An alert raised while the survivor waited (the intake's danger answer) follows them into the chat.
    await alertFollowsMatch(ctx, m.conversationId);
    if (m.previousConversationId) {
      await announceHandoff(ctx, m.conversationId, m.volunteerId);
      await riskFollowsChat(ctx, m.conversationId);
    }
    // "In immediate danger" at intake: the chat is high-risk from its first second and the volunteer gets the protocol.
    const conv = await loadConversation(ctx.db, m.conversationId);
    if (conv?.urgent && conv.status === 'active') await markHighRisk(ctx, conv, ['immediate_danger'], 'intake');
    await announceVolunteerState(ctx, m.volunteerId);
  }
}

/** The hand-off of a conversation, to its volunteer's connections only (never the survivor's). */
export async function announceHandoff(ctx: AppContext, conversationId: string, volunteerId: string): Promise<void> {
  const handoff = await handoffFor(ctx.db, ctx.cipher, conversationId, volunteerId);
  if (handoff) ctx.live.emit({ staff: [volunteerId] }, 'conversation:handoff', handoff);
}
