// Socket events for privacy and help: the survivor deletes a transcript; a volunteer shares a help resource.
import type { TranscriptDeleted } from '@beside/shared';
import { requireParticipant } from '../domain/conversations/conversations.js';
import { appendMessage, toChatMessage } from '../domain/conversations/messages.js';
import { Forbidden } from '../domain/core/errors.js';
import { findResourceForLanguage, toSharedResource } from '../domain/privacy/resources.js';
import { deleteTranscriptForVisitor } from '../domain/privacy/retention.js';
import { assertNotTakenOver } from '../domain/moderation/supervision.js';
import { STAFF, VISITOR, type EventGroup } from './registry.js';

export const privacyEvents = {
  'conversation:delete': {
    who: VISITOR,
    async handle(input, { principal }, ctx) {
      if (principal.kind !== 'visitor') throw new Forbidden('Only the survivor can delete a conversation.');
      const deletion = await deleteTranscriptForVisitor(ctx.db, ctx.clock, principal.visitorId, input.conversationId, ctx.config.privacy.retentionHours);
      const deleted: TranscriptDeleted = {
        conversationId: deletion.conversationId,
        conversationIds: deletion.conversationIds,
        deletedAt: deletion.deletedAt.toISOString(),
      };
      // Both sides drop it from view (the volunteer's console may still show it).
      ctx.live.emit({ visitors: [deletion.visitorId], staff: deletion.volunteerIds }, 'conversation:transcript_deleted', deleted);
      return deleted;
    },
  },

  'resource:share': {
    who: STAFF,
    async handle(input, caller, ctx) {
      const { principal } = caller;
      if (principal.kind !== 'staff') throw new Forbidden('Only the volunteer can share a resource.');
      const conv = await requireParticipant(ctx.db, principal, input.conversationId);
      await assertNotTakenOver(ctx.db, conv, principal.userId);
      const resource = await findResourceForLanguage(ctx.db, input.slug, conv.language);
      const { row, duplicate } = await appendMessage(ctx.db, ctx.cipher, ctx.clock, {
        conversationId: conv.id,
        clientId: input.clientId,
        senderRole: 'volunteer',
        senderId: principal.userId,
        // Stored as data, not as words: each reader's page labels it in their own language. Not screened for
        // contact details: the volunteer did not type it, and it comes from the directory.
        kind: 'resource',
        resource: toSharedResource(resource),
      });
      const message = toChatMessage(row, ctx.cipher, caller.displayName);
      if (!duplicate) ctx.live.emit({ conversation: conv.id }, 'message:new', message);
      return message;
    },
  },
} satisfies EventGroup;
