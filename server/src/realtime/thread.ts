// Socket events of one thread across hand-offs: the earlier parts of a chat, for its survivor and its volunteer.
import { threadHistoryFor } from '../domain/conversations/thread.js';
import { ANYONE, type EventGroup } from './registry.js';

export const threadEvents = {
  'thread:history': {
    who: ANYONE,
    async handle(input, caller, ctx) {
      return threadHistoryFor(ctx.db, ctx.cipher, caller.principal, input.conversationId);
    },
  },
} satisfies EventGroup;
