// Quick exit: the survivor leaves everything at once, their queue place and any chat, as "the visitor left".
import type { AppContext } from '../context.js';
import { activeConversationsOf } from '../domain/conversations/conversations.js';
import { Conflict } from '../domain/core/errors.js';
import { leaveQueue } from '../domain/matching/queue.js';
import { markVisitorExited } from '../domain/conversations/visitors.js';
import { endAndAnnounce } from './endConversation.js';

export async function exitVisitor(ctx: AppContext, visitorId: string): Promise<void> {
  // The token dies first: from this commit on no handshake or request with it is accepted, so nobody holding the
  // device (or a copy of the token) can read the transcript after the survivor left.
  await markVisitorExited(ctx.db, ctx.clock, visitorId);
  if (await leaveQueue(ctx.db, visitorId)) await ctx.queue.changed();
  for (const conv of await activeConversationsOf(ctx.db, { kind: 'visitor', visitorId })) {
    try {
      await endAndAnnounce(ctx, conv.id, { endedBy: 'visitor', reason: 'visitor_left' });
    } catch (err) {
      if (!(err instanceof Conflict)) throw err; // ended meanwhile, by the other side
    }
  }
  await ctx.live.revoke({ visitors: [visitorId] });
}
