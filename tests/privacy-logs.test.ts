// Logs never hold message text, tokens, passwords, e-mail addresses or IP addresses.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@beside/shared';
import { createLogger, errorFields } from '../server/src/logger.js';
import { connect, ok, postJson, request } from './helpers/clients.js';
import { endChat, exchange, marker, startChat } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('the logger', () => {
  function capture() {
    const lines: string[] = [];
    return { lines, logger: createLogger('debug', (l) => lines.push(l)) };
  }

  it('redacts fields that by their name hold content, secrets, contacts or addresses', () => {
    const { lines, logger } = capture();
    logger.info('test', {
      body: 'what the survivor wrote',
      messageText: 'what the survivor wrote',
      note: 'a private note',
      accessToken: 'secret-token-value',
      password: 'hunter2hunter2',
      ip: '203.0.113.9',
      clientIp: '203.0.113.9',
      ipAddress: '203.0.113.9',
      remoteAddress: '203.0.113.9',
      forwardedFor: '203.0.113.9',
      email: 'someone@example.org',
      authorization: 'Bearer x',
      conversationId: 'c-1',
      count: 3,
    });
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    for (const k of ['body', 'messageText', 'note', 'accessToken', 'password', 'ip', 'clientIp', 'ipAddress', 'remoteAddress', 'forwardedFor', 'email', 'authorization']) {
      expect(entry[k], k).toBe('[redacted]');
    }
    expect(entry).toMatchObject({ event: 'test', conversationId: 'c-1', count: 3 });
  });

  it('scrubs IP addresses, tokens and e-mail addresses out of any value, error details included', () => {
    const { lines, logger } = capture();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';
    logger.warn('db.unreachable', errorFields(new Error('connect ECONNREFUSED 198.51.100.7:5432')));
    logger.warn('odd', { detail: `from 2001:db8::8a2e:370:7334 and ::ffff:203.0.113.9 with ${jwt} for a@b.example` });
    logger.info('ok', { at: '2026-11-22T02:00:17.632Z', id: '0b6d5d39-93f0-437f-a734-587421b71315' });
    const text = lines.join('\n');
    for (const leak of ['198.51.100.7', '2001:db8::8a2e:370:7334', '203.0.113.9', jwt, 'a@b.example']) {
      expect(text).not.toContain(leak);
    }
    expect(text).toContain('ECONNREFUSED');
    // Times and ids are not mistaken for addresses.
    expect(text).toContain('2026-11-22T02:00:17.632Z');
    expect(text).toContain('0b6d5d39-93f0-437f-a734-587421b71315');
  });
});

describe('a server logging at debug level, through a whole chat and its mistakes', () => {
  const lines: string[] = [];
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { TRUST_PROXY: 'true' },
      logger: createLogger('debug', (l) => lines.push(l)),
    });
  }, 180_000); // starting embedded PostgreSQL (WASM) can be slow on a busy machine
  afterAll(async () => {
    await server?.stop();
  });

  it('writes nothing a survivor said, no token, password, e-mail or IP', async () => {
    const ip = '203.0.113.41';
    const staff = await server.addStaff();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email: staff.email, password: staff.password }),
    });
    const { accessToken } = (await login.json()) as LoginResponse;
    // A failed sign-in is logged too: with neither the address typed nor the password tried.
    await postJson(server.url, '/api/auth/login', { email: staff.email, password: 'wrong-password-typed' });
    const socket = await connect(server.url, accessToken, { extraHeaders: { 'x-forwarded-for': ip } });
    await ok(socket, 'shift:set', { onShift: true });
    const volunteer = { socket, token: accessToken, userId: staff.id };

    const secret = marker('lighthouse');
    const chat = await startChat(server, volunteer, ip);
    await exchange(chat, `It happened at the ${secret} party`, `Thank you for telling me about the ${secret}`);
    // Mistakes that reach the error paths, carrying message text.
    await request(chat.visitor.socket, 'message:send', { conversationId: 'nope', clientId: randomUUID(), body: `bad ${secret}` });
    await request(chat.visitor.socket, 'message:send', { conversationId: randomUUID(), clientId: randomUUID(), body: `stray ${secret}` });
    await fetch(`${server.url}/api/visitor/exit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"token": "${secret}` });
    await endChat(chat);
    await request(chat.visitor.socket, 'message:send', { conversationId: chat.conversation.id, clientId: randomUUID(), body: `late ${secret}` });
    await server.retention.runOnce();

    expect(lines.length).toBeGreaterThan(3);
    const log = lines.join('\n');
    for (const leak of [secret, ip, '127.0.0.1', chat.visitor.token, accessToken, staff.password, 'wrong-password-typed', staff.email]) {
      expect(log).not.toContain(leak);
    }
    chat.visitor.socket.close();
    socket.close();
  });
});
