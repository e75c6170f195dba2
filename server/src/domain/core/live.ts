// The one way server code tells clients anything: typed events to audiences that are always rooms, never sockets.
import type { ServerToClientEvents } from '@beside/shared';

/**
 * Who receives an event. There is deliberately no way to name a socket held in a map: every audience is a room,
 * so the same code works across nodes. The union of what is named receives it once.
 */
export interface Audience {
  /** Every connected moderator and admin. */
  moderators?: boolean;
  /** Every connected staff member (the queue summary). */
  allStaff?: boolean;
  /** Staff members' own rooms (`user:<id>`): all their connections. */
  staff?: string[];
  /** Survivors' own rooms (`visitor:<id>`). */
  visitors?: string[];
  /** A conversation's room: both participants and any observing moderator. */
  conversation?: string;
  /** The connections opened with one sign-in session's tokens. */
  sessions?: string[];
  /** Every connection of this node's server and the others'. */
  everyone?: boolean;
}

export type ServerEvent = keyof ServerToClientEvents;
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

export interface EmitOptions {
  /** Leaves out one connection (the sender, whose ack already carries what was sent). */
  exceptConnection?: string;
}

export interface Live {
  emit<E extends ServerEvent>(to: Audience, event: E, payload: ServerPayload<E>, options?: EmitOptions): void;
  /** Adds every connection of the audience, on any node, to a conversation's room. */
  joinConversation(who: Audience, conversationId: string): Promise<void>;
  /** Takes every connection of the audience, on any node, out of a conversation's room. */
  leaveConversation(who: Audience, conversationId: string): Promise<void>;
  /** How many connections, on any node, the audience has now. */
  connections(who: Audience): Promise<number>;
  /** Tells the audience its session is over (sign in again) and closes its connections on every node. */
  revoke(who: Audience): Promise<void>;
}
