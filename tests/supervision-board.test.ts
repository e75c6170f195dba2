// The supervisors' live board through the real server: every waiting survivor (urgent first, their place, their
// alert) and every live chat (volunteer, risk, supervision state, when the survivor last wrote and whether they
// have had a reply), across a transfer, with no message content and no visitor id; moderators only; and Observe
// from the board on a chat no sign escalated, which needs a reason and is audited with it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardChat, BoardWaiting, LiveBoard } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { intake, newVisitor, next, ok, onShiftVolunteer, request, sleep } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { eventually, moderator, pair, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { http } from './helpers/staffAuth.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function board(token: string): Promise<LiveBoard> {
  const res = await http<LiveBoard>(server, 'GET', '/api/moderation/board', { token });
  expect(res.status).toBe(200);
  return res.body;
}
const chatOn = (b: LiveBoard, id: string): BoardChat | undefined => b.chats.find((c) => c.conversationId === id);

describe('the live board', () => {
  it('shows who waits, urgent first, with their place and alert, and never who they are', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const calm = await newVisitor(server.url);
    await ok(calm.socket, 'queue:join', intake({ topic: 'childhood', language: 'es' }));
    await sleep(20);
    const urgent = await newVisitor(server.url);
    await ok(urgent.socket, 'queue:join', intake({ inDanger: true, topic: 'sexual_assault' }));
    const b = await eventually(() => board(mod.token), (x) => x.waiting.some((w) => w.alert));
    expect(b.waiting.map((w) => [w.urgent, w.topic, w.language, w.position])).toEqual([
      [true, 'sexual_assault', 'en', 1],
      [false, 'childhood', 'es', 1],
    ]);
    const [first, second] = b.waiting as [BoardWaiting, BoardWaiting];
    expect(first.alert).toMatchObject({ kinds: ['intake_danger'], imminent: true, status: 'open' });
    expect(second.alert).toBeUndefined();
    expect(first).toMatchObject({ returning: false, disconnected: false, want: 'to_be_heard', risk: 'normal' });
    expect(Date.parse(b.at) - Date.parse(second.queuedAt)).toBeGreaterThanOrEqual(0);
    const raw = JSON.stringify(b);
    expect(raw).not.toContain(calm.visitorId);
    expect(raw).not.toContain(urgent.visitorId);

    // A survivor whose page closed is still shown waiting, marked so.
    urgent.socket.close();
    const gone = await eventually(() => board(mod.token), (x) => x.waiting.some((w) => w.disconnected));
    expect(gone.waiting.find((w) => w.urgent)?.disconnected).toBe(true);

    await ok(calm.socket, 'queue:leave', {});
    calm.socket.close();
    mod.socket.close();
  });

  it('shows each live chat: volunteer, risk, and whether the survivor is waiting for a reply, with no words', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    let b = await board(mod.token);
    expect(chatOn(b, p.conversation.id)).toMatchObject({
      volunteerName: 'Sam',
      volunteerId: p.staff.id,
      risk: 'normal',
      supervision: 'none',
      supervisorNames: [],
      helpRequested: false,
      escalated: false,
      awaitingReply: false,
      topic: 'workplace',
      language: 'en',
    });
    expect(chatOn(b, p.conversation.id)!.lastSurvivorAt).toBeUndefined();

    const said = marker('said');
    const mine = await sayOk(p.visitor.socket, p.conversation.id, `it happened at work ${said}`);
    b = await board(mod.token);
    expect(chatOn(b, p.conversation.id)).toMatchObject({ awaitingReply: true, lastSurvivorAt: mine.createdAt });
    expect(chatOn(b, p.conversation.id)!.lastReplyAt).toBeUndefined();

    const reply = marker('reply');
    const theirs = await sayOk(p.volunteer.socket, p.conversation.id, `I'm here with you ${reply}`);
    b = await board(mod.token);
    expect(chatOn(b, p.conversation.id)).toMatchObject({ awaitingReply: false, lastReplyAt: theirs.createdAt, lastSurvivorAt: mine.createdAt });

    // Crisis words: the chat is high risk and carries its alert.
    await sayOk(p.visitor.socket, p.conversation.id, `I want to kill myself ${marker('c')}`);
    b = await eventually(() => board(mod.token), (x) => chatOn(x, p.conversation.id)?.risk === 'high');
    expect(chatOn(b, p.conversation.id)).toMatchObject({ risk: 'high', escalated: true, awaitingReply: true, alert: { kinds: ['crisis'], imminent: true } });

    const raw = JSON.stringify(b);
    expect(raw).not.toContain(said);
    expect(raw).not.toContain(reply);
    expect(raw).not.toContain('kill');
    expect(raw).not.toContain(p.visitor.visitorId);

    // Observed, then taken over: the board says so and names the supervisor.
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    b = await board(mod.token);
    expect(chatOn(b, p.conversation.id)).toMatchObject({ supervision: 'observed', supervisorNames: ['Alex'] });
    await ok(mod.socket, 'supervision:takeover', { conversationId: p.conversation.id });
    b = await board(mod.token);
    expect(chatOn(b, p.conversation.id)).toMatchObject({ supervision: 'taken_over', supervisorNames: ['Alex'] });
    // The supervisor's own line counts as the reply.
    const sup = await ok(mod.socket, 'supervision:send', { conversationId: p.conversation.id, clientId: randomUUID(), body: 'Alex here, I am with you' });
    b = await board(mod.token);
    expect(chatOn(b, p.conversation.id)).toMatchObject({ awaitingReply: false, lastReplyAt: sup.createdAt });

    await ok(mod.socket, 'supervision:end', { conversationId: p.conversation.id });
    b = await board(mod.token);
    expect(chatOn(b, p.conversation.id), 'an ended chat leaves the board').toBeUndefined();
    mod.socket.close();
    await p.close();
  });

  it('keeps one row per survivor across a transfer: the thread start and their last message carry over', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    const mine = await sayOk(p.visitor.socket, p.conversation.id, 'can someone else help me');
    const riley = await server.addStaff({ displayName: 'Riley' });
    const rileyConn = await onShiftVolunteer(server.url, riley);
    const started = next(rileyConn.socket, 'conversation:started');
    await ok(p.volunteer.socket, 'conversation:transfer', { conversationId: p.conversation.id, toVolunteerId: riley.id, note: 'wants a woman' });
    const moved = await started;
    const b = await board(mod.token);
    expect(chatOn(b, p.conversation.id), 'the first part is gone').toBeUndefined();
    const row = chatOn(b, moved.id);
    expect(row).toMatchObject({ volunteerName: 'Riley', awaitingReply: true, lastSurvivorAt: mine.createdAt, startedAt: p.conversation.startedAt });
    await request(p.visitor.socket, 'conversation:end', { conversationId: moved.id });
    rileyConn.socket.close();
    mod.socket.close();
    await p.close();
  });

  it('answers moderators and admins only', async () => {
    const p = await pair(server, 'Sam');
    expect((await http(server, 'GET', '/api/moderation/board', { token: p.volunteer.token })).status).toBe(403);
    // A survivor's token is no staff session at all (as everywhere in the staff API).
    expect((await http(server, 'GET', '/api/moderation/board', { token: p.visitor.token })).status).toBe(401);
    expect((await http(server, 'GET', '/api/moderation/board')).status).toBe(401);
    const admin = await moderator(server, 'admin', 'Ada');
    expect(chatOn(await board(admin.token), p.conversation.id)).toBeDefined();
    admin.socket.close();
    await p.close();
  });
});

describe('Observe from the board', () => {
  it('needs a reason on a chat no sign escalated, and audits the look with it', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    const id = p.conversation.id;
    expect(await request(mod.socket, 'supervision:observe', { conversationId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await request(mod.socket, 'supervision:observe', { conversationId: id, reason: 'curious' as never });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', field: 'reason' } });

    const line = next(p.visitor.socket, 'message:new', (m) => m.system?.code === 'supervisor_joined');
    const transcript = await ok(mod.socket, 'supervision:observe', { conversationId: id, reason: 'awaiting_reply' });
    expect(transcript.conversation.id).toBe(id);
    // The survivor is told a supervisor is supporting their volunteer, as for any observer.
    await line;
    const opened = await listAudit(server.ctx.db, { action: 'transcript.opened', targetId: id, limit: 5 });
    expect(opened[0]).toMatchObject({ actorId: mod.id, details: { purpose: 'live_supervision', escalation: 'live_board', reason: 'awaiting_reply' } });
    // Observing again after a reconnect needs no second reason.
    await ok(mod.socket, 'supervision:observe', { conversationId: id });
    expect(chatOn(await board(mod.token), id)).toMatchObject({ supervision: 'observed', supervisorNames: ['Alex'] });
    mod.socket.close();
    await p.close();
  });
});
