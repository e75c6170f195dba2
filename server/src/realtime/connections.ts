// A connection's comings and goings: the rooms it joins, what a survivor or volunteer is told when one arrives or
// leaves, the state a reloaded console restores, and `session:state`.
import type { SessionState } from '@beside/shared';
import type { AppContext } from '../context.js';
import { activeConversationsOf } from '../domain/conversations/conversations.js';
import {
  activeConversationIdsOf,
  awayVolunteersOf,
  getVolunteerState,
  markVolunteerConnection,
  volunteerDisconnectedAt,
} from '../domain/matching/presence.js';
import { markQueueConnection, queueStatusOf } from '../domain/matching/queue.js';
import { forgetCapacitySnapshot } from '../domain/matching/waitEstimate.js';
import { riskBannersFor } from '../domain/moderation/screening.js';
import { observedBy } from '../domain/moderation/supervision.js';
import { errorFields } from '../logger.js';
import { ANYONE, type EventGroup } from './registry.js';
import { rooms } from './rooms.js';
import type { IoSocket } from './types.js';

export const sessionEvents = {
  'session:state': {
    who: ANYONE,
    async handle(_input, { principal }, ctx): Promise<SessionState> {
      const conversations = await activeConversationsOf(ctx.db, principal);
      if (principal.kind === 'visitor') {
        const queue = await queueStatusOf(ctx.db, ctx.clock, principal.visitorId, { timing: ctx.config.timing });
        return { kind: 'visitor', queue, conversations };
      }
      return { kind: 'staff', conversations, volunteer: await getVolunteerState(ctx.db, principal.userId) };
    },
  },
} satisfies EventGroup;

/** Joins the connection's rooms and tells whoever needs to know that this person is (back) here. */
export async function connectionOpened(socket: IoSocket, ctx: AppContext): Promise<void> {
  const { principal } = socket.data;
  const active = await activeConversationsOf(ctx.db, principal);
  if (principal.kind === 'visitor') {
    await socket.join([rooms.visitor(principal.visitorId), ...active.map((c) => rooms.conversation(c.id))]);
    await visitorConnected(ctx, principal.visitorId);
    socket.on('disconnect', () => void visitorDisconnected(ctx, principal.visitorId));
    return;
  }
  const staffRooms = [rooms.user(principal.userId), rooms.staff, ...active.map((c) => rooms.conversation(c.id))];
  if (principal.sessionId) staffRooms.push(rooms.session(principal.sessionId));
  if (principal.role !== 'volunteer') staffRooms.push(rooms.moderators, ...(await observedBy(ctx.db, principal.userId)).map(rooms.conversation));
  await socket.join(staffRooms);
  await volunteerConnected(ctx, principal.userId);
  socket.on('disconnect', () => void volunteerDisconnected(ctx, principal.userId));
  // A volunteer sees the risk banner again for each of their live high-risk conversations.
  void riskBannersFor(ctx, principal.userId).then(
    (banners) => banners.forEach((banner) => socket.emit('risk:banner', banner)),
    (err: unknown) => ctx.logger.warn('moderation.restore_failed', errorFields(err)),
  );
}

/**
 * A survivor's connection is up (first connection or a reload): a held place is theirs again, and matching may
 * now pair them; if their volunteer is away, they are told again.
 */
async function visitorConnected(ctx: AppContext, visitorId: string): Promise<void> {
  if (await markQueueConnection(ctx.db, ctx.clock, visitorId, true)) {
    void ctx.matchmaker.kick();
    void ctx.queue.changed();
    return;
  }
  for (const away of await awayVolunteersOf(ctx.db, visitorId)) announceVolunteerAway(ctx, [away.conversationId], away.since);
}

/** When a survivor's last connection closes, their queue place is held, not lost (for QUEUE_HOLD_SECONDS). */
async function visitorDisconnected(ctx: AppContext, visitorId: string): Promise<void> {
  try {
    if ((await ctx.live.connections({ visitors: [visitorId] })) > 0) return;
    if (await markQueueConnection(ctx.db, ctx.clock, visitorId, false)) void ctx.queue.changed();
  } catch (err) {
    ctx.logger.warn('socket.visitor_gone_failed', errorFields(err));
  }
}

/** A staff connection is up: a volunteer who was away is back for their survivors, and may be routed chats again. */
async function volunteerConnected(ctx: AppContext, staffId: string): Promise<void> {
  const wasAway = await volunteerDisconnectedAt(ctx.db, staffId);
  await markVolunteerConnection(ctx.db, ctx.clock, staffId, true);
  forgetCapacitySnapshot(ctx.db);
  if (wasAway) {
    for (const conversationId of await activeConversationIdsOf(ctx.db, staffId)) {
      ctx.live.emit({ conversation: conversationId }, 'conversation:volunteer_back', { conversationId });
    }
    void ctx.queue.changed();
  }
  void ctx.matchmaker.kick();
}

/**
 * A staff connection closed. When it was their last, they are not routed new chats, and the survivors of their
 * open chats are told the grace period is running (the sweep puts them back in the queue when it is over).
 */
async function volunteerDisconnected(ctx: AppContext, staffId: string): Promise<void> {
  try {
    if ((await ctx.live.connections({ staff: [staffId] })) > 0) return;
    const since = ctx.clock.now();
    await markVolunteerConnection(ctx.db, ctx.clock, staffId, false);
    forgetCapacitySnapshot(ctx.db);
    announceVolunteerAway(ctx, await activeConversationIdsOf(ctx.db, staffId), since);
    void ctx.queue.changed();
  } catch (err) {
    ctx.logger.warn('socket.staff_gone_failed', errorFields(err));
  }
}

/** The volunteer's last connection dropped: their survivors are told how long the grace period runs. */
function announceVolunteerAway(ctx: AppContext, conversationIds: string[], since: Date): void {
  const returnsToQueueAt = new Date(since.getTime() + ctx.config.timing.volunteerGraceSeconds * 1000).toISOString();
  for (const conversationId of conversationIds) {
    ctx.live.emit({ conversation: conversationId }, 'conversation:volunteer_away', { conversationId, since: since.toISOString(), returnsToQueueAt });
  }
}
