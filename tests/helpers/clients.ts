// Test clients that talk to the server as the real ones do: fetch for REST, socket.io-client for events.
import nodeHttp from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientEventName,
  ClientToServerEvents,
  EventPayload,
  EventResult,
  IntakeInput,
  LoginResponse,
  ServerToClientEvents,
  VisitorSessionResponse,
} from '@beside/shared';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function postJson<T = unknown>(
  baseUrl: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export async function getJson<T = unknown>(baseUrl: string, path: string, token?: string) {
  const res = await fetch(baseUrl + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/** Connects and resolves once connected; rejects with the server's refusal. */
export function connect(baseUrl: string, token: string | undefined, extra: Partial<Parameters<typeof io>[1]> = {}): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...extra,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Emits an event with a well-formed payload and resolves with its acknowledgement, typed by the contract. */
export function request<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  payload: EventPayload<E>,
  timeoutMs = 10_000,
): Promise<Ack<EventResult<E>>> {
  return requestRaw(socket, event, payload, timeoutMs) as Promise<Ack<EventResult<E>>>;
}

/** Emits any event name with any payload (malformed ones included) and resolves with whatever the server acks. */
export function requestRaw(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ack for ${event}`)), timeoutMs);
    (socket.emit as (e: string, p: unknown, cb: (a: Ack<unknown>) => void) => void)(event, payload, (ack) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

/** Like request, but throws unless the ack is ok, and returns its data. */
export async function ok<E extends ClientEventName>(socket: ClientSocket, event: E, payload: EventPayload<E>): Promise<EventResult<E>> {
  const ack = await request(socket, event, payload);
  if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** Resolves with the next event of this name that satisfies the predicate. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  predicate: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`Timed out waiting for ${String(event)}`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

/** Collects every payload of an event from now on. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E) {
  const items: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((p: Parameters<ServerToClientEvents[E]>[0]) => items.push(p)) as never);
  return items;
}

export async function newVisitor(baseUrl: string): Promise<{ socket: ClientSocket; token: string; visitorId: string }> {
  const res = await postJson<VisitorSessionResponse>(baseUrl, '/api/visitor/session', undefined);
  if (res.status !== 201) throw new Error(`visitor session: ${res.status}`);
  const socket = await connect(baseUrl, res.body.token);
  return { socket, token: res.body.token, visitorId: res.body.visitorId };
}

export async function login(baseUrl: string, email: string, password: string): Promise<LoginResponse> {
  const res = await postJson<LoginResponse>(baseUrl, '/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function onShiftVolunteer(
  baseUrl: string,
  staff: { email: string; password: string },
): Promise<{ socket: ClientSocket; token: string; userId: string }> {
  const { accessToken, user } = await login(baseUrl, staff.email, staff.password);
  const socket = await connect(baseUrl, accessToken);
  await ok(socket, 'shift:set', { onShift: true });
  return { socket, token: accessToken, userId: user.id };
}

export const intake = (over: Partial<IntakeInput> = {}): IntakeInput => ({
  inDanger: false,
  topic: 'workplace',
  language: 'en',
  want: 'to_be_heard',
  preference: 'none',
  ...over,
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A GET with the path sent exactly as written (fetch would resolve dot segments before sending, and would decode a
 * compressed body): for the static-file and traversal tests.
 */
export function rawGet(
  base: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: nodeHttp.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = nodeHttp.request({ host: hostname, port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
