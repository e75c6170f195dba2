// Socket events both sides of a chat use: send, catch up, typing, end.
import {
  conversationEndSchema,
  messageSendSchema,
  messagesSinceSchema,
  typingSchema,
  type EndReason,
  type EndedBy,
} from '@beside/shared';
import type { AppContext } from '../context.js';
import { endConversation, requireParticipant, requireReader } from '../domain/conversations/conversations.js';
import { appendMessage, loadMessages, toChatMessage } from '../domain/conversations/messages.js';
import { actOnDelivered, screenBeforeSend } from '../domain/moderation/screening.js';
import { handleEvent } from './ack.js';
import type { Notifier } from './notifier.js';
import type { IoSocket } from './types.js';

export function registerChatHandlers(socket: IoSocket, ctx: AppContext, notifier: Notifier): void {
  const { principal } = socket.data;
  const isVisitor = principal.kind === 'visitor';

  socket.on(
    'message:send',
    handleEvent('message:send', messageSendSchema, ctx.logger, async (input) => {
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      // Moderation: a volunteer's contact details are held back here, before anything is stored.
      const screened = await screenBeforeSend(ctx, conv, principal, input.body);
      const { row, duplicate } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
        conversationId: input.conversationId,
        clientId: input.clientId,
        senderRole: isVisitor ? 'visitor' : 'volunteer',
        senderId: isVisitor ? null : principal.userId,
        body: input.body,
      });
      // A duplicate is answered with what was stored first, so only a new message may skip the decryption.
      const senderName = row.senderRole === 'volunteer' ? socket.data.displayName : undefined;
      const message = toChatMessage(row, ctx.cipher, senderName, duplicate ? undefined : input.body);
      // A retry is answered with the stored message and not delivered again.
      if (!duplicate) {
        notifier.message(message, socket.id);
        // Moderation: the survivor's safety note, high risk and alerts, automatic flags; all after delivery.
        await actOnDelivered(ctx, conv, message, screened);
      }
      return message;
    }),
  );

  socket.on(
    'messages:since',
    handleEvent('messages:since', messagesSinceSchema, ctx.logger, async (input) => {
      const conv = await requireReader(ctx.db, principal, input.conversationId);
      return loadMessages(ctx.db, ctx.cipher, conv, input.afterSeq, 500);
    }),
  );

  socket.on(
    'typing',
    handleEvent('typing', typingSchema, ctx.logger, async (input) => {
      await requireParticipant(ctx.db, principal, input.conversationId);
      socket.to(`conversation:${input.conversationId}`).emit('typing', {
        conversationId: input.conversationId,
        sender: isVisitor ? 'visitor' : 'volunteer',
        typing: input.typing,
      });
      return null;
    }),
  );

  socket.on(
    'conversation:end',
    handleEvent('conversation:end', conversationEndSchema, ctx.logger, async (input) => {
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      const endedBy: EndedBy = isVisitor ? 'visitor' : 'volunteer';
      const reason: EndReason = isVisitor ? 'ended_by_visitor' : 'ended_by_volunteer';
      const { ended } = await endConversation(ctx.db, ctx.clock, conv.id, {
        endedBy,
        reason,
        cooldownSeconds: ctx.config.timing.chatCooldownSeconds,
        highRiskCooldownSeconds: ctx.config.timing.highRiskCooldownSeconds,
      });
      await notifier.ended(ended, conv.volunteerId);
      return ended;
    }),
  );
}
