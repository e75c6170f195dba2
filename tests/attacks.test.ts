// The attack suite: each test names an attack a hostile visitor or outsider could try, and asserts refusal.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationView } from '@beside/shared';
import { connect, getJson, intake, newVisitor, next, ok, onShiftVolunteer, postJson, rawGet, request, sleep } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let secret: string;
let volunteerToken: string;
let conversation: ConversationView;
let owner: Awaited<ReturnType<typeof newVisitor>>;

beforeAll(async () => {
  server = await startTestServer();
  secret = JSON.parse(fs.readFileSync(path.join(server.config.dataDir, 'secrets.json'), 'utf8')).jwtSecret;
  const staff = await server.addStaff({ capacity: 3 });
  const volunteer = await onShiftVolunteer(server.url, staff);
  volunteerToken = volunteer.token;
  owner = await newVisitor(server.url);
  const started = next(owner.socket, 'conversation:started');
  await ok(owner.socket, 'queue:join', intake());
  conversation = await started;
  await ok(owner.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'private words' });
});
afterAll(async () => {
  owner?.socket.close();
  await server?.stop();
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const staffClaims = (over: Record<string, unknown> = {}) => ({
  typ: 'access',
  role: 'admin',
  sub: randomUUID(),
  iss: 'beside',
  aud: 'beside:staff',
  exp: Math.floor(Date.now() / 1000) + 600,
  ...over,
});
const me = (token: string) => getJson(server.url, '/api/auth/me', token);

describe('forged and misused tokens', () => {
  it('alg:none staff token is refused on REST', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(staffClaims())}.`;
    expect((await me(token)).status).toBe(401);
  });

  it('alg:none token is refused on the socket handshake', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ typ: 'visitor', sub: owner.visitorId, iss: 'beside', aud: 'beside:visitor' })}.`;
    await expect(connect(server.url, token)).rejects.toThrow(/unauthorized/);
  });

  it('HS256 signed with a public key as the HMAC secret is refused', async () => {
    const publicKeyPem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n';
    const token = jwt.sign(staffClaims(), publicKeyPem, { algorithm: 'HS256' });
    expect((await me(token)).status).toBe(401);
  });

  it('RS/ES-style header with an HMAC signature is refused (algorithm pinned)', async () => {
    const token = jwt.sign(staffClaims(), secret, { algorithm: 'HS512' });
    expect((await me(token)).status).toBe(401);
  });

  it('an expired staff token is refused', async () => {
    const token = jwt.sign(staffClaims({ exp: Math.floor(Date.now() / 1000) - 60 }), secret, { algorithm: 'HS256' });
    expect((await me(token)).status).toBe(401);
  });

  it('a staff token with the wrong audience is refused', async () => {
    const token = jwt.sign(staffClaims({ aud: 'someone-else' }), secret, { algorithm: 'HS256' });
    expect((await me(token)).status).toBe(401);
  });

  it('a staff token with the wrong issuer is refused', async () => {
    const token = jwt.sign(staffClaims({ iss: 'evil' }), secret, { algorithm: 'HS256' });
    expect((await me(token)).status).toBe(401);
  });

  it('a staff-audience token of the wrong type is refused', async () => {
    const token = jwt.sign(staffClaims({ typ: 'visitor' }), secret, { algorithm: 'HS256' });
    expect((await me(token)).status).toBe(401);
  });

  it('a visitor token is refused by staff endpoints', async () => {
    expect((await me(owner.token)).status).toBe(401);
  });

  it('a staff token cannot pose as a visitor (quick-exit beacon ignores it)', async () => {
    const res = await postJson(server.url, '/api/visitor/exit', { token: volunteerToken });
    expect(res.status).toBe(204);
    const state = await ok(owner.socket, 'session:state', {});
    expect(state.conversations.map((c: ConversationView) => c.id)).toContain(conversation.id);
  });

  it('a token for a staff member who does not exist is refused', async () => {
    const token = jwt.sign(staffClaims(), secret, { algorithm: 'HS256' });
    expect((await me(token)).status).toBe(401);
  });

  it('an oversized Authorization header is refused without a 500', async () => {
    const res = await fetch(server.url + '/api/auth/me', { headers: { authorization: `Bearer ${'a'.repeat(6000)}` } });
    expect(res.status).toBe(401);
  });
});

describe('reaching into other people’s conversations', () => {
  it('a stranger cannot read another conversation by guessing its id in the URL', async () => {
    const stranger = await newVisitor(server.url);
    const res = await getJson(server.url, `/api/conversations/${conversation.id}/messages`, stranger.token);
    expect(res.status).toBe(403);
    stranger.socket.close();
  });

  it('a random id answers exactly like someone else’s (no probing which ids exist)', async () => {
    const stranger = await newVisitor(server.url);
    const other = await getJson(server.url, `/api/conversations/${conversation.id}/messages`, stranger.token);
    const random = await getJson(server.url, `/api/conversations/${randomUUID()}/messages`, stranger.token);
    expect(random.status).toBe(other.status);
    expect(random.body).toEqual(other.body);
    stranger.socket.close();
  });

  it('a malformed id in the URL is a 400, not a database error', async () => {
    const res = await getJson(server.url, `/api/conversations/1%20OR%201=1/messages`, owner.token);
    expect(res.status).toBe(400);
  });

  it('another volunteer cannot read the transcript', async () => {
    const other = await server.addStaff();
    const res = await getJson(server.url, `/api/conversations/${conversation.id}/messages`, server.tokenFor(other));
    expect(res.status).toBe(403);
  });

  it('a stranger cannot join the room by sending typing or catch-up events', async () => {
    const stranger = await newVisitor(server.url);
    const heard: unknown[] = [];
    stranger.socket.on('message:new', (m) => heard.push(m));
    expect(await request(stranger.socket, 'typing', { conversationId: conversation.id, typing: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(stranger.socket, 'messages:since', { conversationId: conversation.id, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await ok(owner.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'still private' });
    await sleep(200);
    expect(heard).toEqual([]);
    stranger.socket.close();
  });

  it('a stranger cannot end someone else’s conversation', async () => {
    const stranger = await newVisitor(server.url);
    expect(await request(stranger.socket, 'conversation:end', { conversationId: conversation.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    stranger.socket.close();
  });

  it('a visitor cannot send staff events (going on shift)', async () => {
    const v = await newVisitor(server.url);
    expect(await request(v.socket, 'shift:set', { onShift: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    v.socket.close();
  });

  it('a volunteer cannot send survivor events (joining the queue)', async () => {
    const staff = await server.addStaff();
    const s = await connect(server.url, server.tokenFor(staff));
    expect(await request(s, 'queue:join', intake())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    s.close();
  });
});

describe('hostile input', () => {
  it('a message full of markup and control characters is stored and returned verbatim, as text', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)> \u0007\u202e';
    const sent = await ok(owner.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body });
    expect(sent.body).toBe(body);
  });
  it('an oversized socket frame is dropped and the server keeps serving', async () => {
    const v = await newVisitor(server.url);
    const closed = new Promise((resolve) => v.socket.once('disconnect', resolve));
    v.socket.emit('message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'x'.repeat(64 * 1024) }, () => {});
    await closed;
    expect((await getJson(server.url, '/healthz')).status).toBe(200);
  });

  it('a message over 4,000 characters is refused with a clear error naming the field', async () => {
    const ack = await request(owner.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: 'y'.repeat(4001),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid', field: 'body' } });
  });

  it('a flood of messages is rate limited', async () => {
    const acks = await Promise.all(
      Array.from({ length: 45 }, () =>
        request(owner.socket, 'message:send', { conversationId: conversation.id, clientId: randomUUID(), body: 'flood' }),
      ),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ error: { retryable: true } });
  });

  it('a flood of typing events is rate limited', async () => {
    const acks = await Promise.all(
      Array.from({ length: 40 }, () => request(owner.socket, 'typing', { conversationId: conversation.id, typing: true })),
    );
    expect(acks.some((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
  });

  it('a flood of queue requests is rate limited', async () => {
    const v = await newVisitor(server.url);
    const acks = [];
    for (let i = 0; i < 25; i++) acks.push(await request(v.socket, i % 2 ? 'queue:leave' : 'queue:join', i % 2 ? {} : intake({ language: 'es' })));
    expect(acks.some((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
    v.socket.close();
  });

  it('a flood of reports is rate limited (a harasser cannot bury the review queue)', async () => {
    const acks = [];
    for (let i = 0; i < 14; i++) acks.push(await request(owner.socket, 'report:send', { conversationId: conversation.id, reason: 'other' }));
    // The first ten are taken (one report per conversation: the same one each time), the rest refused.
    expect(acks.slice(0, 10).every((a) => a.ok)).toBe(true);
    expect(acks.slice(10).every((a) => !a.ok && a.error.code === 'rate_limited' && a.error.retryable)).toBe(true);
  });

  it('an over-limit JSON body is refused with 413', async () => {
    const res = await postJson(server.url, '/api/auth/login', { email: 'a@b.c', password: 'p', pad: 'z'.repeat(40_000) });
    expect(res.status).toBe(413);
  });

  it('prototype pollution in a JSON body changes nothing and is refused', async () => {
    const res = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}},"email":"x@y.z","password":"nope"}',
    });
    expect([400, 401]).toContain(res.status);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('SQL-looking sign-in input is just a failed sign-in', async () => {
    const res = await postJson(server.url, '/api/auth/login', { email: "' OR 1=1 --", password: "' OR '1'='1" });
    expect([400, 401]).toContain(res.status);
  });

});

describe('cross-site requests and files', () => {
  it('CSRF: a state-changing request from another site is refused', async () => {
    const res = await fetch(server.url + '/api/visitor/session', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('CORS preflight from another site gets no permission', async () => {
    const res = await fetch(server.url + '/api/auth/login', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a WebSocket upgrade from another site’s page is refused', async () => {
    const socket = io(server.url, {
      auth: { token: owner.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin: 'https://evil.example' },
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
    socket.close();
    expect(outcome).toBe('refused');
  });

  it('long-polling from another site’s page is refused too', async () => {
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('path traversal on static files reveals nothing', async () => {
    // A built client of our own, with a secret beside it: `npm test` runs before any build, and a test against
    // a missing client/dist would pass whatever the static handler did.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-static-'));
    const dist = path.join(root, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Beside</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');
    fs.writeFileSync(path.join(dist, '.env'), 'DOTFILE_SECRET=1');
    fs.writeFileSync(path.join(root, 'secrets.json'), '{"jwtSecret":"TRAVERSAL_SECRET"}');
    const served = await startTestServer({ clientDir: dist });
    try {
      // Control: the same handler does serve what is inside the folder.
      const control = await rawGet(served.url, '/assets/app.js');
      expect({ status: control.status, body: control.body.toString() }).toEqual({ status: 200, body: 'console.log("app")' });
      for (const p of [
        '/assets/../../secrets.json',
        '/../secrets.json',
        '/%2e%2e/secrets.json',
        '/assets/%2e%2e/%2e%2e/secrets.json',
        '/..%2fsecrets.json',
        '/assets/..%2f..%2fsecrets.json',
        '/assets/%2e%2e%5c%2e%2e%5csecrets.json',
        '/.env',
        '/assets/%2e%2e/.env',
      ]) {
        const res = await rawGet(served.url, p);
        expect(res.status, p).toBeGreaterThanOrEqual(400);
        expect(res.body.toString(), p).not.toMatch(/TRAVERSAL_SECRET|DOTFILE_SECRET/);
      }
    } finally {
      await served.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the pages may not be framed, and scripts come only from our origin', async () => {
    const res = await fetch(server.url + '/healthz');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('connection floods', () => {
  it('too many connections from one address are refused', async () => {
    const strict = await startTestServer({ env: { CONNECTIONS_PER_IP_PER_MINUTE: '5' } });
    const session = await postJson<{ token: string }>(strict.url, '/api/visitor/session', undefined);
    const sockets = [];
    let refused: unknown;
    for (let i = 0; i < 8 && !refused; i++) {
      try {
        sockets.push(await connect(strict.url, session.body.token));
      } catch (err) {
        refused = err;
      }
    }
    // Refused at the transport, before any Socket.IO handshake: the HTTP answer names the reason.
    expect(refused).toBeInstanceOf(Error);
    expect(sockets).toHaveLength(5);
    const res = await fetch(`${strict.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: 'rate_limited' });
    for (const s of sockets) s.close();
    await strict.stop();
  });
});
