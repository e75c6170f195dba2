// A supervisor's lines to the survivor and whispers go through outboxes: same clientId on every retry, pending until acked, re-observed on reconnect.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, ChatMessage, Transcript, TranscriptMessage, Whisper } from '@beside/shared';
import { FakeSocket } from '../ui/fakeSocket';
import { ObserverConnection } from './observerConnection';

const ID = 'conv-1';
type Payload = { conversationId: string; clientId: string; body: string };

/** A tiny server for one conversation: stores by clientId (a retry is answered with what was stored first). */
function fakeServer() {
  const state = {
    messages: [line(1, 'visitor', 'I don’t want to be alive anymore.')] as ChatMessage[],
    whispers: [] as Whisper[],
    takenOverBy: undefined as string | undefined,
    observing: [ID],
    active: true,
    /** Events the server leaves unanswered (a connection that died silently). */
    silent: new Set<string>(),
    /** Events the server refuses, not retryable. */
    refuse: new Set<string>(),
  };
  const server = new FakeSocket((event, payload): Ack<unknown> | undefined => {
    if (state.silent.has(event)) return undefined;
    if (state.refuse.has(event)) return { ok: false, error: { code: 'rate_limited', message: 'Slow down.' } };
    const p = payload as Payload;
    switch (event) {
      case 'supervision:observe':
        return state.active ? { ok: true, data: transcript(state) } : { ok: false, error: { code: 'conflict', message: 'This conversation has ended.' } };
      case 'supervision:takeover':
        state.takenOverBy = 'Dana';
        return { ok: true, data: { conversationId: ID, moderatorId: 'm1', moderatorName: 'Dana', at: '' } };
      case 'supervision:send': {
        const stored = state.messages.find((m) => m.clientId === p.clientId);
        if (stored) return { ok: true, data: stored };
        const message: ChatMessage = { ...line(state.messages.length + 1, 'moderator', p.body), clientId: p.clientId, senderName: 'Dana' };
        state.messages.push(message);
        return { ok: true, data: message };
      }
      case 'supervision:whisper': {
        const stored = state.whispers.find((w) => w.clientId === p.clientId);
        if (stored) return { ok: true, data: stored };
        const whisper: Whisper = { id: `w${state.whispers.length + 1}`, conversationId: ID, clientId: p.clientId, sender: 'moderator', senderId: 'm1', senderName: 'Dana', body: p.body, createdAt: '' };
        state.whispers.push(whisper);
        return { ok: true, data: whisper };
      }
      case 'supervision:end':
        state.active = false;
        return { ok: true, data: { conversationId: ID, endedBy: 'moderator', reason: 'ended_by_moderator', endedAt: '' } };
      case 'supervision:leave':
        return { ok: true, data: null };
      default:
        return { ok: false, error: { code: 'forbidden', message: `not in this test: ${event}` } };
    }
  });
  return { state, server };
}

function line(seq: number, sender: ChatMessage['sender'], body: string): ChatMessage {
  return { id: `m${seq}`, conversationId: ID, seq, clientId: `client-${seq}`, sender, kind: 'text', body, createdAt: '' };
}

function transcript(state: ReturnType<typeof fakeServer>['state']): Transcript {
  const messages: TranscriptMessage[] = state.messages.map((m) => ({ ...m, highlighted: false, flagIds: [] }));
  return {
    conversation: {
      id: ID,
      topic: 'sexual_assault',
      language: 'en',
      status: 'active',
      risk: 'high',
      startedAt: '',
      volunteerId: 'v1',
      volunteerName: 'Jamie',
      underReview: false,
      transcriptDeleted: false,
      ...(state.takenOverBy ? { takenOverByName: state.takenOverBy } : {}),
    },
    flags: [],
    messages,
    whispers: [...state.whispers],
    thread: [],
    openedAt: '',
    purpose: 'live_supervision',
  };
}

/** Lets every pending answer and the work it starts run (timers are fake, setImmediate is not). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function observing() {
  const { state, server } = fakeServer();
  const conn = new ObserverConnection('token', 'Dana', { observing: () => Promise.resolve(state.observing) }, () => server.socket);
  server.serverConnects();
  await settle();
  const chat = () => conn.getSnapshot().chats.find((c) => c.view.id === ID)!;
  return { state, server, conn, chat };
}

describe('ObserverConnection', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('opens the chats the server says it observes, with the transcript so far', async () => {
    const { chat } = await observing();
    expect(chat().messages.map((m) => m.seq)).toEqual([1]);
    expect(chat().view.takenOver).toBe(false);
  });

  it('retries a line to the survivor with the same clientId after a timeout, pending until acknowledged, stored once', async () => {
    const { state, server, conn, chat } = await observing();
    expect(await conn.takeover(ID)).toBeUndefined();
    expect(chat().view.takenOver).toBe(true);

    state.silent.add('supervision:send');
    conn.send(ID, 'Are you somewhere safe right now?');
    await settle();
    expect(chat().outgoing.map((o) => o.state)).toEqual(['sending']);

    await vi.advanceTimersByTimeAsync(15_000); // no ack: request() gives up, the outbox waits to try again
    expect(chat().outgoing.map((o) => o.state)).toEqual(['waiting']);
    state.silent.delete('supervision:send');
    await vi.advanceTimersByTimeAsync(2_000);
    await settle();

    const sent = server.sent('supervision:send') as Payload[];
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((p) => p.clientId)).size).toBe(1);
    expect(chat().outgoing).toEqual([]);
    expect(chat().messages.filter((m) => m.sender === 'moderator').map((m) => m.body)).toEqual(['Are you somewhere safe right now?']);
    expect(state.messages.filter((m) => m.sender === 'moderator')).toHaveLength(1);
  });

  it('after a reconnect observes again, filling what was missed, then sends what waited with its clientId', async () => {
    const { state, server, conn, chat } = await observing();
    await conn.takeover(ID);
    server.serverDrops();
    conn.send(ID, 'I’m still here.');
    expect(chat().outgoing.map((o) => o.state)).toEqual(['waiting']);
    expect(server.sent('supervision:send')).toEqual([]);
    const clientId = chat().outgoing[0]!.clientId;
    // The survivor wrote while the moderator's connection was down.
    state.messages.push(line(state.messages.length + 1, 'visitor', 'Hello? Is anyone there?'));

    const before = server.emitted.length;
    server.serverConnects();
    await settle();

    const after = server.emitted.slice(before).map((e) => e.event);
    expect(after.indexOf('supervision:observe')).toBeLessThan(after.indexOf('supervision:send'));
    expect((server.sent('supervision:send') as Payload[]).map((p) => p.clientId)).toEqual([clientId]);
    expect(chat().messages.map((m) => m.body)).toEqual([
      'I don’t want to be alive anymore.',
      'Hello? Is anyone there?',
      'I’m still here.',
    ]);
    expect(chat().outgoing).toEqual([]);
  });

  it('shows a refused whisper as failed, retries it by hand with the same clientId, and its echo does not double it', async () => {
    const { state, server, conn, chat } = await observing();
    state.refuse.add('supervision:whisper');
    conn.whisper(ID, 'Stay with them, I’m reading along.');
    await settle();
    expect(chat().view.outgoingWhispers.map((w) => w.state)).toEqual(['failed']);

    state.refuse.delete('supervision:whisper');
    conn.retryWhisper(chat().view.outgoingWhispers[0]!.clientId);
    expect(chat().view.outgoingWhispers.map((w) => w.state)).toEqual(['sending']);
    await settle();
    server.push('supervision:whisper', state.whispers[0]); // the server's copy to this moderator's own room

    const sent = server.sent('supervision:whisper') as Payload[];
    expect(new Set(sent.map((p) => p.clientId)).size).toBe(1);
    expect(chat().view.outgoingWhispers).toEqual([]);
    expect(chat().view.whispers.map((w) => w.body)).toEqual(['Stay with them, I’m reading along.']);
  });

  it('a whisper written offline waits, and goes out once the chat is observed again', async () => {
    const { server, conn, chat } = await observing();
    server.serverDrops();
    conn.whisper(ID, 'Back in a second.');
    expect(chat().view.outgoingWhispers.map((w) => w.state)).toEqual(['waiting']);
    server.serverConnects();
    await settle();
    expect(chat().view.outgoingWhispers).toEqual([]);
    expect(chat().view.whispers.map((w) => w.body)).toEqual(['Back in a second.']);
  });

  it('marks a chat that ended while away as ended, and fails what waited for it instead of sending it', async () => {
    const { state, server, conn, chat } = await observing();
    await conn.takeover(ID);
    server.serverDrops();
    conn.send(ID, 'Are you there?');
    state.active = false;
    state.observing = [];
    server.serverConnects();
    await settle();
    expect(chat().ended).toBeDefined();
    expect(chat().view.conversation.status).toBe('ended');
    expect(chat().outgoing.map((o) => o.state)).toEqual(['failed']);
    expect(server.sent('supervision:send')).toEqual([]);
  });

  it('after ending a chat here, closing its pane does not ask the server to stop an observation it already ended', async () => {
    const { server, conn } = await observing();
    expect(await conn.end(ID)).toBeUndefined();
    expect(await conn.leave(ID)).toBeUndefined();
    expect(server.sent('supervision:leave')).toEqual([]);
    expect(conn.getSnapshot().chats).toEqual([]);
  });
});
