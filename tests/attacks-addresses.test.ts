// Attacks on the per-address limits of the live connection: behind the reverse proxy every client is counted under
// its own address (an IPv6 /64 as one), raw Engine.IO connections are counted too, and one client's flood never
// locks another out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type ClientSocket } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { visitorToken } from './helpers/visitors.js';

const LIMIT = 5;
let proxied: TestServer;
let token: string;
const open: ClientSocket[] = [];

beforeAll(async () => {
  proxied = await startTestServer({ env: { TRUST_PROXY: 'true', CONNECTIONS_PER_IP_PER_MINUTE: String(LIMIT) } });
  token = await visitorToken(proxied.url, { 'x-forwarded-for': '198.51.100.200' });
});
afterAll(async () => {
  for (const s of open) s.close();
  await proxied?.stop();
});

/** A Socket.IO connection as a browser behind the proxy makes it: the proxy names the client's address. */
async function connectFrom(url: string, address: string): Promise<ClientSocket> {
  const socket = await connect(url, token, { extraHeaders: { 'x-forwarded-for': address } });
  open.push(socket);
  return socket;
}

/** The first request of a raw Engine.IO connection (no Socket.IO handshake follows): its HTTP status. */
async function engineHandshake(url: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers });
  await res.text();
  return res.status;
}

describe('connection limits behind the reverse proxy', () => {
  it('counts each client under its own address: one over its limit does not refuse the next survivor', async () => {
    for (let i = 0; i < LIMIT; i++) await connectFrom(proxied.url, '203.0.113.10');
    await expect(connectFrom(proxied.url, '203.0.113.10')).rejects.toThrow();
    // Every other client behind the same proxy still gets in.
    for (const address of ['203.0.113.11', '192.0.2.77', '2001:db8:aa::5']) {
      await expect(connectFrom(proxied.url, address)).resolves.toBeTruthy();
    }
  });

  it('counts the proxy-appended hop, so a forged X-Forwarded-For entry in front does not dodge the limit', async () => {
    for (let i = 0; i < LIMIT; i++) await connectFrom(proxied.url, `10.9.9.${i}, 203.0.113.20`);
    await expect(connectFrom(proxied.url, '10.9.9.99, 203.0.113.20')).rejects.toThrow();
  });

  it('counts raw Engine.IO connections that never send a Socket.IO handshake', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT * 3; i++) statuses.push(await engineHandshake(proxied.url, { 'x-forwarded-for': '203.0.113.30' }));
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(LIMIT).every((s) => s === 403)).toBe(true);
    // And the raw flood used that address's budget only.
    expect(await engineHandshake(proxied.url, { 'x-forwarded-for': '203.0.113.31' })).toBe(200);
  });

  it('counts every address of one IPv6 /64 as one client, and another /64 apart', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= LIMIT + 3; i++) statuses.push(await engineHandshake(proxied.url, { 'x-forwarded-for': `2001:db8:5:6::${i.toString(16)}` }));
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(await engineHandshake(proxied.url, { 'x-forwarded-for': '2001:db8:5:7::1' })).toBe(200);
  });
});

describe('connection limits without a trusted proxy', () => {
  it('ignores X-Forwarded-For: a client cannot spread itself over addresses it writes', async () => {
    const direct = await startTestServer({ env: { CONNECTIONS_PER_IP_PER_MINUTE: String(LIMIT) } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) statuses.push(await engineHandshake(direct.url, { 'x-forwarded-for': `203.0.113.${100 + i}` }));
      expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    } finally {
      await direct.stop();
    }
  });

  it('refuses more raw Engine.IO connections held open at once from one address than its share', async () => {
    const held = await startTestServer({ env: { OPEN_CONNECTIONS_PER_IP: '4' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push(await engineHandshake(held.url, {}));
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    } finally {
      await held.stop();
    }
  });
});
