// One thread across hand-offs: a transfer or a return to the queue never wipes the conversation for anyone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AuditEntryView, ConversationView } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { connect, intake, newVisitor, next, ok, request, type ClientSocket } from './helpers/clients.js';
import { eventually, query, sweep, trackStatus, volunteerOnShift, type TestVolunteer } from './helpers/matching.js';
import { marker } from './helpers/marker.js';
import { audit, moderator, openTranscript, queue, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let clock: ManualClock;
const sockets: ClientSocket[] = [];

beforeEach(async () => {
  clock = new ManualClock(new Date('2026-03-04T20:00:00Z'));
  server = await startTestServer({ clock, env: { VOLUNTEER_GRACE_SECONDS: '60', CHAT_COOLDOWN_SECONDS: '0', RETENTION_HOURS: '72' } });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.stop();
});

async function volunteer(displayName: string): Promise<TestVolunteer> {
  const v = await volunteerOnShift(server, { displayName });
  sockets.push(v.socket);
  return v;
}

/** A survivor in a chat with `v` (the only free volunteer), who then stops taking new chats. */
async function chattingWith(v: TestVolunteer) {
  const s = await newVisitor(server.url);
  sockets.push(s.socket);
  const started = next(s.socket, 'conversation:started');
  await ok(s.socket, 'queue:join', intake());
  const conversation = await started;
  await eventually(() => v.started.some((c) => c.id === conversation.id), 5_000, `${v.name} told of the chat`);
  await ok(v.socket, 'shift:set', { onShift: true, accepting: false });
  return { ...s, conversation };
}

/** Sam passes the chat to Riley, who is free; both see the new conversation start. */
async function transferred() {
  const sam = await volunteer('Sam');
  const s = await chattingWith(sam);
  const fromSurvivor = marker('survivor-first-part');
  const fromSam = marker('sam-first-part');
  await sayOk(s.socket, s.conversation.id, `I took pills ${fromSurvivor}`);
  await sayOk(sam.socket, s.conversation.id, `I am here with you ${fromSam}`);
  const riley = await volunteer('Riley');
  const survivorStarted = next(s.socket, 'conversation:started');
  const rileyStarted = next(riley.socket, 'conversation:started');
  clock.advance(60_000);
  await ok(sam.socket, 'conversation:transfer', { conversationId: s.conversation.id, toVolunteerId: riley.id, note: 'Gentle, she is scared.' });
  const [second] = await Promise.all([survivorStarted, rileyStarted]);
  return { sam, riley, s, first: s.conversation, second, fromSurvivor, fromSam };
}

describe('a transfer keeps one conversation', () => {
  it('the survivor reads everything said, with the part before the hand-off and who it was with, even after a reload', async () => {
    const { s, first, second, fromSurvivor, fromSam, riley } = await transferred();
    expect(second).toMatchObject<Partial<ConversationView>>({ threadId: first.id, previousConversationId: first.id, volunteerName: 'Riley' });
    const fromRiley = marker('riley-second-part');
    await sayOk(riley.socket, second.id, `Riley here ${fromRiley}`);

    // A reload: a new connection with the same token reads the thread of the chat it is in.
    const again = await connect(server.url, s.token);
    sockets.push(again);
    const state = await ok(again, 'session:state', {});
    expect(state.conversations.map((c) => c.id)).toEqual([second.id]);
    const history = await ok(again, 'thread:history', { conversationId: second.id });
    expect(history.threadId).toBe(first.id);
    expect(history.parts.map((p) => [p.conversationId, p.volunteerName, p.endReason ?? null])).toEqual([
      [first.id, 'Sam', 'transferred'],
      [second.id, 'Riley', null],
    ]);
    expect(history.parts[0]!.messages.map((m) => m.body)).toEqual([`I took pills ${fromSurvivor}`, `I am here with you ${fromSam}`]);
    expect(history.parts[0]!.messages[1]).toMatchObject({ sender: 'volunteer', senderName: 'Sam' });
    expect(history.parts[1]!.messages.map((m) => m.body)).toEqual([`Riley here ${fromRiley}`]);
  });

  it('the next volunteer reads the earlier part and the hand-off note after a reload; the one who passed it on and strangers read nothing', async () => {
    const { sam, riley, first, second, fromSurvivor } = await transferred();
    const rileyAgain = await connect(server.url, riley.token);
    sockets.push(rileyAgain);
    const history = await ok(rileyAgain, 'thread:history', { conversationId: second.id });
    expect(history.parts[0]).toMatchObject({ conversationId: first.id, volunteerName: 'Sam', endReason: 'transferred', transcriptDeleted: false });
    expect(history.parts[0]!.messages[0]!.body).toContain(fromSurvivor);
    const handoff = await ok(rileyAgain, 'handoff:get', { conversationId: second.id });
    expect(handoff).toMatchObject({ previousConversationId: first.id, previousVolunteerName: 'Sam', notes: [{ body: 'Gentle, she is scared.' }] });

    // Sam passed the chat on: neither part is theirs to read any more.
    expect(await request(sam.socket, 'thread:history', { conversationId: first.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(sam.socket, 'thread:history', { conversationId: second.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stranger = await volunteer('Kim');
    expect(await request(stranger.socket, 'thread:history', { conversationId: second.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const otherSurvivor = await newVisitor(server.url);
    sockets.push(otherSurvivor.socket);
    expect(await request(otherSurvivor.socket, 'thread:history', { conversationId: second.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(otherSurvivor.socket, 'thread:history', { conversationId: 'nope' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'conversationId' },
    });
  });

  it('a transfer followed by a flag: the transcript holds the first part, and the look is audited once for the whole thread', async () => {
    const { riley, first, second, fromSurvivor, fromSam } = await transferred();
    const flagged = await ok(riley.socket, 'flag:raise', { conversationId: second.id, reason: 'risk_to_life' });
    const mod = await moderator(server);
    sockets.push(mod.socket);
    const flag = (await queue(server, mod.token)).find((f) => f.id === flagged.flag.id)!;
    expect(flag.conversationId).toBe(second.id);

    const res = await openTranscript(server, mod.token, second.id, { flagId: flag.id, purpose: 'review_flag' });
    expect(res.status).toBe(200);
    const bodies = res.body.messages.map((m) => m.body);
    expect(bodies).toEqual([`I took pills ${fromSurvivor}`, `I am here with you ${fromSam}`]);
    expect(res.body.messages.map((m) => m.conversationId)).toEqual([first.id, first.id]);
    expect(res.body.thread.map((p) => [p.conversationId, p.volunteerName])).toEqual([
      [first.id, 'Sam'],
      [second.id, 'Riley'],
    ]);
    const looks = (await audit(server, mod.token, 'action=transcript.opened')).entries;
    expect(looks).toHaveLength(1);
    expect(looks[0]).toMatchObject<Partial<AuditEntryView>>({ targetId: second.id });
    expect(looks[0]!.details).toMatchObject({ flagId: flag.id, threadParts: 2, threadConversationIds: `${first.id},${second.id}` });
  });
});

describe('a return to the queue keeps one conversation', () => {
  it('the waiting survivor can still read what was said, and the next volunteer reads it with the reason', async () => {
    const jo = await volunteer('Jo');
    const s = await chattingWith(jo);
    const said = marker('before-the-drop');
    await sayOk(s.socket, s.conversation.id, `It happened again ${said}`);
    const status = trackStatus(s.socket);
    jo.socket.close();
    await next(s.socket, 'conversation:volunteer_away');
    clock.advance(61_000);
    await sweep(server);
    const waiting = await eventually(() => (status.current?.state === 'waiting' ? status.current : undefined), 5_000, 'back in the queue');
    expect(waiting).toMatchObject({ returnedToFront: 'volunteer_unavailable', continuesConversationId: s.conversation.id });

    // A reload while waiting: session:state says what the wait continues, and the survivor reads it.
    const again = await connect(server.url, s.token);
    sockets.push(again);
    const state = await ok(again, 'session:state', {});
    expect(state.queue).toMatchObject({ state: 'waiting', continuesConversationId: s.conversation.id });
    const history = await ok(again, 'thread:history', { conversationId: s.conversation.id });
    expect(history.parts).toHaveLength(1);
    expect(history.parts[0]).toMatchObject({ volunteerName: 'Jo', endReason: 'volunteer_unavailable' });
    expect(history.parts[0]!.messages.map((m) => m.body)).toEqual([`It happened again ${said}`]);

    const started = next(again, 'conversation:started');
    const kim = await volunteer('Kim');
    const second = await started;
    expect(second).toMatchObject({ volunteerName: 'Kim', threadId: s.conversation.id, previousConversationId: s.conversation.id });
    const kimReads = await ok(kim.socket, 'thread:history', { conversationId: second.id });
    expect(kimReads.parts.map((p) => p.volunteerName)).toEqual(['Jo', 'Kim']);
    expect(kimReads.parts[0]!.messages[0]!.body).toContain(said);
  });
});

describe('retention treats the chain as one', () => {
  async function deletedAt(id: string) {
    const [row] = await query<{ transcript_deleted_at: Date | null }>(server, `SELECT transcript_deleted_at FROM conversations WHERE id = '${id}'`);
    return row!.transcript_deleted_at;
  }

  it('keeps the first part while a later part is open or under review, and deletes both once the last part expires', async () => {
    const { s, riley, first, second } = await transferred();
    clock.advance(100 * 3_600_000);
    await server.retention.runOnce();
    // The first part ended 100 hours ago, but the chat goes on with Riley: it stays.
    expect(await deletedAt(first.id)).toBeNull();

    await ok(riley.socket, 'flag:raise', { conversationId: second.id, reason: 'risk_to_life' });
    await ok(s.socket, 'conversation:end', { conversationId: second.id });
    clock.advance(100 * 3_600_000);
    await server.retention.runOnce();
    // Under review: the whole thread is kept for the reviewer.
    expect(await deletedAt(first.id)).toBeNull();
    expect(await deletedAt(second.id)).toBeNull();

    await server.ctx.db.execute(sql`
      UPDATE conversations SET under_review = false, review_closed_at = ${clock.now().toISOString()}::timestamptz WHERE id = ${second.id}`);
    clock.advance(71 * 3_600_000);
    await server.retention.runOnce();
    expect(await deletedAt(first.id)).toBeNull();
    clock.advance(2 * 3_600_000);
    await server.retention.runOnce();
    expect(await deletedAt(first.id)).not.toBeNull();
    expect(await deletedAt(second.id)).not.toBeNull();
    const history = await ok(s.socket, 'thread:history', { conversationId: second.id });
    expect(history.parts.map((p) => [p.transcriptDeleted, p.messages.length])).toEqual([
      [true, 0],
      [true, 0],
    ]);
  });
});
