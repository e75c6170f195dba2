// The live port over Socket.IO rooms only, so that every event reaches the right people on any node.
import type { Audience, Live } from '../domain/core/live.js';
import { rooms } from './rooms.js';
import type { IoServer } from './types.js';

export function roomsOf(to: Audience): string[] {
  return [
    ...(to.moderators ? [rooms.moderators] : []),
    ...(to.allStaff ? [rooms.staff] : []),
    ...(to.staff ?? []).map(rooms.user),
    ...(to.visitors ?? []).map(rooms.visitor),
    ...(to.conversation ? [rooms.conversation(to.conversation)] : []),
    ...(to.sessions ?? []).map(rooms.session),
  ];
}

/** `getIo` is read at each call: the realtime layer is created after the services that report to it. */
export function createLivePort(getIo: () => IoServer | undefined): Live {
  const target = (io: IoServer, to: Audience) => (to.everyone ? io : io.in(roomsOf(to)));
  const hasTargets = (to: Audience) => to.everyone || roomsOf(to).length > 0;
  return {
    emit(to, event, payload, options) {
      const io = getIo();
      if (!io || !hasTargets(to)) return;
      // One emit to the union of rooms: a socket in several of them (a moderator's own user room) gets it once.
      const base = to.everyone ? io : io.to(roomsOf(to));
      const scoped = options?.exceptConnection ? base.except(options.exceptConnection) : base;
      (scoped.emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    async joinConversation(who, conversationId) {
      const io = getIo();
      if (io && hasTargets(who)) await target(io, who).socketsJoin(rooms.conversation(conversationId));
    },
    async leaveConversation(who, conversationId) {
      const io = getIo();
      if (io && hasTargets(who)) await target(io, who).socketsLeave(rooms.conversation(conversationId));
    },
    async connections(who) {
      const io = getIo();
      if (!io || !hasTargets(who)) return 0;
      return (await target(io, who).fetchSockets()).length;
    },
    async revoke(who) {
      const io = getIo();
      if (!io || !hasTargets(who)) return;
      // Their handshake is refused from now on: it re-checks the account and the session on every connect.
      (target(io, who).emit as (e: string, p: unknown) => boolean)('session:closing', { reason: 'revoked' });
      target(io, who).disconnectSockets(true);
    },
  };
}
