// What moderation may tell live clients, by audience; implemented in realtime/moderationLive.ts with rooms only.
import type { ServerToClientEvents } from '@beside/shared';

/**
 * Who receives an event. There is deliberately no way to name a socket: every audience is a room, so the same
 * code works across nodes. Whispers and reports are sent to `staff` ids, never to a conversation.
 */
export interface LiveAudience {
  moderators?: boolean;
  /** Staff user rooms (`user:<id>`). */
  staff?: string[];
  /** Visitor rooms (`visitor:<id>`). */
  visitors?: string[];
  /** The conversation room: both participants and any observing moderator. */
  conversation?: string;
}

export type ServerEvent = keyof ServerToClientEvents;
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

export interface ModerationLive {
  emit<E extends ServerEvent>(to: LiveAudience, event: E, payload: ServerPayload<E>): void;
  /** Adds every connection of a staff member, on any node, to a conversation room (observing). */
  joinConversation(staffId: string, conversationId: string): Promise<void>;
  leaveConversation(staffId: string, conversationId: string): Promise<void>;
}

/** For contexts with no realtime layer (scripts): every event goes nowhere. */
export const silentModerationLive: ModerationLive = {
  emit: () => {},
  joinConversation: async () => {},
  leaveConversation: async () => {},
};
