// Typed Socket.IO server and socket aliases, and what a socket knows about its authenticated owner.
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@beside/shared';
import type { Principal } from '../security/tokens.js';

export interface SocketData {
  principal: Principal;
  /** Staff only: the first name or pseudonym shown to survivors. */
  displayName?: string;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
