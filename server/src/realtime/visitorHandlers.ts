// Socket events of a survivor: joining and leaving the queue, the preference choice, and keeping their place.
import { and, eq, isNotNull } from 'drizzle-orm';
import { emptySchema, intakeSchema, queuePreferenceSchema } from '@beside/shared';
import type { AppContext } from '../context.js';
import { conversations, volunteerPresence } from '../db/schema.js';
import { assertVisitorMayQueue } from '../domain/moderation/bans.js';
import { choosePreference, joinQueue, leaveQueue, markQueueConnection, queueStatusOf } from '../domain/matching/queue.js';
import { errorFields } from '../logger.js';
import { handleEvent } from './ack.js';
import type { Notifier } from './notifier.js';
import { rooms } from './rooms.js';
import type { IoSocket } from './types.js';

export function registerVisitorHandlers(socket: IoSocket, ctx: AppContext, notifier: Notifier, visitorId: string): void {
  const status = () => queueStatusOf(ctx.db, ctx.clock, visitorId, { timing: ctx.config.timing });

  socket.on(
    'queue:join',
    handleEvent('queue:join', intakeSchema, ctx.logger, async (intake) => {
      // Moderation: a banned (or blocked) visitor gets a calm 'banned' answer and no place in the queue.
      await assertVisitorMayQueue(ctx.db, ctx.clock, visitorId, ctx.hashIp(socket.handshake.address));
      await joinQueue(ctx.db, ctx.clock, visitorId, intake);
      // Matching runs now, but the answer does not wait for it: a survivor with a free volunteer gets
      // conversation:started a moment after this ack (which may still say 'waiting').
      void ctx.matchmaker.kick();
      await notifier.queueChanged();
      return status();
    }),
  );

  socket.on(
    'queue:leave',
    handleEvent('queue:leave', emptySchema, ctx.logger, async () => {
      if (await leaveQueue(ctx.db, visitorId)) await notifier.queueChanged();
      return status();
    }),
  );

  socket.on(
    'queue:preference',
    handleEvent('queue:preference', queuePreferenceSchema, ctx.logger, async ({ keep }) => {
      await choosePreference(ctx.db, visitorId, keep);
      if (!keep) void ctx.matchmaker.kick();
      await notifier.queueChanged();
      return status();
    }),
  );
}

/**
 * A survivor's connection is up (first connection or a reload): a held place is theirs again, and matching may
 * now pair them; if their volunteer is away, they are told again.
 */
export async function visitorConnected(ctx: AppContext, notifier: Notifier, visitorId: string): Promise<void> {
  if (await markQueueConnection(ctx.db, ctx.clock, visitorId, true)) {
    void ctx.matchmaker.kick();
    void notifier.queueChanged();
    return;
  }
  const away = await ctx.db
    .select({ id: conversations.id, since: volunteerPresence.disconnectedAt })
    .from(conversations)
    .innerJoin(volunteerPresence, eq(volunteerPresence.staffId, conversations.volunteerId))
    .where(
      and(eq(conversations.visitorId, visitorId), eq(conversations.status, 'active'), isNotNull(volunteerPresence.disconnectedAt)),
    );
  for (const a of away) if (a.since) notifier.volunteerAway([a.id], a.since);
}

/** When a survivor's last connection closes, their queue place is held, not lost (for QUEUE_HOLD_SECONDS). */
export async function visitorDisconnected(ctx: AppContext, notifier: Notifier, visitorId: string): Promise<void> {
  try {
    if ((await notifier.socketsIn(rooms.visitor(visitorId))) > 0) return;
    if (await markQueueConnection(ctx.db, ctx.clock, visitorId, false)) void notifier.queueChanged();
  } catch (err) {
    ctx.logger.warn('socket.visitor_gone_failed', errorFields(err));
  }
}
