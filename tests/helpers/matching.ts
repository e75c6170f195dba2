// Helpers for the matching tests: volunteers on shift without the sign-in flow, database reads, waiting for a state.
import { sql } from 'drizzle-orm';
import type { ConversationView, Handoff, QueueStatus, ShiftSetInput } from '@beside/shared';
import { rowsOf } from '../../server/src/db/connect.js';
import { io } from 'socket.io-client';
import { connect, ok, type ClientSocket } from './clients.js';
import type { StaffSeed, TestServer } from './server.js';

export interface TestVolunteer {
  socket: ClientSocket;
  id: string;
  name: string;
  token: string;
  capacity: number;
  /** Every conversation:started this volunteer received, in order. */
  started: ConversationView[];
  /** Every conversation:handoff this volunteer received. */
  handoffs: Handoff[];
}

/** A trained volunteer, connected (with a token, sign-in is tested elsewhere) and on shift. */
export async function volunteerOnShift(
  server: TestServer,
  seed: Partial<StaffSeed> = {},
  shift: Partial<ShiftSetInput> = {},
): Promise<TestVolunteer> {
  const staff = await server.addStaff(seed);
  const token = server.tokenFor(staff);
  const socket = await connect(server.url, token);
  const started: ConversationView[] = [];
  const handoffs: Handoff[] = [];
  socket.on('conversation:started', (c) => started.push(c));
  socket.on('conversation:handoff', (h) => handoffs.push(h));
  await ok(socket, 'shift:set', { onShift: true, ...shift });
  return { socket, id: staff.id, name: staff.displayName, token, capacity: staff.capacity, started, handoffs };
}

/** Rows of a raw query against the server's database. */
export async function query<T>(server: TestServer, text: string): Promise<T[]> {
  return rowsOf<T>(await server.ctx.db.execute(sql.raw(text)));
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs one sweep now (ages the queue, grace periods, matching) instead of waiting for the timer. */
export async function sweep(server: TestServer): Promise<void> {
  await server.ctx.matchmaker.sweep();
}

/** The last queue:status a socket received, kept up to date. */
export function trackStatus(socket: ClientSocket): { current?: QueueStatus; all: QueueStatus[] } {
  const track: { current?: QueueStatus; all: QueueStatus[] } = { all: [] };
  socket.on('queue:status', (s) => {
    track.current = s;
    track.all.push(s);
  });
  return track;
}

/** Waits until the matchmaker has no round running and none pending. */
export async function settled(server: TestServer): Promise<void> {
  await server.ctx.matchmaker.kick();
}

/**
 * Connects with listeners attached before the first packet: a server that acts on the connection itself (a held
 * place matched at once) can send events in the same network read as the connect packet.
 */
export function connectListening(baseUrl: string, token: string, attach: (socket: ClientSocket) => void): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  attach(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.connect();
  });
}
