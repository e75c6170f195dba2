// Socket events both sides of a chat use: send, catch up, typing, end.
import type { EndReason, EndedBy } from '@beside/shared';
import { assertMayEndAlone, endAndAnnounce } from '../commands/endConversation.js';
import { requireParticipant, requireReader } from '../domain/conversations/conversations.js';
import { appendMessage, loadMessages, toChatMessage } from '../domain/conversations/messages.js';
import { actOnDelivered, screenBeforeSend } from '../domain/moderation/screening.js';
import { Conflict } from '../domain/core/errors.js';
import { assertNotTakenOver } from '../domain/moderation/supervision.js';
import type { AppContext } from '../context.js';
import type { Principal } from '../security/tokens.js';
import { ANYONE, type EventGroup } from './registry.js';

/** A retry's answer quotes the stored message: only its sender may have it, and a volunteer only while they may read. */
async function assertMayHearRetry(
  ctx: AppContext,
  principal: Principal,
  row: { conversationId: string; senderRole: string; senderId: string | null },
): Promise<void> {
  const ownMessage =
    principal.kind === 'visitor' ? row.senderRole === 'visitor' : row.senderRole === 'volunteer' && row.senderId === principal.userId;
  if (!ownMessage) throw new Conflict('That message id is already used.');
  if (principal.kind === 'staff') {
    await requireReader(ctx.db, principal, row.conversationId).catch(() => {
      throw new Conflict('This conversation has ended.');
    });
  }
}

export const conversationEvents = {
  'message:send': {
    who: ANYONE,
    async handle(input, caller, ctx) {
      const { principal } = caller;
      const isVisitor = principal.kind === 'visitor';
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      // Moderation: a volunteer's contact details are held back here, before anything is stored.
      const screened = await screenBeforeSend(ctx, conv, principal, input.body);
      const { row, duplicate } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
        conversationId: input.conversationId,
        clientId: input.clientId,
        senderRole: isVisitor ? 'visitor' : 'volunteer',
        senderId: isVisitor ? null : principal.userId,
        kind: 'text',
        body: input.body,
      });
      // A retry is answered with the stored message only to the one who sent it, and to a volunteer only while the
      // chat is theirs and going on: a client id replayed after the end must not read the message back.
      if (duplicate) await assertMayHearRetry(ctx, caller.principal, row);
      // A duplicate is answered with what was stored first, so only a new message may skip the decryption.
      const senderName = row.senderRole === 'volunteer' ? caller.displayName : undefined;
      const message = toChatMessage(row, ctx.cipher, senderName, duplicate ? undefined : input.body);
      // A retry is answered with the stored message and not delivered again.
      if (!duplicate) {
        // Not back to the sending connection: its ack carries the message.
        ctx.live.emit({ conversation: message.conversationId }, 'message:new', message, { exceptConnection: caller.connectionId });
        // Moderation: the survivor's safety note, high risk and alerts, automatic flags; all after delivery.
        await actOnDelivered(ctx, conv, message, screened);
      }
      return message;
    },
  },

  'messages:since': {
    who: ANYONE,
    async handle(input, caller, ctx) {
      const conv = await requireReader(ctx.db, caller.principal, input.conversationId);
      return loadMessages(ctx.db, ctx.cipher, conv, input.afterSeq, 500);
    },
  },

  typing: {
    who: ANYONE,
    async handle(input, caller, ctx) {
      await requireParticipant(ctx.db, caller.principal, input.conversationId);
      ctx.live.emit(
        { conversation: input.conversationId },
        'typing',
        { conversationId: input.conversationId, sender: caller.principal.kind === 'visitor' ? 'visitor' : 'volunteer', typing: input.typing },
        { exceptConnection: caller.connectionId },
      );
      return null;
    },
  },

  'conversation:end': {
    who: ANYONE,
    async handle(input, caller, ctx) {
      const conv = await requireParticipant(ctx.db, caller.principal, input.conversationId);
      const isVisitor = caller.principal.kind === 'visitor';
      const endedBy: EndedBy = isVisitor ? 'visitor' : 'volunteer';
      const reason: EndReason = isVisitor ? 'ended_by_visitor' : 'ended_by_volunteer';
      // Imminent risk is not closed alone; the survivor's own ending never waits.
      if (!isVisitor && caller.principal.kind === 'staff') {
        await assertNotTakenOver(ctx.db, conv, caller.principal.userId);
        await assertMayEndAlone(ctx, caller, conv.id, input.imminentReason);
      }
      const { ended } = await endAndAnnounce(ctx, conv.id, { endedBy, reason });
      return ended;
    },
  },
} satisfies EventGroup;
