// The typed Socket.IO connection and a promise wrapper for events that answer with an Ack.
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckCallback, ClientToServerEvents, ServerToClientEvents } from '@beside/shared';

export type BesideSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ClientEvent = keyof ClientToServerEvents;
export type EventPayload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
export type EventResult<E extends ClientEvent> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends AckCallback<infer T> ? T : never;

/**
 * Opens the socket at this origin. socket.io-client's defaults are kept on purpose (long-polling
 * first, then an upgrade to WebSocket) so that slow or filtered connections still work. The token
 * is read on every (re)connection, so a refreshed one is picked up.
 */
export function openSocket(getToken: () => string): BesideSocket {
  return io({
    path: '/socket.io',
    auth: (cb) => cb({ token: getToken() }),
    withCredentials: false,
  });
}

export const DEFAULT_ACK_TIMEOUT_MS = 15_000;

/** Emits an event and resolves with its Ack; a missing answer becomes a retryable `unavailable` error. */
export function request<E extends ClientEvent>(
  socket: BesideSocket,
  event: E,
  payload: EventPayload<E>,
  timeoutMs = DEFAULT_ACK_TIMEOUT_MS,
): Promise<Ack<EventResult<E>>> {
  // socket.io's typings cannot follow a generic event name through timeout().emit.
  const emitter = socket.timeout(timeoutMs) as unknown as {
    emit(event: string, payload: unknown, ack: (err: Error | null, response: Ack<EventResult<E>>) => void): void;
  };
  return new Promise((resolve) => {
    emitter.emit(event, payload, (err, response) => {
      if (err) {
        resolve({ ok: false, error: { code: 'unavailable', message: 'No answer from the server.', retryable: true } });
      } else {
        resolve(response);
      }
    });
  });
}

const AUTH_ERROR = /unauthori[sz]ed|forbidden|banned|expired|invalid token|jwt/i;

/** Whether a connect_error means the token was refused (so reconnecting with it is pointless). */
export function isAuthRefusal(error: Error & { data?: unknown }): boolean {
  const code = (error.data as { code?: unknown } | undefined)?.code;
  if (code === 'unauthorized' || code === 'forbidden' || code === 'banned') return true;
  return AUTH_ERROR.test(error.message);
}

/** The refusal's code when the server sent one, for choosing what to tell the person. */
export function refusalCode(error: Error & { data?: unknown }): string | undefined {
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : /banned/i.test(error.message) ? 'banned' : undefined;
}
