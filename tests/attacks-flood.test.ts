// The queue under a flood of "in danger" bots, from one address and from many (rotating through an IPv4 /24 and
// an IPv6 /48 behind the trusted proxy): every bot may still queue, but only a few per source jump the line, so the
// real urgent survivor who comes next is matched as soon as volunteers take chats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, intake, next, ok, onShiftVolunteer, request, type ClientSocket } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** How long the real survivor may wait once volunteers take chats. */
const MATCHED_WITHIN_MS = 5_000;
const VOLUNTEERS = 12;

let server: TestServer;
const sockets: ClientSocket[] = [];
let volunteers: Awaited<ReturnType<typeof onShiftVolunteer>>[] = [];

beforeAll(async () => {
  server = await startTestServer({
    env: {
      TRUST_PROXY: 'true',
      // The production defaults of the flood limits (the test helper raises them for everyone else).
      SESSIONS_PER_IP_PER_HOUR: '30',
      QUEUE_JOINS_PER_IP_PER_HOUR: '20',
      URGENT_PER_IP_PER_HOUR: '2',
    },
  });
  volunteers = await Promise.all(
    Array.from({ length: VOLUNTEERS }, async () => {
      const v = await onShiftVolunteer(server.url, await server.addStaff());
      await ok(v.socket, 'shift:set', { onShift: true, accepting: false });
      return v;
    }),
  );
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const v of volunteers) v.socket.close();
  await server?.stop();
});

type Outcome = 'queued' | 'session_refused' | 'queue_refused';

/** One bot: a session, a connection and an urgent queue entry, all from `address` as the proxy names it. */
async function urgentBot(address: string): Promise<Outcome> {
  const headers = { 'x-forwarded-for': address };
  const res = await fetch(`${server.url}/api/visitor/session`, { method: 'POST', headers });
  if (res.status !== 201) {
    expect(res.status).toBe(429);
    return 'session_refused';
  }
  const { token } = (await res.json()) as { token: string };
  const socket = await connect(server.url, token, { extraHeaders: headers });
  sockets.push(socket);
  const ack = await request(socket, 'queue:join', intake({ inDanger: true }));
  if (!ack.ok) {
    expect(ack.error.code).toBe('rate_limited');
    return 'queue_refused';
  }
  return 'queued';
}

describe('a flood of urgent bots', () => {
  it('cannot keep a real urgent survivor from being matched, whether it comes from one address or many', async () => {
    // One address tries forty; forty more addresses of one IPv4 /24 and of one IPv6 /48 try three each.
    const one = [];
    for (let i = 0; i < 40; i++) one.push(await urgentBot('203.0.113.66'));
    const many: Promise<Outcome>[] = [];
    for (let a = 1; a <= 20; a++) {
      for (let i = 0; i < 3; i++) many.push(urgentBot(`198.51.100.${a}`), urgentBot(`2001:db8:f00d:${a.toString(16)}::${i + 1}`));
    }
    const manyOutcomes = await Promise.all(many);
    // The single address was stopped at its session and queue budgets.
    expect(one.filter((o) => o === 'queued')).toHaveLength(20);
    expect(one.filter((o) => o === 'session_refused')).toHaveLength(10);
    expect(manyOutcomes.filter((o) => o === 'queued')).toHaveLength(120);

    // The real survivor, from somewhere else, says they are in danger.
    const res = await fetch(`${server.url}/api/visitor/session`, { method: 'POST', headers: { 'x-forwarded-for': '192.0.2.10' } });
    const { token } = (await res.json()) as { token: string };
    const survivor = await connect(server.url, token, { extraHeaders: { 'x-forwarded-for': '192.0.2.10' } });
    sockets.push(survivor);
    const status = await ok(survivor, 'queue:join', intake({ inDanger: true }));
    expect(status.state).toBe('waiting');
    expect(status.urgent).toBe(true);
    // At most two urgent entries from the address and four from each network are ahead of them.
    expect(status.position).toBeLessThanOrEqual(2 + 4 + 4 + 1);

    const started = next(survivor, 'conversation:started', () => true, MATCHED_WITHIN_MS + 2_000);
    const t0 = Date.now();
    for (const v of volunteers) await ok(v.socket, 'shift:set', { onShift: true, accepting: true });
    await started;
    expect(Date.now() - t0).toBeLessThan(MATCHED_WITHIN_MS);
  }, 120_000);
});
