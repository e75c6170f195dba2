// Socket events for privacy and help: the survivor deletes a transcript; a volunteer shares a help resource.
import { conversationDeleteSchema, resourceShareSchema, type Language, type TranscriptDeleted } from '@beside/shared';
import type { AppContext } from '../context.js';
import { requireParticipant } from '../domain/conversations/conversations.js';
import { Forbidden } from '../domain/core/errors.js';
import { appendMessage, toChatMessage } from '../domain/conversations/messages.js';
import { findResourceForLanguage, formatResourceMessage } from '../domain/privacy/resources.js';
import { deleteTranscriptForVisitor } from '../domain/privacy/retention.js';
import { handleEvent } from './ack.js';
import type { Notifier } from './notifier.js';
import type { IoSocket } from './types.js';

export function registerPrivacyHandlers(socket: IoSocket, ctx: AppContext, notifier: Notifier): void {
  const { principal } = socket.data;

  socket.on(
    'conversation:delete',
    handleEvent('conversation:delete', conversationDeleteSchema, ctx.logger, async (input) => {
      if (principal.kind !== 'visitor') throw new Forbidden('Only the survivor can delete a conversation.');
      const deletion = await deleteTranscriptForVisitor(
        ctx.db,
        ctx.clock,
        principal.visitorId,
        input.conversationId,
        ctx.config.privacy.retentionHours,
      );
      const deleted: TranscriptDeleted = {
        conversationId: deletion.conversationId,
        conversationIds: deletion.conversationIds,
        deletedAt: deletion.deletedAt.toISOString(),
      };
      notifier.transcriptDeleted(deleted, deletion.visitorId, deletion.volunteerIds);
      return deleted;
    }),
  );

  socket.on(
    'resource:share',
    handleEvent('resource:share', resourceShareSchema, ctx.logger, async (input) => {
      if (principal.kind !== 'staff') throw new Forbidden('Only the volunteer can share a resource.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      const resource = await findResourceForLanguage(ctx.db, input.slug, conv.language as Language);
      const { row, duplicate } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
        conversationId: conv.id,
        clientId: input.clientId,
        senderRole: 'volunteer',
        senderId: principal.userId,
        body: formatResourceMessage(resource),
      });
      const message = toChatMessage(row, ctx.cipher, socket.data.displayName);
      if (!duplicate) notifier.message(message);
      return message;
    }),
  );
}
