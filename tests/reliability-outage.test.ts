// A database outage: sends are refused with a retryable error and never acknowledged, /readyz says 503, and when
// the database returns the retries go through and the conversation continues. Needs the PostgreSQL server.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '@beside/shared';
import { collect, getJson, intake, newVisitor, next, ok, onShiftVolunteer, request, sleep } from './helpers/clients.js';
import { startTestServer } from './helpers/server.js';
import { proxiedTestDatabase } from './helpers/tcpProxy.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.skipIf(!process.env.DATABASE_URL)('when the PostgreSQL server becomes unreachable', () => {
  it('refuses sends with a retryable error, reports 503, and continues when it is back', async () => {
    const { url, proxy, drop } = await proxiedTestDatabase();
    cleanups.push(drop);
    const server = await startTestServer({ databaseUrl: url });
    cleanups.push(() => server.stop());

    const staff = await server.addStaff();
    const volunteer = await onShiftVolunteer(server.url, staff);
    const visitor = await newVisitor(server.url);
    const started = next(visitor.socket, 'conversation:started');
    await ok(visitor.socket, 'queue:join', intake());
    const conversation = await started;
    const atVolunteer = collect(volunteer.socket, 'message:new');

    await proxy.cut();
    const payload = { conversationId: conversation.id, clientId: randomUUID(), body: 'are you still there?' };
    const refused = await request(visitor.socket, 'message:send', payload, 15_000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', retryable: true } });
    expect((await getJson(server.url, '/readyz')).status).toBe(503);
    expect((await getJson(server.url, '/healthz')).status).toBe(200);
    await sleep(200);
    expect(atVolunteer).toHaveLength(0);

    await proxy.restore();
    let retried = await request(visitor.socket, 'message:send', payload, 15_000);
    for (let i = 0; !retried.ok && i < 20; i++) {
      await sleep(250);
      retried = await request(visitor.socket, 'message:send', payload, 15_000);
    }
    expect(retried.ok).toBe(true);
    expect((retried as { data: ChatMessage }).data.seq).toBe(1);
    expect((await getJson(server.url, '/readyz')).status).toBe(200);
    const reply = await ok(volunteer.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: 'yes, I am here',
    });
    expect(reply.seq).toBe(2);
    await sleep(200);
    expect(atVolunteer.filter((m) => m.clientId === payload.clientId)).toHaveLength(1);
    visitor.socket.close();
    volunteer.socket.close();
  }, 90_000);
});
