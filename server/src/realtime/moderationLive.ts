// Moderation's live events through Socket.IO rooms only, so that they reach the right people on any node.
import type { LiveAudience, ModerationLive } from '../domain/moderation/moderationLive.js';
import { rooms } from './rooms.js';
import type { IoServer } from './types.js';

export function roomsOf(to: LiveAudience): string[] {
  return [
    ...(to.moderators ? [rooms.moderators] : []),
    ...(to.staff ?? []).map(rooms.user),
    ...(to.visitors ?? []).map(rooms.visitor),
    ...(to.conversation ? [rooms.conversation(to.conversation)] : []),
  ];
}

/** `getIo` is read at each call: the realtime layer is created after the services that report to it. */
export function createModerationLive(getIo: () => IoServer | undefined): ModerationLive {
  return {
    emit(to, event, payload) {
      const io = getIo();
      const targets = roomsOf(to);
      if (!io || targets.length === 0) return;
      // One emit to the union of rooms: a socket in several of them (a moderator's own user room) gets it once.
      (io.to(targets).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    async joinConversation(staffId, conversationId) {
      await getIo()?.in(rooms.user(staffId)).socketsJoin(rooms.conversation(conversationId));
    },
    async leaveConversation(staffId, conversationId) {
      await getIo()?.in(rooms.user(staffId)).socketsLeave(rooms.conversation(conversationId));
    },
  };
}
