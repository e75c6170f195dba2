// Live supervision through the real server: ask for help, observe, whisper (never to the survivor), take over.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage,  MessagesResponse } from '@beside/shared';
import { returnConversationToQueue } from '../server/src/domain/matching/requeue.js';
import { announceReturnedToQueue } from '../server/src/commands/returnToQueue.js';
import { collect, connect, getJson, next, ok, onShiftVolunteer, request, sleep, type ClientSocket } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { audit, moderator, pair, recordAll, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('asking for help and observing', () => {
  it('alerts the moderators; a moderator joins as an observer and the survivor sees a system line, nothing more', async () => {
    const mod = await moderator(server, 'moderator', 'Morgan');
    const other = await moderator(server, 'moderator', 'Noor');
    const p = await pair(server);
    await sayOk(p.visitor.socket, p.conversation.id, 'it happened at the office party');
    const survivorHears = recordAll(p.visitor.socket);

    // Not escalated yet: a moderator cannot just drop in.
    expect(await request(mod.socket, 'supervision:observe', { conversationId: p.conversation.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const alerted = next(other.socket, 'help:requested', (h) => h.conversationId === p.conversation.id);
    const help = await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    expect(help).toMatchObject({ conversationId: p.conversation.id, volunteerName: 'Robin', status: 'open', topic: 'workplace' });
    expect(await alerted).toMatchObject({ id: help.id });
    expect((await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id })).id).toBe(help.id);

    const line = next(p.visitor.socket, 'message:new', (m) => m.sender === 'system');
    const volunteerLine = next(p.volunteer.socket, 'message:new', (m) => m.sender === 'system');
    const joinedForVolunteer = next(p.volunteer.socket, 'supervision:joined');
    const answered = next(p.volunteer.socket, 'help:answered');
    const transcript = await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    expect(transcript.messages.map((m) => m.body)).toContain('it happened at the office party');
    expect(transcript.purpose).toBe('live_supervision');
    // A code the survivor's page words in its language; the body is only the English fallback.
    expect(await line).toMatchObject({ kind: 'system', system: { code: 'supervisor_joined' } });
    expect((await line).body).toMatch(/supervisor is supporting your volunteer/);
    expect(await volunteerLine).toMatchObject({ kind: 'system', system: { code: 'supervisor_joined' } });
    expect(await joinedForVolunteer).toMatchObject({ conversationId: p.conversation.id, moderatorName: 'Morgan' });
    expect(await answered).toMatchObject({ id: help.id, status: 'answered', answeredByName: 'Morgan' });

    // The observer hears the conversation live.
    const heard = next(mod.socket, 'message:new', (m) => m.sender === 'visitor');
    await sayOk(p.visitor.socket, p.conversation.id, 'I froze when he did it');
    expect((await heard).body).toBe('I froze when he did it');

    // Observing again (a reconnect) does not post a second line.
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    await sleep(300);
    expect(survivorHears.filter((e) => e.event === 'message:new' && (e.payload as ChatMessage).sender === 'system')).toHaveLength(1);
    expect(survivorHears.map((e) => e.event).filter((e) => e !== 'message:new')).toEqual([]);
    mod.socket.close();
    other.socket.close();
    await p.close();
  });
});

describe('whispers', () => {
  it('go between the observing moderator and the volunteer only: the survivor never receives or can fetch them', async () => {
    const mod = await moderator(server, 'moderator', 'Morgan');
    const p = await pair(server);
    const survivorHears = recordAll(p.visitor.socket);
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });

    // Every whisper carries the same unguessable marker, looked for wherever the survivor could see it.
    const secret = marker('whisper');
    const toVolunteer = next(p.volunteer.socket, 'supervision:whisper');
    const whisper = await ok(mod.socket, 'supervision:whisper', {
      conversationId: p.conversation.id,
      clientId: randomUUID(),
      body: `WHISPER-ONE ${secret}: ask gently whether she is safe tonight`,
    });
    expect(await toVolunteer).toMatchObject({ id: whisper.id, sender: 'moderator', senderName: 'Morgan' });

    const toModerator = next(mod.socket, 'supervision:whisper', (w) => w.sender === 'volunteer');
    await ok(p.volunteer.socket, 'supervision:whisper', { conversationId: p.conversation.id, clientId: randomUUID(), body: `WHISPER-TWO ${secret}: thank you` });
    expect((await toModerator).senderName).toBe('Robin');

    // A retried whisper is stored and delivered once.
    const again = collect(p.volunteer.socket, 'supervision:whisper');
    const payload = { conversationId: p.conversation.id, clientId: randomUUID(), body: `WHISPER-THREE ${secret}` };
    const [w1, w2] = await Promise.all([ok(mod.socket, 'supervision:whisper', payload), ok(mod.socket, 'supervision:whisper', payload)]);
    expect(w1.id).toBe(w2.id);
    await sleep(400);
    expect(again.filter((w) => w.clientId === payload.clientId)).toHaveLength(1);

    expect(JSON.stringify(survivorHears)).not.toContain(secret);
    const missed = await ok(p.visitor.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 });
    expect(JSON.stringify(missed)).not.toContain(secret);
    const rest = await getJson<MessagesResponse>(server.url, `/api/conversations/${p.conversation.id}/messages`, p.visitor.token);
    expect(rest.status).toBe(200);
    expect(JSON.stringify(rest.body)).not.toContain(secret);
    // A survivor cannot send one either.
    expect(await request(p.visitor.socket, 'supervision:whisper', { conversationId: p.conversation.id, clientId: randomUUID(), body: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A moderator who is not observing cannot whisper into it.
    const outsider = await moderator(server, 'moderator', 'Out');
    expect(await request(outsider.socket, 'supervision:whisper', { conversationId: p.conversation.id, clientId: randomUUID(), body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const log = await audit(server, mod.token, `action=supervision.whisper&targetId=${p.conversation.id}`);
    expect(log.entries.map((e) => e.details.direction).sort()).toEqual(['to_moderators', 'to_volunteer', 'to_volunteer']);
    expect(JSON.stringify(log)).not.toContain(secret);
    outsider.socket.close();
    mod.socket.close();
    await p.close();
  });
});

describe('taking over', () => {
  it('lets the moderator speak to the survivor in place of the volunteer, end the chat, with every step audited', async () => {
    const mod = await moderator(server, 'moderator', 'Morgan');
    const p = await pair(server);
    const crisis = next(mod.socket, 'risk:alert', (a) => a.conversationId === p.conversation.id);
    await sayOk(p.visitor.socket, p.conversation.id, 'I want to end my life');
    await crisis;
    // High risk is an escalation: the moderator may join without a help request.
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });

    const notice = next(p.visitor.socket, 'message:new', (m) => m.sender === 'system' && m.system?.code === 'supervisor_took_over');
    const volunteerTold = next(p.volunteer.socket, 'supervision:takeover');
    const change = await ok(mod.socket, 'supervision:takeover', { conversationId: p.conversation.id });
    expect(change).toMatchObject({ conversationId: p.conversation.id, moderatorName: 'Morgan' });
    await notice;
    expect(await volunteerTold).toMatchObject({ moderatorId: mod.id });

    const refused = await request(p.volunteer.socket, 'message:send', { conversationId: p.conversation.id, clientId: randomUUID(), body: 'still here' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const another = await moderator(server, 'moderator', 'Noor');
    await ok(another.socket, 'supervision:observe', { conversationId: p.conversation.id });
    expect(await request(another.socket, 'supervision:takeover', { conversationId: p.conversation.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const atSurvivor = next(p.visitor.socket, 'message:new', (m) => m.sender === 'moderator');
    const atVolunteer = next(p.volunteer.socket, 'message:new', (m) => m.sender === 'moderator');
    const sent = await ok(mod.socket, 'supervision:send', {
      conversationId: p.conversation.id,
      clientId: randomUUID(),
      body: "I'm Morgan, I'm here with you. Are you safe right now?",
    });
    expect(await atSurvivor).toMatchObject({ id: sent.id, senderName: 'Morgan' });
    expect((await atVolunteer).id).toBe(sent.id);
    // Contact details are held back for a moderator too.
    expect(await request(mod.socket, 'supervision:send', { conversationId: p.conversation.id, clientId: randomUUID(), body: 'call me on 555 123 4567' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'body', details: { reason: 'contact_details', kinds: ['phone'] } },
    });

    const ended = next(p.visitor.socket, 'conversation:ended');
    await ok(mod.socket, 'supervision:end', { conversationId: p.conversation.id });
    expect(await ended).toMatchObject({ endedBy: 'moderator', reason: 'ended_by_moderator' });

    const actions = (await audit(server, mod.token, `targetId=${p.conversation.id}&limit=100`)).entries.map((e) => e.action);
    for (const action of ['conversation.risk_raised', 'transcript.opened', 'supervision.observed', 'supervision.takeover', 'supervision.ended']) {
      expect(actions).toContain(action);
    }
    another.socket.close();
    mod.socket.close();
    await p.close();
  });

  it('keeps an observing moderator in the conversation room across a reconnect', async () => {
    const mod = await moderator(server, 'moderator', 'Morgan');
    const p = await pair(server);
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    mod.socket.close();
    const back: ClientSocket = io(server.url, { auth: { token: mod.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => back.once('connect', () => resolve()));
    await sleep(300);
    const heard = next(back, 'message:new', (m) => m.sender === 'visitor');
    await sayOk(p.visitor.socket, p.conversation.id, 'are you still there?');
    expect((await heard).body).toBe('are you still there?');
    // Leaving takes them out of the room.
    await ok(back, 'supervision:leave', { conversationId: p.conversation.id });
    const after = collect(back, 'message:new');
    await sayOk(p.visitor.socket, p.conversation.id, 'one more thing');
    await sleep(300);
    expect(after).toHaveLength(0);
    back.close();
    await p.close();
  });

  it("follows a high-risk chat to the next volunteer and tells moderators once an alerted chat has ended", async () => {
    const mod = await moderator(server, 'moderator', 'Morgan');
    const p = await pair(server);
    const quiet = await pair(server, 'Sam');
    const heard = recordAll(mod.socket);
    const crisis = next(mod.socket, 'risk:alert', (a) => a.conversationId === p.conversation.id);
    await sayOk(p.visitor.socket, p.conversation.id, 'I want to end my life');
    await crisis;

    const kimStaff = await server.addStaff({ displayName: 'Kim' });
    const kim = await onShiftVolunteer(server.url, kimStaff);
    const kimStarted = next(kim.socket, 'conversation:started');
    const handedOn = next(mod.socket, 'alert:ended', (e) => e.conversationId === p.conversation.id);
    const followed = next(mod.socket, 'risk:alert', (a) => a.conversationId !== p.conversation.id);
    const kimBanner = next(kim.socket, 'risk:banner');
    await ok(p.volunteer.socket, 'conversation:transfer', { conversationId: p.conversation.id, toVolunteerId: kim.userId });
    const withKim = await kimStarted;
    expect(await handedOn).toMatchObject({ conversationId: p.conversation.id, continues: 'volunteer' });
    expect(await followed).toMatchObject({ conversationId: withKim.id, volunteerId: kim.userId, volunteerName: 'Kim' });
    // Kim sees the protocol for the chat she took over at once, not after a reconnect.
    expect((await kimBanner).conversationId).toBe(withKim.id);

    const ended = next(mod.socket, 'alert:ended', (e) => e.conversationId === withKim.id);
    // Crisis words make the chat imminent (supervision-alerts.test.ts): with no supervisor's acknowledgement the
    // volunteer ends it only by saying why.
    await ok(kim.socket, 'conversation:end', { conversationId: withKim.id, imminentReason: 'survivor_safe' });
    const last = await ended;
    expect(last.continues).toBeUndefined();
    expect(Date.parse(last.endedAt)).not.toBeNaN();

    // A chat nobody was alerted about ends without a word to the moderators.
    await ok(quiet.visitor.socket, 'conversation:end', { conversationId: quiet.conversation.id });
    await sleep(300);
    const endings = heard.filter((e) => e.event === 'alert:ended').map((e) => (e.payload as { conversationId: string }).conversationId);
    expect(endings).toEqual([p.conversation.id, withKim.id]);
    await ok(kim.socket, 'shift:set', { onShift: false });
    kim.socket.close();
    mod.socket.close();
    await p.close();
    await quiet.close();
  });

  it('keeps a high-risk chat high-risk when its survivor goes back to the queue and is matched again', async () => {
    const mod = await moderator(server, 'moderator', 'Morgan');
    const p = await pair(server);
    const crisis = next(mod.socket, 'risk:alert', (a) => a.conversationId === p.conversation.id);
    await sayOk(p.visitor.socket, p.conversation.id, 'I want to end my life');
    await crisis;

    const backInQueue = next(mod.socket, 'alert:ended', (e) => e.conversationId === p.conversation.id);
    const result = await returnConversationToQueue(server.ctx.db, server.ctx.clock, p.conversation.id, {
      reason: 'volunteer_unavailable',
      endedBy: 'moderator',
    });
    await announceReturnedToQueue(server.ctx, [result]);
    expect(await backInQueue).toMatchObject({ continues: 'queue' });

    // The next volunteer is told of the risk with the chat, and the moderators' alert follows it.
    const leeStaff = await server.addStaff({ displayName: 'Lee' });
    const lee = await connect(server.url, server.tokenFor(leeStaff));
    const started = next(lee, 'conversation:started');
    const banner = next(lee, 'risk:banner');
    const followed = next(mod.socket, 'risk:alert', (a) => a.volunteerId === leeStaff.id);
    await ok(lee, 'shift:set', { onShift: true });
    const again = await started;
    expect(again.id).not.toBe(p.conversation.id);
    expect((await banner).conversationId).toBe(again.id);
    expect(await followed).toMatchObject({ conversationId: again.id, volunteerName: 'Lee' });

    // Still imminent after the return to the queue: the alert followed the thread.
    expect(await request(lee, 'conversation:end', { conversationId: again.id })).toMatchObject({ ok: false, error: { details: { reason: 'imminent_unacknowledged' } } });
    await ok(lee, 'conversation:end', { conversationId: again.id, imminentReason: 'emergency_services' });
    await ok(lee, 'shift:set', { onShift: false });
    lee.close();
    mod.socket.close();
    await p.close();
  });
});
