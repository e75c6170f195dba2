// Socket events of a volunteer: shifts, the queue summary, transfers and hand-offs; and their connection's comings and goings.
import { and, eq } from 'drizzle-orm';
import {
  conversationRefSchema,
  conversationTransferSchema,
  emptySchema,
  shiftSetSchema,
  type TransferResult,
} from '@beside/shared';
import type { AppContext } from '../context.js';
import { conversations, volunteerPresence } from '../db/schema.js';
import { Conflict } from '../domain/core/errors.js';
import { queueSummary } from '../domain/matching/queue.js';
import { countActiveConversations, markVolunteerConnection, setShift } from '../domain/matching/presence.js';
import { handoffFor, transferCandidates, transferToQueue, transferToVolunteer } from '../domain/matching/transfer.js';
import { forgetCapacitySnapshot } from '../domain/matching/waitEstimate.js';
import { errorFields } from '../logger.js';
import { handleEvent } from './ack.js';
import type { Notifier } from './notifier.js';
import { rooms } from './rooms.js';
import type { IoSocket } from './types.js';

export function registerVolunteerHandlers(socket: IoSocket, ctx: AppContext, notifier: Notifier, staffId: string): void {
  // Every staff member sees the queue summary as it changes.
  void socket.join(rooms.staff);

  socket.on(
    'shift:set',
    handleEvent('shift:set', shiftSetSchema, ctx.logger, async (input) => {
      try {
        const state = await setShift(ctx.db, ctx.clock, staffId, input);
        await notifier.volunteerState(staffId);
        void ctx.matchmaker.kick();
        await notifier.queueChanged();
        return state;
      } catch (err) {
        if (!(err instanceof Conflict) || input.onShift) throw err;
        // Going off shift with chats open: no new chats from now on; off shift once they are finished or passed on.
        await setShift(ctx.db, ctx.clock, staffId, { onShift: true, accepting: false });
        await notifier.volunteerState(staffId);
        await notifier.queueChanged();
        const open = await countActiveConversations(ctx.db, staffId);
        throw new Conflict(
          `You still have ${open} open chat${open === 1 ? '' : 's'}: finish or transfer ${open === 1 ? 'it' : 'them'} first. ` +
            'You will get no new chats meanwhile.',
        );
      }
    }),
  );

  socket.on(
    'queue:summary',
    handleEvent('queue:summary', emptySchema, ctx.logger, () => queueSummary(ctx.db, ctx.clock)),
  );

  socket.on(
    'conversation:transfer',
    handleEvent('conversation:transfer', conversationTransferSchema, ctx.logger, async (input): Promise<TransferResult> => {
      const request = {
        conversationId: input.conversationId,
        fromVolunteerId: staffId,
        cooldownSeconds: ctx.config.timing.chatCooldownSeconds,
        ...(input.note ? { note: input.note } : {}),
      };
      if (input.toVolunteerId) {
        const done = await transferToVolunteer(ctx.db, ctx.clock, ctx.cipher, { ...request, toVolunteerId: input.toVolunteerId });
        await notifier.transferred(done);
        return {
          conversationId: done.conversationId,
          to: 'volunteer',
          newConversationId: done.newConversationId,
          volunteerName: done.toVolunteerName,
        };
      }
      const returned = await transferToQueue(ctx.db, ctx.clock, ctx.cipher, request);
      await notifier.returnedToQueue([returned]);
      return { conversationId: returned.conversationId, to: 'queue' };
    }),
  );

  socket.on(
    'transfer:candidates',
    handleEvent('transfer:candidates', conversationRefSchema, ctx.logger, ({ conversationId }) =>
      transferCandidates(ctx.db, ctx.clock, conversationId, staffId),
    ),
  );

  socket.on(
    'handoff:get',
    handleEvent('handoff:get', conversationRefSchema, ctx.logger, ({ conversationId }) =>
      handoffFor(ctx.db, ctx.cipher, conversationId, staffId),
    ),
  );
}

async function activeConversationIds(ctx: AppContext, staffId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.volunteerId, staffId), eq(conversations.status, 'active')));
  return rows.map((r) => r.id);
}

/** A staff connection is up: a volunteer who was away is back for their survivors, and may be routed chats again. */
export async function volunteerConnected(ctx: AppContext, notifier: Notifier, staffId: string): Promise<void> {
  const [presence] = await ctx.db
    .select({ disconnectedAt: volunteerPresence.disconnectedAt })
    .from(volunteerPresence)
    .where(eq(volunteerPresence.staffId, staffId))
    .limit(1);
  await markVolunteerConnection(ctx.db, ctx.clock, staffId, true);
  forgetCapacitySnapshot(ctx.db);
  if (presence?.disconnectedAt) {
    const back = await activeConversationIds(ctx, staffId);
    if (back.length > 0) notifier.volunteerBack(back);
    void notifier.queueChanged();
  }
  void ctx.matchmaker.kick();
}

/**
 * A staff connection closed. When it was their last, they are not routed new chats, and the survivors of their
 * open chats are told the grace period is running (the sweep puts them back in the queue when it is over).
 */
export async function volunteerDisconnected(ctx: AppContext, notifier: Notifier, staffId: string): Promise<void> {
  try {
    if ((await notifier.socketsIn(rooms.user(staffId))) > 0) return;
    const since = ctx.clock.now();
    await markVolunteerConnection(ctx.db, ctx.clock, staffId, false);
    forgetCapacitySnapshot(ctx.db);
    const away = await activeConversationIds(ctx, staffId);
    if (away.length > 0) notifier.volunteerAway(away, since);
    void notifier.queueChanged();
  } catch (err) {
    ctx.logger.warn('socket.staff_gone_failed', errorFields(err));
  }
}
