// SIGTERM: the node stops accepting, tells clients to reconnect, finishes in-flight writes and exits in bounded time.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type {  ConversationView, LoginResponse, VisitorSessionResponse } from '@beside/shared';
import { connect, intake, next, ok, postJson, request } from './helpers/clients.js';
import { demoLogins, freePort, startServerProcess, type ServerProcess } from './helpers/process.js';
import { createTestDatabase } from './helpers/server.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('graceful shutdown on SIGTERM', () => {
  it('tells clients to reconnect, finishes the write in flight, and exits promptly with code 0', async () => {
    const testDb = await createTestDatabase();
    if (testDb) cleanups.push(() => testDb.drop());
    const env = {
      DATA_DIR: path.join(os.tmpdir(), `beside-term-${randomBytes(4).toString('hex')}`),
      PORT: String(await freePort()),
      SHUTDOWN_TIMEOUT_MS: '5000',
      ...(testDb ? { DATABASE_URL: testDb.url } : {}),
    };
    let node: ServerProcess = await startServerProcess(env, ['--demo']);
    cleanups.push(() => node.kill('SIGKILL'));
    const creds = demoLogins(node.stdout()).volunteer!;
    const login = await postJson<LoginResponse>(node.url, '/api/auth/login', creds);
    const volunteer = await connect(node.url, login.body.accessToken);
    await ok(volunteer, 'shift:set', { onShift: true });
    const session = await postJson<VisitorSessionResponse>(node.url, '/api/visitor/session', undefined);
    const visitor = await connect(node.url, session.body.token);
    const started = next(visitor, 'conversation:started');
    await ok(visitor, 'queue:join', intake());
    const conversation = (await started) as ConversationView;

    const told = next(visitor, 'session:closing');
    const clientId = randomUUID();
    const inFlight = request(visitor, 'message:send', { conversationId: conversation.id, clientId, body: 'last words before the restart' });
    const t0 = Date.now();
    const exited = node.kill('SIGTERM');
    expect(await told).toEqual({ reason: 'shutdown' });
    // From here the node takes nobody new: not ready for the load balancer, and no new connection.
    const ready = await fetch(`${node.url}/readyz`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(ready);
    const late = await connect(node.url, session.body.token).then(
      (s) => (s.close(), 'connected'),
      () => 'refused',
    );
    expect(late).toBe('refused');
    const ack = await inFlight;
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(6000);
    visitor.close();
    volunteer.close();

    // Whatever was acknowledged is there after a restart; nothing half-written.
    node = await startServerProcess(env);
    const again = await connect(node.url, session.body.token);
    const stored = await ok(again, 'messages:since', { conversationId: conversation.id, afterSeq: 0 });
    if (ack.ok) expect(stored.map((m) => m.clientId)).toEqual([clientId]);
    else expect(stored).toEqual([]);
    again.close();
  }, 120_000);
});
