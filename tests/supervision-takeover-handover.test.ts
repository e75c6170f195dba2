// A takeover is a hand-over, through the real server: once a supervisor has the chat, its volunteer can no longer
// write to the survivor, share a resource, transfer or end it (each refused, naming the supervisor), their slot is
// free for the next survivor, and the survivor is told by name who is talking with them now.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, newVisitor, next, ok, onShiftVolunteer, request } from './helpers/clients.js';
import { moderator, pair } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('a takeover', () => {
  it('refuses the volunteer every way of acting for the survivor, naming the supervisor, and frees their slot', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    const told = next(p.visitor.socket, 'message:new', (m) => m.system?.code === 'supervisor_took_over');
    await ok(mod.socket, 'supervision:takeover', { conversationId: p.conversation.id });
    // The survivor's page names who is with them now.
    expect((await told).system).toEqual({ code: 'supervisor_took_over', params: { name: 'Alex' } });

    const id = p.conversation.id;
    const refusals = {
      'message:send': await request(p.volunteer.socket, 'message:send', { conversationId: id, clientId: randomUUID(), body: 'still here' }),
      'resource:share': await request(p.volunteer.socket, 'resource:share', { conversationId: id, clientId: randomUUID(), slug: 'crisis-text-line' }),
      'conversation:transfer': await request(p.volunteer.socket, 'conversation:transfer', { conversationId: id }),
      'conversation:end': await request(p.volunteer.socket, 'conversation:end', { conversationId: id }),
    };
    for (const [event, ack] of Object.entries(refusals)) {
      expect(ack, event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(ack.ok ? '' : ack.error.message, event).toMatch(/Alex \(supervisor\) has taken this chat over/);
    }

    // The chat is still going, with the supervisor.
    const heard = next(p.visitor.socket, 'message:new', (m) => m.sender === 'moderator');
    await ok(mod.socket, 'supervision:send', { conversationId: id, clientId: randomUUID(), body: 'I am here with you.' });
    expect(await heard).toMatchObject({ senderName: 'Alex' });

    // The volunteer's one slot is free again: a new survivor is matched with them while the takeover lasts.
    await ok(p.volunteer.socket, 'shift:set', { onShift: true, accepting: true });
    const next1 = await newVisitor(server.url);
    const started = next(next1.socket, 'conversation:started');
    await ok(next1.socket, 'queue:join', intake());
    expect(await started).toMatchObject({ volunteerName: 'Sam' });

    // A report about the chat now reaches the reviewers naming the supervisor who was talking with the survivor.
    const flagged = next(mod.socket, 'flag:new', (f) => f.conversationId === id);
    await ok(p.visitor.socket, 'report:send', { conversationId: id, reason: 'disrespectful_or_judgemental' });
    expect((await flagged).conversation).toMatchObject({ volunteerName: 'Sam', takenOverByName: 'Alex' });

    await ok(mod.socket, 'supervision:end', { conversationId: id });
    next1.socket.close();
    mod.socket.close();
    await p.close();
  });
});

describe('handing a chat back', () => {
  async function takenOver(name = 'Sam') {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, name);
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    await ok(mod.socket, 'supervision:observe', { conversationId: p.conversation.id });
    await ok(mod.socket, 'supervision:takeover', { conversationId: p.conversation.id });
    return { mod, p };
  }

  it('to its volunteer: the note reaches them, they write again, and the survivor is told by name', async () => {
    const { mod, p } = await takenOver();
    const id = p.conversation.id;
    expect(await request(mod.socket, 'supervision:hand_back', { conversationId: id, note: '' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'note' } });
    const other = await moderator(server, 'moderator', 'Noor');
    expect(await request(other.socket, 'supervision:hand_back', { conversationId: id, note: 'mine' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const noteSeen = next(p.volunteer.socket, 'supervision:whisper', (w) => w.body.includes('safe at a friend'));
    const survivorTold = next(p.visitor.socket, 'message:new', (m) => m.system?.code === 'supervisor_handed_back');
    const result = await ok(mod.socket, 'supervision:hand_back', { conversationId: id, note: 'She is safe at a friend’s; check in about tonight.' });
    expect(result).toEqual({ conversationId: id, volunteerId: p.staff.id, volunteerName: 'Sam' });
    expect((await noteSeen).senderName).toBe('Alex');
    expect((await survivorTold).system).toEqual({ code: 'supervisor_handed_back', params: { name: 'Sam' } });
    // The note is kept: the volunteer's whispers after a reload hold it, and the survivor can never fetch it.
    const transcript = await ok(other.socket, 'supervision:observe', { conversationId: id });
    expect(transcript.whispers.map((w) => w.body)).toContain('She is safe at a friend’s; check in about tonight.');
    // Theirs again: the volunteer writes to the survivor.
    const heard = next(p.visitor.socket, 'message:new', (m) => m.sender === 'volunteer');
    await ok(p.volunteer.socket, 'message:send', { conversationId: id, clientId: randomUUID(), body: 'I am back with you.' });
    expect((await heard).body).toBe('I am back with you.');
    mod.socket.close();
    other.socket.close();
    await p.close();
  });

  it('to another volunteer: one thread, the note with the hand-off, and the survivor with the new volunteer', async () => {
    const { mod, p } = await takenOver('Sam');
    const kimStaff = await server.addStaff({ displayName: 'Kim' });
    const kim = await onShiftVolunteer(server.url, kimStaff);
    const kimStarts: string[] = [];
    kim.socket.on('conversation:started', (v) => kimStarts.push(v.id));
    const handoff = next(kim.socket, 'conversation:handoff');
    // The supervisor who has the chat sees who could take it (never its own volunteer); nobody else does.
    const candidates = await ok(mod.socket, 'transfer:candidates', { conversationId: p.conversation.id });
    expect(candidates.map((c) => c.displayName)).toContain('Kim');
    expect(candidates.map((c) => c.id)).not.toContain(p.staff.id);
    const other = await moderator(server, 'moderator', 'Nia');
    expect(await request(other.socket, 'transfer:candidates', { conversationId: p.conversation.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    other.socket.close();
    const survivorStarted = next(p.visitor.socket, 'conversation:started');
    const result = await ok(mod.socket, 'supervision:hand_back', { conversationId: p.conversation.id, note: 'Needs a calm voice.', toVolunteerId: kim.userId });
    expect(result).toMatchObject({ volunteerId: kim.userId, volunteerName: 'Kim' });
    const deadline = Date.now() + 5000;
    while (!kimStarts.includes(result.conversationId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(kimStarts).toContain(result.conversationId);
    const started = { id: result.conversationId };
    expect((await survivorStarted).volunteerName).toBe('Kim');
    expect(JSON.stringify(await handoff)).toContain('Needs a calm voice.');
    const history = await ok(kim.socket, 'thread:history', { conversationId: started.id });
    expect(history.parts.length).toBeGreaterThanOrEqual(1);
    await ok(kim.socket, 'conversation:end', { conversationId: started.id });
    kim.socket.close();
    mod.socket.close();
    await p.close();
  });
});

