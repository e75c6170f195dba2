// Nobody is dropped: a volunteer who disconnects, goes off shift or transfers never leaves a survivor alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEnded, ConversationView, Handoff } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { returnConversationToQueue } from '../server/src/domain/matching/requeue.js';
import { announceReturnedToQueue } from '../server/src/commands/returnToQueue.js';
import { collect, connect, intake, newVisitor, next, ok, request, sleep, type ClientSocket } from './helpers/clients.js';
import { connectListening, eventually, query, sweep, trackStatus, volunteerOnShift, type TestVolunteer } from './helpers/matching.js';
import { marker } from './helpers/marker.js';
import { expectSealed } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let clock: ManualClock;
const sockets: ClientSocket[] = [];

beforeEach(async () => {
  clock = new ManualClock(new Date('2026-03-04T20:00:00Z'));
  server = await startTestServer({ clock, env: { VOLUNTEER_GRACE_SECONDS: '60', CHAT_COOLDOWN_SECONDS: '0' } });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.stop();
});

async function volunteer(...args: Parameters<typeof volunteerOnShift> extends [unknown, ...infer R] ? R : never) {
  const v = await volunteerOnShift(server, ...args);
  sockets.push(v.socket);
  return v;
}

/** A survivor in a chat with `v` (who must be the only free volunteer). */
async function chattingWith(v: TestVolunteer, over: Parameters<typeof intake>[0] = {}) {
  const s = await newVisitor(server.url);
  sockets.push(s.socket);
  const everything: [string, unknown][] = [];
  s.socket.onAny((event: string, payload: unknown) => everything.push([event, payload]));
  const started = next(s.socket, 'conversation:started');
  await ok(s.socket, 'queue:join', intake(over));
  const conversation = await started;
  await eventually(() => v.started.some((c) => c.id === conversation.id), 5_000, `${v.name} told of the chat`);
  return { ...s, conversation, everything, status: trackStatus(s.socket) };
}

async function waiting(over: Parameters<typeof intake>[0] = {}) {
  const s = await newVisitor(server.url);
  sockets.push(s.socket);
  const status = await ok(s.socket, 'queue:join', intake(over));
  expect(status.state).toBe('waiting');
  return { ...s, status: trackStatus(s.socket) };
}

describe('a volunteer who disconnects mid-chat', () => {
  it('is waited for during the grace period: the survivor is told, and the chat goes on when they are back', async () => {
    const v = await volunteer({ displayName: 'Jo' });
    const s = await chattingWith(v);
    const away = next(s.socket, 'conversation:volunteer_away');
    const since = clock.now();
    v.socket.close();
    expect(await away).toEqual({
      conversationId: s.conversation.id,
      since: since.toISOString(),
      returnsToQueueAt: new Date(since.getTime() + 60_000).toISOString(),
    });
    clock.advance(59_000);
    await sweep(server);

    const back = next(s.socket, 'conversation:volunteer_back');
    const again = await connect(server.url, v.token);
    sockets.push(again);
    expect(await back).toEqual({ conversationId: s.conversation.id });
    clock.advance(120_000);
    await sweep(server);
    const msg = next(s.socket, 'message:new');
    await ok(again, 'message:send', { conversationId: s.conversation.id, clientId: crypto.randomUUID(), body: 'Sorry, I am back.' });
    expect((await msg).body).toBe('Sorry, I am back.');
    expect(s.everything.map(([e]) => e)).not.toContain('conversation:ended');
  });

  it('after the grace period, puts the survivor back at the FRONT of the queue with their topic, to be matched with someone else', async () => {
    const jo = await volunteer({ displayName: 'Jo', topics: ['childhood'] });
    const s = await chattingWith(jo, { topic: 'childhood', want: 'information' });
    const kim = await volunteer({ displayName: 'Kim' });
    const other = await chattingWith(kim);
    // Someone already waiting when the survivor comes back to the queue.
    clock.advance(1_000);
    const w = await waiting();

    jo.socket.close();
    await next(s.socket, 'conversation:volunteer_away');
    const ended = next(s.socket, 'conversation:ended');
    const requeued = next(s.socket, 'queue:status', (st) => st.state === 'waiting');
    clock.advance(61_000);
    await sweep(server);
    expect(await ended).toMatchObject<Partial<ConversationEnded>>({
      conversationId: s.conversation.id,
      endedBy: 'system',
      reason: 'volunteer_unavailable',
      continues: 'queue',
    });
    expect(await requeued).toMatchObject({ state: 'waiting', position: 1, returnedToFront: 'volunteer_unavailable' });
    await eventually(() => w.status.current?.position === 2, 5_000, 'the one waiting is now second');

    // Jo comes back: Jo is not given the same survivor again.
    const joAgain = await connectListening(server.url, jo.token, () => undefined);
    sockets.push(joAgain);
    const startedWithKim = next(s.socket, 'conversation:started');
    const handoff = next(kim.socket, 'conversation:handoff');
    await ok(kim.socket, 'conversation:end', { conversationId: other.conversation.id });
    const second = await startedWithKim;
    expect(second).toMatchObject<Partial<ConversationView>>({ volunteerName: 'Kim', topic: 'childhood', want: 'information', status: 'active' });
    expect(await handoff).toMatchObject<Partial<Handoff>>({
      conversationId: second.id,
      reason: 'volunteer_unavailable',
      previousConversationId: s.conversation.id,
      previousVolunteerName: 'Jo',
      notes: [],
    });
  });

  it('lets another part of the service (a suspension) return a chat to the queue through returnConversationToQueue', async () => {
    const jo = await volunteer({ displayName: 'Jo' });
    const s = await chattingWith(jo, { inDanger: true, topic: 'partner_family' });
    clock.advance(1_000);
    await waiting({ inDanger: true });
    const ended = next(s.socket, 'conversation:ended');
    const result = await returnConversationToQueue(server.ctx.db, server.ctx.clock, s.conversation.id, {
      reason: 'volunteer_unavailable',
      endedBy: 'moderator',
    });
    await announceReturnedToQueue(server.ctx, [result]);
    expect(await ended).toMatchObject({ reason: 'volunteer_unavailable', endedBy: 'moderator', continues: 'queue' });
    const status = await ok(s.socket, 'session:state', {});
    expect(status.queue).toMatchObject({ state: 'waiting', position: 1, urgent: true });
    await expect(
      returnConversationToQueue(server.ctx.db, server.ctx.clock, s.conversation.id, { reason: 'volunteer_unavailable', endedBy: 'moderator' }),
    ).rejects.toThrow(/no longer active/);
    const [entry] = await query<{ topic: string; urgent: boolean }>(
      server,
      `SELECT topic, urgent FROM queue_entries WHERE status = 'waiting' AND previous_conversation_id = '${s.conversation.id}'`,
    );
    expect(entry).toEqual({ topic: 'partner_family', urgent: true });
  });
});

describe('transfer', () => {
  it('to another eligible volunteer, with a private hand-off note the next volunteer sees and the survivor never does', async () => {
    const jo = await volunteer({ displayName: 'Jo', languages: ['en', 'es'] });
    const s = await chattingWith(jo, { language: 'es' });
    const full = await volunteer({ displayName: 'Max', languages: ['es'] });
    await chattingWith(full, { language: 'es' });
    const kim = await volunteer({ displayName: 'Kim', languages: ['es'], topics: ['workplace'] });
    await volunteer({ displayName: 'Lee', languages: ['en'] });

    // Only those who can take this chat now: Spanish-speaking, on shift, free; never the volunteer themself.
    const candidates = await ok(jo.socket, 'transfer:candidates', { conversationId: s.conversation.id });
    expect(candidates).toEqual([{ id: kim.id, displayName: 'Kim', activeConversations: 0, capacity: 1, topicTrained: true }]);

    const secret = marker('handoff');
    const note = `She works nights; asked about HR options. Go gently. ${secret}`;
    const kimStarted = next(kim.socket, 'conversation:started');
    const kimHandoff = next(kim.socket, 'conversation:handoff');
    const survivorEnded = next(s.socket, 'conversation:ended');
    const survivorStarted = next(s.socket, 'conversation:started');
    const result = await ok(jo.socket, 'conversation:transfer', {
      conversationId: s.conversation.id,
      toVolunteerId: kim.id,
      note,
    });
    expect(result).toMatchObject({ conversationId: s.conversation.id, to: 'volunteer', volunteerName: 'Kim' });
    expect(await survivorEnded).toMatchObject({ reason: 'transferred', continues: 'volunteer' });
    const withKim = await survivorStarted;
    expect(withKim).toMatchObject({ id: result.newConversationId, volunteerName: 'Kim', language: 'es' });
    expect((await kimStarted).id).toBe(withKim.id);
    expect(await kimHandoff).toMatchObject({
      conversationId: withKim.id,
      reason: 'transferred',
      previousVolunteerName: 'Jo',
      notes: [{ fromConversationId: s.conversation.id, authorName: 'Jo', body: note }],
    });
    // The note is Kim's to read again after a reload; nobody else's.
    expect((await ok(kim.socket, 'handoff:get', { conversationId: withKim.id }))?.notes[0]!.body).toBe(note);
    expect(await request(s.socket, 'handoff:get', { conversationId: withKim.id })).toMatchObject({ ok: false });
    expect(await request(jo.socket, 'handoff:get', { conversationId: withKim.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await sleep(300);
    expect(JSON.stringify(s.everything)).not.toContain(secret);
    expect(JSON.stringify(s.everything)).not.toContain('HR options');
    // Stored encrypted, not in clear: the one note decrypts to it with the data key, and shows nothing of it.
    const stored = await query<{ body_enc: string }>(server, 'SELECT body_enc FROM handoff_notes');
    expect(stored).toHaveLength(1);
    expectSealed(server, stored[0]!.body_enc, note, secret);

    // The survivor and Kim go on talking.
    const msg = next(kim.socket, 'message:new');
    await ok(s.socket, 'message:send', { conversationId: withKim.id, clientId: crypto.randomUUID(), body: 'hola' });
    expect((await msg).body).toBe('hola');
  });

  it('refuses a volunteer who cannot take the chat, and anyone who is not the chat’s volunteer', async () => {
    const jo = await volunteer({ displayName: 'Jo' });
    const s = await chattingWith(jo);
    const spanishOnly = await volunteer({ languages: ['es'] });
    const busy = await volunteer();
    await chattingWith(busy);
    const resting = await volunteer({}, { accepting: false });
    for (const target of [spanishOnly, busy, resting]) {
      expect(
        await request(jo.socket, 'conversation:transfer', { conversationId: s.conversation.id, toVolunteerId: target.id }),
      ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    expect(await request(busy.socket, 'conversation:transfer', { conversationId: s.conversation.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(s.socket, 'conversation:transfer', { conversationId: s.conversation.id })).toMatchObject({ ok: false });
    expect(
      await request(jo.socket, 'conversation:transfer', { conversationId: s.conversation.id, note: 'x'.repeat(2001) }),
    ).toMatchObject({ ok: false, error: { code: 'invalid', field: 'note' } });
    // Nothing happened to the chat.
    const [row] = await query<{ status: string }>(server, `SELECT status FROM conversations WHERE id = '${s.conversation.id}'`);
    expect(row!.status).toBe('active');
  });

  it('back to the front of the queue: matched with someone else, who gets the note', async () => {
    const jo = await volunteer({ displayName: 'Jo', capacity: 2 });
    const s = await chattingWith(jo, { topic: 'supporting_someone' });
    const ended = next(s.socket, 'conversation:ended');
    const back = next(s.socket, 'queue:status', (st) => st.state === 'waiting');
    const secret = marker('handoff');
    const note = `Supporting a friend; wants information on reporting. ${secret}`;
    const result = await ok(jo.socket, 'conversation:transfer', {
      conversationId: s.conversation.id,
      note,
    });
    expect(result).toEqual({ conversationId: s.conversation.id, to: 'queue' });
    expect(await ended).toMatchObject({ reason: 'transferred', continues: 'queue' });
    expect(await back).toMatchObject({ state: 'waiting', position: 1, returnedToFront: 'transferred' });
    // Jo still has a free slot, but is not given the same survivor back.
    await sweep(server);
    await sleep(300);
    expect(jo.started).toHaveLength(1);

    const started = next(s.socket, 'conversation:started');
    const ana = await volunteer({ displayName: 'Ana' });
    const withAna = await started;
    expect(withAna).toMatchObject({ volunteerName: 'Ana', topic: 'supporting_someone' });
    const handoff = await eventually(() => ana.handoffs[0], 5_000, 'the hand-off reaching Ana');
    expect(handoff).toMatchObject({
      conversationId: withAna.id,
      reason: 'transferred',
      previousVolunteerName: 'Jo',
      notes: [{ authorName: 'Jo', body: note }],
    });
    expect(JSON.stringify(s.everything)).not.toContain(secret);
    expect(JSON.stringify(s.everything)).not.toContain('information on reporting');
  });
});

describe('going off shift', () => {
  it('is only possible once every chat is finished or transferred; meanwhile no new chat comes', async () => {
    const jo = await volunteer({ displayName: 'Jo', capacity: 2 });
    const s = await chattingWith(jo);
    const refused = await request(jo.socket, 'shift:set', { onShift: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/finish or transfer/i);
    const state = await ok(jo.socket, 'session:state', {});
    expect(state.volunteer).toMatchObject({ onShift: true, accepting: false, activeConversations: 1 });

    const t = await waiting();
    await sweep(server);
    await sleep(300);
    expect(jo.started).toHaveLength(1);

    await ok(jo.socket, 'conversation:transfer', { conversationId: s.conversation.id });
    expect(await ok(jo.socket, 'shift:set', { onShift: false })).toMatchObject({ onShift: false, activeConversations: 0 });
    const pushed = collect(t.socket, 'conversation:started');
    await sleep(200);
    expect(pushed).toHaveLength(0);
  });
});
