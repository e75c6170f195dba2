// The core path end to end: a volunteer on shift and a survivor in the queue are paired and chat.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {  ConversationView } from '@beside/shared';
import { collect, connect, intake, newVisitor, next, ok, onShiftVolunteer, request, sleep } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function pair() {
  const staff = await server.addStaff({ displayName: 'Robin' });
  const volunteer = await onShiftVolunteer(server.url, staff);
  const visitor = await newVisitor(server.url);
  const volunteerStarted = next(volunteer.socket, 'conversation:started');
  const visitorStarted = next(visitor.socket, 'conversation:started');
  await ok(visitor.socket, 'queue:join', intake());
  const [a, b] = await Promise.all([visitorStarted, volunteerStarted]);
  expect(a.id).toBe(b.id);
  return { staff, volunteer, visitor, conversation: a as ConversationView };
}

describe('a survivor and an on-shift volunteer', () => {
  it('are matched, exchange messages both ways, and both see who ended the chat', async () => {
    const { volunteer, visitor, conversation } = await pair();
    expect(conversation.volunteerName).toBe('Robin');
    expect(conversation.status).toBe('active');

    const atVolunteer = next(volunteer.socket, 'message:new', (m) => m.sender === 'visitor');
    const sent = await ok(visitor.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: 'Hello, is anyone there?',
    });
    expect(sent.seq).toBe(1);
    expect((await atVolunteer).body).toBe('Hello, is anyone there?');

    const atVisitor = next(visitor.socket, 'message:new', (m) => m.sender === 'volunteer');
    const reply = await ok(volunteer.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: "I'm here. Take your time.",
    });
    expect(reply.seq).toBe(2);
    const received = await atVisitor;
    expect(received.body).toBe("I'm here. Take your time.");
    expect(received.senderName).toBe('Robin');

    const volunteerSeesEnd = next(volunteer.socket, 'conversation:ended');
    const visitorSeesEnd = next(visitor.socket, 'conversation:ended');
    await ok(visitor.socket, 'conversation:end', { conversationId: conversation.id });
    for (const ended of await Promise.all([volunteerSeesEnd, visitorSeesEnd])) {
      expect(ended).toMatchObject({ conversationId: conversation.id, endedBy: 'visitor', reason: 'ended_by_visitor' });
    }
    const late = await request(visitor.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: 'after the end',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    visitor.socket.close();
    volunteer.socket.close();
  });

  it('the volunteer can end the chat, and the survivor is told the volunteer ended it', async () => {
    const { volunteer, visitor, conversation } = await pair();
    const seen = next(visitor.socket, 'conversation:ended');
    await ok(volunteer.socket, 'conversation:end', { conversationId: conversation.id });
    expect(await seen).toMatchObject({ endedBy: 'volunteer', reason: 'ended_by_volunteer' });
    visitor.socket.close();
    volunteer.socket.close();
  });

  it('stores and delivers a retried message once, with one sequence number', async () => {
    const { volunteer, visitor, conversation } = await pair();
    const delivered = collect(volunteer.socket, 'message:new');
    const payload = { conversationId: conversation.id, clientId: randomUUID(), body: 'only once please' };
    const [first, second] = await Promise.all([
      ok(visitor.socket, 'message:send', payload),
      ok(visitor.socket, 'message:send', payload),
    ]);
    const third = await ok(visitor.socket, 'message:send', payload);
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    expect(third.seq).toBe(first.seq);
    await sleep(300);
    expect(delivered.filter((m) => m.clientId === payload.clientId)).toHaveLength(1);
    const all = await ok(volunteer.socket, 'messages:since', { conversationId: conversation.id, afterSeq: 0 });
    expect(all.filter((m) => m.clientId === payload.clientId)).toHaveLength(1);
    visitor.socket.close();
    volunteer.socket.close();
  });

  it('lets a reconnecting volunteer fetch exactly what it missed after its last sequence number', async () => {
    const { staff, volunteer, visitor, conversation } = await pair();
    await ok(visitor.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'one' });
    volunteer.socket.close();
    for (const body of ['two', 'three', 'four']) {
      await ok(visitor.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body });
    }
    const back = await onShiftVolunteer(server.url, staff);
    const state = await ok(back.socket, 'session:state', {});
    expect(state.conversations.map((c: ConversationView) => c.id)).toContain(conversation.id);
    const missed = await ok(back.socket, 'messages:since', { conversationId: conversation.id, afterSeq: 1 });
    expect(missed.map((m) => [m.seq, m.body])).toEqual([
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
    ]);
    // And it is back in the room: new messages reach it live.
    const live = next(back.socket, 'message:new');
    await ok(visitor.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'five' });
    expect((await live).seq).toBe(5);
    visitor.socket.close();
    back.socket.close();
  });

  it('tells a waiting survivor their place, and that nobody is on shift when that is so', async () => {
    const visitor = await newVisitor(server.url);
    const status = await ok(visitor.socket, 'queue:join', intake({ language: 'es' }));
    expect(status).toMatchObject({ state: 'waiting', position: 1, volunteersOnShift: 0 });
    expect(status.estimatedWaitSeconds).toBeUndefined();
    const again = await ok(visitor.socket, 'queue:join', intake({ language: 'es' }));
    expect(again.position).toBe(1);
    const left = await ok(visitor.socket, 'queue:leave', {});
    expect(left.state).toBe('not_queued');
    visitor.socket.close();
  });

  it('keeps a volunteer on shift while they still have an open chat', async () => {
    const { volunteer, visitor, conversation } = await pair();
    const refused = await request(volunteer.socket, 'shift:set', { onShift: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await ok(volunteer.socket, 'conversation:end', { conversationId: conversation.id });
    const off = await ok(volunteer.socket, 'shift:set', { onShift: false });
    expect(off.onShift).toBe(false);
    visitor.socket.close();
    volunteer.socket.close();
  });

  it('does not let a third party read, write or end a conversation', async () => {
    const { volunteer, visitor, conversation } = await pair();
    const stranger = await newVisitor(server.url);
    const other = await server.addStaff();
    const otherVolunteer = await onShiftVolunteer(server.url, other);
    for (const socket of [stranger.socket, otherVolunteer.socket]) {
      for (const [event, payload] of [
        ['message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'let me in' }],
        ['messages:since', { conversationId: conversation.id, afterSeq: 0 }],
        ['conversation:end', { conversationId: conversation.id }],
      ] as const) {
        const ack = await request(socket, event, payload);
        expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    stranger.socket.close();
    otherVolunteer.socket.close();
    visitor.socket.close();
    volunteer.socket.close();
  });

  it('an untrained volunteer cannot go on shift', async () => {
    const staff = await server.addStaff({ trained: false });
    const { login } = await import('./helpers/clients.js');
    const { accessToken } = await login(server.url, staff.email, staff.password);
    const socket = await connect(server.url, accessToken);
    expect(await request(socket, 'shift:set', { onShift: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    socket.close();
  });
});
