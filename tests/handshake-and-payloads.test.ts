// Who may connect, and what a malformed payload gets: an error ack naming the field, and a server that keeps serving.
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, getJson, intake, newVisitor, ok, postJson, request, requestRaw } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let jwtSecret: string;
beforeAll(async () => {
  server = await startTestServer();
  jwtSecret = JSON.parse(fs.readFileSync(path.join(server.config.dataDir, 'secrets.json'), 'utf8')).jwtSecret;
});
afterAll(async () => {
  await server?.stop();
});

describe('the socket handshake', () => {
  it('refuses a connection with no token', async () => {
    await expect(connect(server.url, undefined)).rejects.toThrow(/unauthorized/);
  });

  it('refuses a garbage token', async () => {
    await expect(connect(server.url, 'not.a.jwt')).rejects.toThrow(/unauthorized/);
  });

  it('refuses an expired visitor token', async () => {
    const { body } = await postJson<{ visitorId: string }>(server.url, '/api/visitor/session', undefined);
    const expired = jwt.sign({ typ: 'visitor' }, jwtSecret, {
      algorithm: 'HS256',
      issuer: 'beside',
      audience: 'beside:visitor',
      subject: body.visitorId,
      expiresIn: -10,
    });
    await expect(connect(server.url, expired)).rejects.toThrow(/unauthorized/);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = jwt.sign({ typ: 'visitor' }, 'x'.repeat(48), {
      algorithm: 'HS256',
      issuer: 'beside',
      audience: 'beside:visitor',
      subject: '00000000-0000-4000-8000-000000000000',
    });
    await expect(connect(server.url, forged)).rejects.toThrow(/unauthorized/);
  });

  it('refuses a well-signed visitor token for a visitor the server never issued', async () => {
    const invented = jwt.sign({ typ: 'visitor' }, jwtSecret, {
      algorithm: 'HS256',
      issuer: 'beside',
      audience: 'beside:visitor',
      subject: '00000000-0000-4000-8000-000000000000',
    });
    await expect(connect(server.url, invented)).rejects.toThrow(/unauthorized/);
  });

  it('accepts a fresh visitor token', async () => {
    const v = await newVisitor(server.url);
    expect(v.socket.connected).toBe(true);
    v.socket.close();
  });
});

describe('malformed payloads', () => {
  it('get an error ack naming the field, and nothing is written', async () => {
    const v = await newVisitor(server.url);
    const badTopic = await requestRaw(v.socket, 'queue:join', { ...intake(), topic: 'nonsense' });
    expect(badTopic).toMatchObject({ ok: false, error: { code: 'invalid', field: 'topic' } });
    const missing = await requestRaw(v.socket, 'queue:join', { topic: 'workplace', language: 'en' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid', field: 'inDanger' } });
    const notAnObject = await requestRaw(v.socket, 'message:send', 'hello');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const badId = await request(v.socket, 'message:send', { conversationId: 'x', clientId: 'y', body: 'hi' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid', field: 'conversationId' } });
    const tooLong = await request(v.socket, 'message:send', {
      conversationId: '00000000-0000-4000-8000-000000000000',
      clientId: '00000000-0000-4000-8000-000000000001',
      body: 'a'.repeat(4001),
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid', field: 'body' } });
    const status = await ok(v.socket, 'session:state', {});
    expect(status.queue?.state).toBe('not_queued');
    v.socket.close();
  });

  it('events sent with no ack callback or odd arguments do not bring the server down', async () => {
    const v = await newVisitor(server.url);
    const raw = v.socket as unknown as { emit: (...args: unknown[]) => void };
    raw.emit('queue:join');
    raw.emit('queue:join', null);
    raw.emit('message:send', { body: 'x' });
    raw.emit('typing', 42, 'extra', () => {});
    raw.emit('no-such-event', { a: 1 }, () => {});
    const health = await getJson(server.url, '/healthz');
    expect(health.status).toBe(200);
    const state = await ok(v.socket, 'session:state', {});
    expect(state.kind).toBe('visitor');
    v.socket.close();
  });

  it('REST: bad JSON and a bad body are a 400 naming the problem', async () => {
    const res = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid', field: 'body' });
    const missing = await postJson<{ error: { field: string } }>(server.url, '/api/auth/login', { email: 'a@b.c' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('password');
    const huge = await postJson(server.url, '/api/auth/login', { email: 'a@b.c', password: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz, with no-store on the API', async () => {
    expect((await getJson(server.url, '/healthz')).status).toBe(200);
    const ready = await getJson(server.url, '/readyz');
    expect(ready.status).toBe(200);
    const session = await postJson(server.url, '/api/visitor/session', undefined);
    expect(session.headers.get('cache-control')).toBe('no-store');
  });

  it('/readyz answers 503 when the database does not', async () => {
    const other = await startTestServer();
    const ping = other.ctx.storage.ping;
    other.ctx.storage.ping = () => Promise.reject(new Error('Connection terminated'));
    expect((await getJson(other.url, '/readyz')).status).toBe(503);
    expect((await getJson(other.url, '/healthz')).status).toBe(200);
    other.ctx.storage.ping = ping;
    expect((await getJson(other.url, '/readyz')).status).toBe(200);
    await other.stop();
  });
});
