// The smaller findings of the attack pass, each as the attacker tried it: a volunteer re-reading a message by
// replaying its client id after the chat ended, a visitor token that outlived quick exit, weak passwords, NUL
// bytes that answered 500, cacheable API answers, and links built on the request's Host header.
import { randomUUID } from 'node:crypto';
import nodeHttp from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteCreated } from '@beside/shared';
import { loadConfig } from '../server/src/config.js';
import { connect, getJson, ok, request } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { moderator, pair } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, signIn } from './helpers/staffAuth.js';

let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({ env: { JWT_SECRET: TEST_JWT_SECRET } });
  adminToken = server.tokenFor(await server.addStaff({ role: 'admin' }));
});
afterAll(async () => {
  await server?.stop();
});

describe('replaying a client id', () => {
  it('does not let a volunteer read a message back after the chat ended', async () => {
    const p = await pair(server);
    const secret = marker('said-before-the-end');
    const clientId = randomUUID();
    await ok(p.volunteer.socket, 'message:send', { conversationId: p.conversation.id, clientId, body: `I hear you ${secret}` });
    await ok(p.visitor.socket, 'conversation:end', { conversationId: p.conversation.id });
    const replay = await request(p.volunteer.socket, 'message:send', { conversationId: p.conversation.id, clientId, body: 'anything' });
    expect(replay.ok).toBe(false);
    expect(JSON.stringify(replay)).not.toContain(secret);
    await p.close();
  });

  it("does not let one side read the other's message by its client id", async () => {
    const p = await pair(server);
    const secret = marker('survivor-words');
    const clientId = randomUUID();
    await ok(p.visitor.socket, 'message:send', { conversationId: p.conversation.id, clientId, body: `it happened at work ${secret}` });
    const replay = await request(p.volunteer.socket, 'message:send', { conversationId: p.conversation.id, clientId, body: 'anything' });
    expect(replay.ok).toBe(false);
    expect(JSON.stringify(replay)).not.toContain(secret);
    await p.close();
  });
});

describe('quick exit', () => {
  it('revokes the visitor token: it reads nothing afterwards, on REST or on the socket', async () => {
    const p = await pair(server);
    await ok(p.visitor.socket, 'message:send', { conversationId: p.conversation.id, clientId: randomUUID(), body: 'before leaving' });
    const path = `/api/conversations/${p.conversation.id}/messages`;
    expect((await getJson(server.url, path, p.visitor.token)).status).toBe(200);
    const res = await fetch(`${server.url}/api/visitor/exit`, { method: 'POST', body: JSON.stringify({ token: p.visitor.token }) });
    expect(res.status).toBe(204);
    expect((await getJson(server.url, path, p.visitor.token)).status).toBe(401);
    await expect(connect(server.url, p.visitor.token)).rejects.toThrow(/unauthorized/);
    await p.close();
  });
});

describe('weak passwords', () => {
  async function acceptWith(password: string, email = `weak-${randomUUID()}@shelter.example`) {
    const created = await http<InviteCreated>(server, 'POST', '/api/staff/invites', { token: adminToken, body: { email, role: 'volunteer' } });
    expect(created.status).toBe(201);
    return http(server, 'POST', '/api/invites/accept', {
      body: { token: created.body.token, password, displayName: 'Robin', languages: ['en'], topics: [], capacity: 1, gender: 'unspecified' },
    });
  }

  it('refuses a season-and-year password such as Summer2025!!', async () => {
    for (const password of ['Summer2025!!', 'Winter2026!!', 'January2026!']) {
      const res = await acceptWith(password);
      expect(res.status, password).toBe(400);
      expect(res.body.error, password).toMatchObject({ code: 'invalid', field: 'password' });
    }
  });

  it("refuses the account's own e-mail address as its password, and the invitation stays usable", async () => {
    const email = `robin.hughes.${Date.now()}@shelter.example`;
    const created = await http<InviteCreated>(server, 'POST', '/api/staff/invites', { token: adminToken, body: { email, role: 'volunteer' } });
    const body = (password: string) => ({ token: created.body.token, password, displayName: 'Robin', languages: ['en'], topics: [], capacity: 1, gender: 'unspecified' });
    expect((await http(server, 'POST', '/api/invites/accept', { body: body(email) })).status).toBe(400);
    expect((await http(server, 'POST', '/api/invites/accept', { body: body(`${email}!`) })).status).toBe(400);
    expect((await http(server, 'POST', '/api/invites/accept', { body: body('lantern-orchard-71-quietly') })).status).toBe(201);
  });
});

describe('NUL bytes', () => {
  it('are a 400 naming the field in canned-response search, audit filters and the sign-in e-mail', async () => {
    const mod = await moderator(server);
    const canned = await getJson<{ error: { field?: string } }>(server.url, '/api/canned-responses?q=a%00b', adminToken);
    expect(canned.status).toBe(400);
    expect(canned.body.error.field).toBe('q');
    const audit = await getJson<{ error: { field?: string } }>(server.url, '/api/moderation/audit?action=auth.login%00', mod.token);
    expect(audit.status).toBe(400);
    expect(audit.body.error.field).toBe('action');
    const login = await signIn(server, { email: 'robin\u0000@test.local', password: 'lantern-orchard-71-quietly' });
    expect(login.status).toBe(400);
    expect(login.body.error).toMatchObject({ code: 'invalid', field: 'email' });
    mod.socket.close();
  });
});

describe('API caching', () => {
  it('answers /api without an ETag, so a repeat is never a 304', async () => {
    const first = await fetch(`${server.url}/api/resources`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBeNull();
    const again = await fetch(`${server.url}/api/resources`, { headers: { 'if-none-match': '*' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBeNull();
  });
});

describe('links', () => {
  it('never builds an invitation link on the Host header the request carried', async () => {
    // fetch will not send a Host header of our choosing; node:http will, as an attacker's client would.
    const body = JSON.stringify({ email: `host-${Date.now()}@test.local`, role: 'volunteer' });
    const res = await new Promise<{ status: number; body: InviteCreated }>((resolve, reject) => {
      const req = nodeHttp.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/staff/invites',
          method: 'POST',
          headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        },
        (r) => {
          let text = '';
          r.on('data', (d: Buffer) => (text += d.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body: JSON.parse(text) as InviteCreated }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(res.status).toBe(201);
    expect(res.body.inviteUrl).not.toContain('evil.example');
    expect(res.body.inviteUrl.startsWith(`http://localhost:${server.port}/invite#`)).toBe(true);
  });

  it('refuses to start in production without PUBLIC_URL, and uses it when set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, [])).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://chat.example.org/' }, []).linkBaseUrl).toBe('https://chat.example.org');
  });
});

