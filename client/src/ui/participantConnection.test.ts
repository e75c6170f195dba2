// A participant's reconnect: where it stands from session:state, the gap from messages:since, then the outbox with the same clientIds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, ChatMessage, ConversationView } from '@beside/shared';
import { FakeSocket } from './fakeSocket';
import { ParticipantConnection } from './participantConnection';

const ID = 'conv-1';
type Payload = { conversationId: string; clientId: string; body: string; afterSeq: number };

function line(seq: number, sender: ChatMessage['sender'], body: string, clientId = `client-${seq}`): ChatMessage {
  return { id: `m${seq}`, conversationId: ID, seq, clientId, sender, kind: 'text', body, createdAt: '' };
}

function fakeServer() {
  const state = { messages: [line(1, 'visitor', 'hi')], listed: true };
  const view = (): ConversationView => ({
    id: ID,
    status: 'active',
    topic: 'workplace',
    language: 'en',
    want: 'to_be_heard',
    urgent: false,
    startedAt: '',
    volunteerName: 'Alex',
    lastSeq: state.messages.length,
    threadId: ID,
  });
  const server = new FakeSocket((event, payload): Ack<unknown> | undefined => {
    const p = payload as Payload;
    switch (event) {
      case 'session:state':
        return { ok: true, data: { kind: 'staff', conversations: state.listed ? [view()] : [] } };
      case 'messages:since':
        return { ok: true, data: state.messages.filter((m) => m.seq > p.afterSeq) };
      case 'message:send': {
        const stored = state.messages.find((m) => m.clientId === p.clientId) ?? line(state.messages.length + 1, 'volunteer', p.body, p.clientId);
        if (!state.messages.includes(stored)) state.messages.push(stored);
        return { ok: true, data: stored };
      }
      default:
        return { ok: false, error: { code: 'forbidden', message: event } };
    }
  });
  return { state, server };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ParticipantConnection', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('after a reconnect fills the gap by messages:since before resending what waited, with its clientId', async () => {
    const { state, server } = fakeServer();
    const conn = new ParticipantConnection('token', 'volunteer', {}, () => server.socket);
    server.serverConnects();
    await settle();
    const chat = () => conn.getSnapshot().chats[0]!;
    expect(chat().messages.map((m) => m.body)).toEqual(['hi']);

    server.serverDrops();
    conn.send(ID, 'still here');
    const clientId = chat().outgoing[0]!.clientId;
    state.messages.push(line(2, 'visitor', 'are you there?'));
    const before = server.emitted.length;
    server.serverConnects();
    await settle();

    const after = server.emitted.slice(before).map((e) => e.event);
    expect(after.filter((e) => e !== 'typing')).toEqual(['session:state', 'messages:since', 'message:send']);
    expect((server.sent('message:send') as Payload[]).map((p) => p.clientId)).toEqual([clientId]);
    expect(chat().messages.map((m) => m.body)).toEqual(['hi', 'are you there?', 'still here']);
    expect(chat().outgoing).toEqual([]);
  });

  it('marks a chat the server no longer lists as ended, and fails what waited for it', async () => {
    const { state, server } = fakeServer();
    const conn = new ParticipantConnection('token', 'volunteer', {}, () => server.socket);
    server.serverConnects();
    await settle();
    server.serverDrops();
    conn.send(ID, 'hello?');
    state.listed = false;
    server.serverConnects();
    await settle();
    const chat = conn.getSnapshot().chats[0]!;
    expect(chat.ended?.reason).toBe('volunteer_unavailable');
    expect(chat.view.status).toBe('ended');
    expect(chat.outgoing.map((o) => o.state)).toEqual(['failed']);
    expect(server.sent('message:send')).toEqual([]);
  });
});
