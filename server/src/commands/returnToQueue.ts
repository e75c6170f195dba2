// Survivors put back at the front of the queue: the end told to both sides, their new place, then matching.
import type { StaffAccount } from '@beside/shared';
import type { AppContext } from '../context.js';
import { activeConversationsOf } from '../domain/conversations/conversations.js';
import { Conflict } from '../domain/core/errors.js';
import { markQueueConnection } from '../domain/matching/queue.js';
import { returnConversationToQueue, type ReturnedToQueue } from '../domain/matching/requeue.js';
import { errorFields } from '../logger.js';
import { announceEnded } from './endConversation.js';

export async function announceReturnedToQueue(ctx: AppContext, results: ReturnedToQueue[]): Promise<void> {
  if (results.length === 0) return;
  for (const r of results) {
    await announceEnded(ctx, r.ended, r.volunteerId);
    // A survivor who is not connected keeps the place for the hold time, like any disconnected survivor.
    if ((await ctx.live.connections({ visitors: [r.visitorId] })) === 0) {
      await markQueueConnection(ctx.db, ctx.clock, r.visitorId, false);
    }
    await ctx.queue.pushTo([r.visitorId]);
  }
  await ctx.matchmaker.kick();
  await ctx.queue.changed();
}

/**
 * Puts every open chat of this volunteer back at the front of the queue (their account is being suspended or
 * disabled) and tells everyone; returns how many. Each return is committed before anyone is told.
 */
export async function requeueOpenChats(ctx: AppContext, staffId: string, role: StaffAccount['role']): Promise<number> {
  const returned: ReturnedToQueue[] = [];
  for (const conv of await activeConversationsOf(ctx.db, { kind: 'staff', userId: staffId, role })) {
    try {
      returned.push(
        await returnConversationToQueue(ctx.db, ctx.clock, conv.id, { reason: 'volunteer_unavailable', endedBy: 'system', volunteerId: staffId }),
      );
    } catch (err) {
      if (!(err instanceof Conflict)) throw err; // already ended or handed on meanwhile
    }
  }
  try {
    await announceReturnedToQueue(ctx, returned);
  } catch (err) {
    // Committed already: the survivors' next connection or push shows their place.
    ctx.logger.warn('matching.requeue_notify_failed', errorFields(err));
  }
  return returned.length;
}
