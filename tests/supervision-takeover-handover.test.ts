// A takeover is a hand-over, through the real server: once a supervisor has the chat, its volunteer can no longer
// write to the survivor, share a resource, transfer or end it (each refused, naming the supervisor), their slot is
// free for the next survivor, and the survivor is told by name who is talking with them now.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intake, newVisitor, next, ok, request } from './helpers/clients.js';
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

    await ok(mod.socket, 'supervision:end', { conversationId: id });
    next1.socket.close();
    mod.socket.close();
    await p.close();
  });
});
