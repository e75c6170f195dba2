// Socket events of matching: a survivor's queue place and preference; a volunteer's shift, queue summary and transfers.
import { transferConversation } from '../commands/transferConversation.js';
import { Conflict } from '../domain/core/errors.js';
import { raiseAlert } from '../domain/moderation/alerts.js';
import { assertVisitorMayQueue } from '../domain/moderation/bans.js';
import { announceVolunteerState, countActiveConversations, setShift } from '../domain/matching/presence.js';
import { choosePreference, joinQueue, leaveQueue, queueStatusOf, queueSummary, waitingEntryOf } from '../domain/matching/queue.js';
import { handoffFor, transferCandidates } from '../domain/matching/transfer.js';
import type { AppContext } from '../context.js';
import type { Principal } from '../security/tokens.js';
import { admitQueueEntry } from './queueGuards.js';
import { STAFF, VISITOR, type EventGroup } from './registry.js';

const visitorIdOf = (p: Principal): string => (p.kind === 'visitor' ? p.visitorId : '');
const staffIdOf = (p: Principal): string => (p.kind === 'staff' ? p.userId : '');
const statusOf = (ctx: AppContext, visitorId: string) => queueStatusOf(ctx.db, ctx.clock, visitorId, { timing: ctx.config.timing });

export const matchingEvents = {
  'queue:join': {
    who: VISITOR,
    async handle(intake, caller, ctx) {
      const visitorId = visitorIdOf(caller.principal);
      // Moderation: a banned (or blocked) visitor gets a calm 'banned' answer and no place in the queue.
      await assertVisitorMayQueue(ctx.db, ctx.clock, visitorId, caller.ipHash);
      // Flood protection per address: a survivor already waiting keeps their place without spending the budget.
      const admitted = (await waitingEntryOf(ctx.db, visitorId)) ? intake : await admitQueueEntry(ctx, caller, intake);
      const entryId = await joinQueue(ctx.db, ctx.clock, visitorId, admitted);
      // "In immediate danger: yes" raises an alert at once, before any volunteer is free.
      if (admitted.inDanger) await raiseAlert(ctx, { queueEntryId: entryId, kind: 'intake_danger', crisisKinds: ['immediate_danger'], imminent: true });
      // Matching runs now, but the answer does not wait for it: a survivor with a free volunteer gets
      // conversation:started a moment after this ack (which may still say 'waiting').
      void ctx.matchmaker.kick();
      await ctx.queue.changed();
      return statusOf(ctx, visitorId);
    },
  },

  'queue:leave': {
    who: VISITOR,
    async handle(_input, caller, ctx) {
      const visitorId = visitorIdOf(caller.principal);
      if (await leaveQueue(ctx.db, visitorId)) await ctx.queue.changed();
      return statusOf(ctx, visitorId);
    },
  },

  'queue:preference': {
    who: VISITOR,
    async handle({ keep }, caller, ctx) {
      const visitorId = visitorIdOf(caller.principal);
      await choosePreference(ctx.db, visitorId, keep);
      if (!keep) void ctx.matchmaker.kick();
      await ctx.queue.changed();
      return statusOf(ctx, visitorId);
    },
  },

  'queue:summary': {
    who: STAFF,
    handle: (_input, _caller, ctx) => queueSummary(ctx.db, ctx.clock),
  },

  'shift:set': {
    who: STAFF,
    async handle(input, caller, ctx) {
      const staffId = staffIdOf(caller.principal);
      try {
        const state = await setShift(ctx.db, ctx.clock, staffId, input);
        await announceVolunteerState(ctx, staffId);
        void ctx.matchmaker.kick();
        await ctx.queue.changed();
        return state;
      } catch (err) {
        if (!(err instanceof Conflict) || input.onShift) throw err;
        // Going off shift with chats open: no new chats from now on; off shift once they are finished or passed on.
        await setShift(ctx.db, ctx.clock, staffId, { onShift: true, accepting: false });
        await announceVolunteerState(ctx, staffId);
        await ctx.queue.changed();
        const open = await countActiveConversations(ctx.db, staffId);
        throw new Conflict(
          `You still have ${open} open chat${open === 1 ? '' : 's'}: finish or transfer ${open === 1 ? 'it' : 'them'} first. ` +
            'You will get no new chats meanwhile.',
        );
      }
    },
  },

  'conversation:transfer': {
    who: STAFF,
    handle: (input, caller, ctx) =>
      transferConversation(ctx, {
        conversationId: input.conversationId,
        fromVolunteerId: staffIdOf(caller.principal),
        ...(input.toVolunteerId ? { toVolunteerId: input.toVolunteerId } : {}),
        ...(input.note ? { note: input.note } : {}),
      }),
  },

  'transfer:candidates': {
    who: STAFF,
    handle: ({ conversationId }, caller, ctx) => transferCandidates(ctx.db, ctx.clock, conversationId, staffIdOf(caller.principal)),
  },

  'handoff:get': {
    who: STAFF,
    handle: ({ conversationId }, caller, ctx) => handoffFor(ctx.db, ctx.cipher, conversationId, staffIdOf(caller.principal)),
  },
} satisfies EventGroup;
