// Helpers for the moderation tests: a paired chat, a connected moderator, and a record of everything a socket hears.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { AuditResponse, ChatMessage, ConversationView, FlagQueueItem, Transcript } from '@beside/shared';
import { connect, getJson, intake, newVisitor, next, ok, onShiftVolunteer, postJson, request, type ClientSocket } from './clients.js';
import type { TestServer } from './server.js';

export interface Pair {
  staff: Awaited<ReturnType<TestServer['addStaff']>>;
  volunteer: Awaited<ReturnType<typeof onShiftVolunteer>>;
  visitor: Awaited<ReturnType<typeof newVisitor>>;
  conversation: ConversationView;
  /**
   * Ends the chat (if it is still going) and disconnects both sides. Only dropping the sockets would leave the
   * survivor to be put back at the front of the queue once a later test moves the clock past the volunteer's
   * grace period, where they would take the next test's new volunteer.
   */
  close(): Promise<void>;
}

/** A volunteer on shift and a survivor in the queue, matched (the volunteer is new, so the pair is certain). */
export async function pair(server: TestServer, displayName = 'Robin'): Promise<Pair> {
  const staff = await server.addStaff({ displayName });
  const volunteer = await onShiftVolunteer(server.url, staff);
  const visitor = await newVisitor(server.url);
  const started = next(visitor.socket, 'conversation:started');
  const volunteerStarted = next(volunteer.socket, 'conversation:started');
  await ok(visitor.socket, 'queue:join', intake());
  const [conversation] = await Promise.all([started, volunteerStarted]);
  // Off shift for new chats, so that the next pair in the same test server gets the next volunteer.
  await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: false });
  return {
    staff,
    volunteer,
    visitor,
    conversation,
    close: async () => {
      if (visitor.socket.connected) await request(visitor.socket, 'conversation:end', { conversationId: conversation.id }).catch(() => undefined);
      visitor.socket.close();
      volunteer.socket.close();
    },
  };
}

export async function moderator(server: TestServer, role: 'moderator' | 'admin' = 'moderator', displayName = 'Mo') {
  const row = await server.addStaff({ role, displayName });
  const token = server.tokenFor(row);
  const socket = await connect(server.url, token);
  return { row, token, socket, id: row.id };
}

export function say(socket: ClientSocket, conversationId: string, body: string) {
  return request(socket, 'message:send', { conversationId, clientId: randomUUID(), body });
}

export async function sayOk(socket: ClientSocket, conversationId: string, body: string): Promise<ChatMessage> {
  return ok(socket, 'message:send', { conversationId, clientId: randomUUID(), body });
}

/** Every event a socket receives, by name, from now on. */
export function recordAll(socket: ClientSocket): { event: string; payload: unknown }[] {
  const log: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
  return log;
}

export async function queue(server: TestServer, token: string, status: 'open' | 'closed' = 'open'): Promise<FlagQueueItem[]> {
  const res = await getJson<{ flags: FlagQueueItem[] }>(server.url, `/api/moderation/flags?status=${status}`, token);
  expect(res.status).toBe(200);
  return res.body.flags;
}

export async function openTranscript(server: TestServer, token: string, conversationId: string, body: Record<string, unknown>) {
  return postJson<Transcript & { error?: { code: string; field?: string } }>(
    server.url,
    `/api/moderation/conversations/${conversationId}/transcript`,
    body,
    token,
  );
}

export async function decide(server: TestServer, token: string, flagId: string, body: Record<string, unknown>) {
  return postJson<FlagQueueItem & { error?: { code: string; message: string } }>(server.url, `/api/moderation/flags/${flagId}/decision`, body, token);
}

export async function audit(server: TestServer, token: string, query = ''): Promise<AuditResponse> {
  const res = await getJson<AuditResponse>(server.url, `/api/moderation/audit${query ? `?${query}` : ''}`, token);
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until a condition holds (for effects that follow an ack by a few milliseconds). */
export async function eventually<T>(probe: () => Promise<T> | T, accept: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (accept(v)) return v;
    if (Date.now() - start > timeoutMs) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
