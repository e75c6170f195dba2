// The Socket.IO server: handshake authentication, room membership, and one handler module per role.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientEventName } from '@beside/shared';
import type { AppContext } from '../context.js';
import { getStaff } from '../domain/staff/accounts.js';
import { visitorExists } from '../domain/conversations/visitors.js';
import { isSessionLive } from '../domain/staff/sessions.js';
import { errorFields } from '../logger.js';
import { isAllowedOrigin } from '../security/origin.js';
import { clientAddress } from '../security/clientAddress.js';
import { createConnectionGate } from './connectionGate.js';
import { applyEventGuards, createEventLimiters, type EventLimiters } from './eventGuards.js';
import { listenerFor } from './ack.js';
import { connectionOpened } from './connections.js';
import { clientEvents } from './events.js';
import { senderOf, type Caller, type EventDefinition } from './registry.js';
import type { IoServer, IoSocket } from './types.js';

export const MAX_SOCKET_FRAME_BYTES = 16 * 1024;

export interface Realtime {
  io: IoServer;
  /** From now on every incoming event is refused as retryable; handlers already running go on. */
  stopAccepting(): void;
  /** Closes every connection once its queued packets (acks above all) are written, then the server. */
  close(flushMs?: number): Promise<void>;
}

/** `adapter` is the Redis adapter when several nodes run (see adapter.ts); the in-memory one otherwise. */
export function createRealtime(httpServer: HttpServer, ctx: AppContext, adapter?: ServerOptions['adapter']): Realtime {
  const io: IoServer = new Server(httpServer, {
    ...(adapter ? { adapter } : {}),
    maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // A transport that never says which namespace it wants is closed after this long (the default is 45 s).
    connectTimeout: 10_000,
    // Every new Engine.IO connection, polling or WebSocket, with or without a Socket.IO handshake after it, passes
    // here: another site's page is refused, and so is an address over its connection limits.
    allowRequest: (req, callback) => {
      if (!isAllowedOrigin(req.headers.origin, req.headers.host, ctx.config.allowedOrigins)) return callback(null, false);
      connectionGate.admit(req).then(
        (admitted) => callback(admitted ? null : 'rate_limited', admitted),
        () => callback('rate_limited', false),
      );
    },
  });
  let closing = false;
  const isClosing = () => closing;
  const limiters = createEventLimiters(ctx);
  const connectionGate = createConnectionGate(ctx);
  io.engine.on('connection', (conn: { request: IncomingMessage; once(event: 'close', fn: () => void): void }) => connectionGate.opened(conn));
  io.use((socket, next) => {
    authenticate(socket, ctx).then(
      () => next(),
      () => next(refusal('unauthorized')),
    );
  });

  io.on('connection', (socket) => {
    onConnection(socket, ctx, limiters, isClosing).catch((err: unknown) => {
      ctx.logger.warn('socket.setup_failed', errorFields(err));
      socket.disconnect(true);
    });
  });

  return {
    io,
    stopAccepting: () => {
      closing = true;
    },
    close: async (flushMs = 1_000) => {
      ctx.queue.stop();
      await closeConnectionsGracefully(io, flushMs);
      await io.close();
    },
  };
}

/**
 * io.close() discards each connection's write buffer, which would drop an ack queued behind an earlier packet.
 * Closing the transports first lets engine.io write what is queued; clients see a transport close and reconnect.
 */
async function closeConnectionsGracefully(io: IoServer, timeoutMs: number): Promise<void> {
  const connections = new Set([...io.of('/').sockets.values()].map((s) => s.conn));
  const closed = [...connections].map(
    (conn) => new Promise<void>((resolve) => (conn.readyState === 'closed' ? resolve() : conn.once('close', () => resolve()))),
  );
  for (const conn of connections) conn.close();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/** A handshake refusal: the message and `data.code` both name it, so clients need not parse text. */
function refusal(code: 'unauthorized'): Error {
  return Object.assign(new Error(code), { data: { code } });
}

/** Every connection and every reconnection passes here: a token that no longer verifies is refused. */
async function authenticate(socket: IoSocket, ctx: AppContext): Promise<void> {
  const token: unknown = socket.handshake.auth?.token;
  if (typeof token !== 'string' || token.length > 4096) throw new Error('missing token');
  const principal = ctx.tokens.verify(token);
  if (principal.kind === 'staff') {
    const member = await getStaff(ctx.db, principal.userId);
    if (!member || member.status !== 'active') throw new Error('inactive');
    if (principal.sessionId && !(await isSessionLive(ctx.db, principal.sessionId, member.id))) throw new Error('signed out');
    socket.data = { principal: { ...principal, role: member.role as typeof principal.role }, displayName: member.displayName };
  } else {
    if (!(await visitorExists(ctx.db, principal.visitorId))) throw new Error('unknown visitor');
    socket.data = { principal };
  }
}

async function onConnection(socket: IoSocket, ctx: AppContext, limiters: EventLimiters, isClosing: () => boolean): Promise<void> {
  const { principal } = socket.data;
  applyEventGuards(socket, limiters, isClosing);
  // Handlers first, so that no event sent right after connecting is lost while rooms are joined. Only the events
  // this sender may send get a listener; the guard answers the others `forbidden`.
  const caller: Caller = {
    principal,
    ...(socket.data.displayName !== undefined ? { displayName: socket.data.displayName } : {}),
    connectionId: socket.id,
    ipHash: ctx.hashIp(clientAddress(socket.request, ctx.config.trustProxy)),
    networkHash: ctx.hashNetwork(clientAddress(socket.request, ctx.config.trustProxy)),
  };
  const sender = senderOf(principal);
  for (const event of Object.keys(clientEvents) as ClientEventName[]) {
    const definition = clientEvents[event] as EventDefinition<typeof event>;
    if (definition.who.includes(sender)) socket.on(event, listenerFor(event, definition, caller, ctx) as never);
  }
  await connectionOpened(socket, ctx);
}
