// Quick exit, server side: the beacon ends the chat as "the visitor left", clears site data, and the exit URL is configurable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientConfigResponse } from '@beside/shared';
import { loadConfig } from '../server/src/config.js';
import { connect, getJson, intake, login, newVisitor, next, ok, postJson } from './helpers/clients.js';
import { exchange, onShift, startChat } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 180_000); // starting embedded PostgreSQL (WASM) can be slow on a busy machine
afterAll(async () => {
  await server?.stop();
});

/** What navigator.sendBeacon sends: a text/plain POST with the token in the body, no headers of its own. */
function beacon(baseUrl: string, token: string) {
  return fetch(`${baseUrl}/api/visitor/exit`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ token }),
  });
}

function expectSiteDataCleared(res: Response) {
  const clear = res.headers.get('clear-site-data') ?? '';
  for (const kind of ['"cache"', '"cookies"', '"storage"']) expect(clear).toContain(kind);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('set-cookie')).toBeNull();
}

describe('POST /api/visitor/exit (quick exit)', () => {
  it('ends the chat: the volunteer is told the visitor left, the page is closed; the response clears the site data', async () => {
    const chat = await startChat(server, await onShift(server));
    await exchange(chat, 'hello', 'hi, I am here');
    const volunteerTold = next(chat.volunteer.socket, 'conversation:ended');
    const pageClosed = next(chat.visitor.socket, 'session:closing');

    const res = await beacon(server.url, chat.visitor.token);
    expect(res.status).toBe(204);
    expectSiteDataCleared(res);
    expect(await volunteerTold).toMatchObject({
      conversationId: chat.conversation.id,
      endedBy: 'visitor',
      reason: 'visitor_left',
    });
    // The token is revoked: the tab that left is told so, and the chat is gone from the volunteer's side too.
    expect(await pageClosed).toMatchObject({ reason: 'revoked' });
    const volunteerState = await ok(chat.volunteer.socket, 'session:state', {});
    expect(volunteerState.conversations).toEqual([]);
    await expect(connect(server.url, chat.visitor.token)).rejects.toThrow(/unauthorized/);
    chat.visitor.socket.close();
    chat.volunteer.socket.close();
  });

  it('gives up a waiting survivor’s place in the queue', async () => {
    const staff = await server.addStaff();
    const watcher = await connect(server.url, (await login(server.url, staff.email, staff.password)).accessToken);
    const before = (await ok(watcher, 'queue:summary', {})).waiting;
    const visitor = await newVisitor(server.url);
    const status = await ok(visitor.socket, 'queue:join', intake());
    expect(status.state).toBe('waiting');
    expect((await ok(watcher, 'queue:summary', {})).waiting).toBe(before + 1);
    const res = await beacon(server.url, visitor.token);
    expect(res.status).toBe(204);
    expect((await ok(watcher, 'queue:summary', {})).waiting).toBe(before);
    visitor.socket.close();
    watcher.close();
  });

  it('answers a stale or foreign token the same way, clearing site data and ending nothing', async () => {
    const chat = await startChat(server, await onShift(server));
    const staffToken = chat.volunteer.token;
    for (const token of ['not-a-token', staffToken]) {
      const res = await beacon(server.url, token);
      expect(res.status).toBe(204);
      expectSiteDataCleared(res);
    }
    const state = await ok(chat.visitor.socket, 'session:state', {});
    expect(state.conversations.map((c) => c.id)).toEqual([chat.conversation.id]);
    // A JSON body works as well as the beacon's text/plain.
    const json = await postJson(server.url, '/api/visitor/exit', { token: chat.visitor.token });
    expect(json.status).toBe(204);
    chat.visitor.socket.close();
    chat.volunteer.socket.close();
  });
});

describe('no trace on the device, from the server’s side', () => {
  it('sets no cookie on any survivor path, Socket.IO handshake included', async () => {
    const session = await postJson(server.url, '/api/visitor/session', undefined);
    expect(session.headers.get('set-cookie')).toBeNull();
    for (const path of ['/api/resources?lang=en', '/api/client-config', '/socket.io/?EIO=4&transport=polling', '/']) {
      const res = await fetch(server.url + path);
      expect(res.headers.get('set-cookie'), path).toBeNull();
    }
  });
});

describe('GET /api/client-config', () => {
  it('tells the page where quick exit goes (a weather page by default) and how long transcripts stay', async () => {
    const res = await getJson<ClientConfigResponse>(server.url, '/api/client-config');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ quickExitUrl: 'https://weather.com/', retentionHours: 72 });
  });

  it('serves the configured QUICK_EXIT_URL and RETENTION_HOURS', { timeout: 120_000 }, async () => {
    const own = await startTestServer({
      env: { QUICK_EXIT_URL: 'https://www.bbc.co.uk/weather', RETENTION_HOURS: '24' },
    });
    try {
      const res = await getJson<ClientConfigResponse>(own.url, '/api/client-config');
      expect(res.body).toEqual({ quickExitUrl: 'https://www.bbc.co.uk/weather', retentionHours: 24 });
    } finally {
      await own.stop();
    }
  });

  it('refuses at start-up an exit URL that is not http(s), so the page can never be sent to a script', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'weather.com']) {
      expect(() => loadConfig({ QUICK_EXIT_URL: bad }, [])).toThrow(/QUICK_EXIT_URL/);
    }
  });
});

describe('quick exit answers 204 with Clear-Site-Data to any body', () => {
  const bodies: [string, RequestInit][] = [
    ['no body', { method: 'POST' }],
    ['an empty JSON object', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ['JSON that does not parse', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"token":' }],
    ['a token that is not one', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ token: 'not-a-token' }) }],
    ['a form post', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=x' }],
  ];
  for (const [what, init] of bodies) {
    it(`with ${what}`, async () => {
      const res = await fetch(`${server.url}/api/visitor/exit`, init);
      expect(res.status).toBe(204);
      expectSiteDataCleared(res);
    });
  }
});
