// Property-based fuzzing: tens of thousands of random and malformed payloads at every socket event and every
// REST endpoint. No crash, no 500, no unhandled rejection, and every refusal says what is wrong.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventSchemas, ERROR_CODES, type Ack } from '@beside/shared';
import { connect, getJson, intake, newVisitor, next, ok, onShiftVolunteer, type ClientSocket } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const SOCKET_PAYLOADS_PER_EVENT = 450;
/** Enough that every endpoint together gets over 10,000 (checked below). */
const REST_REQUESTS_PER_ROUTE = 180;

let server: TestServer;
let sockets: { name: string; socket: ClientSocket; token: string }[] = [];
let conversationId: string;
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // Limits are exercised by the attack suite; here they would only stop the payloads before validation.
  server = await startTestServer({ env: { RATE_LIMIT_MESSAGES_PER_10S: '1000000', RATE_LIMIT_EVENTS_PER_10S: '1000000' } });
  const staff = await server.addStaff({ capacity: 3 });
  const volunteer = await onShiftVolunteer(server.url, staff);
  const visitor = await newVisitor(server.url);
  const started = next(visitor.socket, 'conversation:started');
  await ok(visitor.socket, 'queue:join', intake());
  conversationId = (await started).id;
  const moderator = await server.addStaff({ role: 'moderator' });
  const modToken = server.tokenFor(moderator);
  sockets = [
    { name: 'visitor', socket: visitor.socket, token: visitor.token },
    { name: 'volunteer', socket: volunteer.socket, token: volunteer.token },
    { name: 'moderator', socket: await connect(server.url, modToken), token: modToken },
  ];
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  for (const s of sockets) s.socket.close();
  await server?.stop();
});

/** Random JSON-ish values, with a bias towards the ids and strings our schemas look at. */
function payloadArbitrary(): fc.Arbitrary<unknown> {
  const idLike = fc.oneof(fc.constant(conversationId), fc.uuid(), fc.string(), fc.constant(''), fc.constant('00000000-0000-0000-0000-000000000000'));
  const leaf = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    idLike,
    fc.string({ maxLength: 5000 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const keys = fc.constantFrom(
    'conversationId', 'clientId', 'body', 'afterSeq', 'typing', 'onShift', 'accepting', 'capacity', 'topic', 'language',
    'want', 'preference', 'inDanger', 'reason', 'note', 'text', 'flagId', 'targetVolunteerId', 'keep', 'resourceId',
    '__proto__', 'constructor',
  );
  return fc.oneof(leaf, fc.dictionary(keys, leaf, { maxKeys: 8 }), fc.array(leaf, { maxLength: 4 }));
}

function emitWithAck(socket: ClientSocket, event: string, payload: unknown): Promise<Ack<unknown> | 'timeout'> {
  return new Promise((resolve) => {
    (socket.timeout(10_000).emit as (e: string, p: unknown, cb: (err: unknown, a: Ack<unknown>) => void) => void)(
      event,
      payload,
      (err, ack) => resolve(err ? 'timeout' : ack),
    );
  });
}

/** `payload`, when given, is what was sent: an object refused as invalid must be told which field was wrong. */
function expectWellFormedAck(ack: Ack<unknown> | 'timeout', where: string, payload?: unknown): void {
  expect(ack, where).not.toBe('timeout');
  const a = ack as Ack<unknown>;
  expect(typeof a.ok, where).toBe('boolean');
  if (!a.ok) {
    expect(ERROR_CODES, where).toContain(a.error.code);
    expect(a.error.code, `${where}: ${a.error.message}`).not.toBe('internal');
    expect(a.error.message.length, where).toBeGreaterThan(0);
    if (a.error.code === 'invalid') {
      expect(a.error.message, where).toMatch(/\S/);
      const isObject = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
      if (isObject) expect(a.error.field, `${where}: ${a.error.message}`).toBeTruthy();
      if (a.error.field) expect(a.error.message.startsWith(a.error.field), `${where}: ${a.error.message}`).toBe(true);
    }
  }
}

describe('socket fuzzing', () => {
  it(`every event answers ${SOCKET_PAYLOADS_PER_EVENT} random payloads per role with a well-formed ack`, async () => {
    const events = Object.keys(clientEventSchemas).filter((e) => !['conversation:end', 'supervision:end', 'flag:raise'].includes(e));
    let sent = 0;
    for (const event of events) {
      const samples = fc.sample(payloadArbitrary(), { numRuns: SOCKET_PAYLOADS_PER_EVENT, seed: event.length * 7919 });
      for (let i = 0; i < samples.length; i += 50) {
        const batch = samples.slice(i, i + 50);
        const acks = await Promise.all(
          batch.map((p, j) => {
            const who = sockets[(i + j) % sockets.length]!;
            return emitWithAck(who.socket, event, p).then((ack) => [who.name, ack, p] as const);
          }),
        );
        for (const [who, ack, p] of acks) expectWellFormedAck(ack, `${event} as ${who}`, p);
        sent += batch.length;
      }
    }
    // Events that end things are fuzzed only with malformed payloads, so that the conversation stays up.
    for (const event of ['conversation:end', 'supervision:end', 'flag:raise']) {
      for (const p of fc.sample(fc.anything({ maxDepth: 2 }), { numRuns: 200, seed: 42 })) {
        const bad = typeof p === 'object' && p !== null && !Array.isArray(p) ? { ...p, conversationId: 'not-a-uuid' } : p;
        expectWellFormedAck(await emitWithAck(sockets[1]!.socket, event, bad), event);
        sent++;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(10_000);
    for (const s of sockets) expect(s.socket.connected, `${s.name} still connected`).toBe(true);
    expect((await getJson(server.url, '/healthz')).status).toBe(200);
    expect(unhandled).toEqual([]);
  }, 600_000);
});

interface RouteInfo {
  method: string;
  path: string;
}

function routesOf(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push({ method: m.toUpperCase(), path: layer.route.path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack as typeof stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
  return out.filter((r) => r.path.startsWith('/api/'));
}

describe('REST fuzzing', () => {
  it(`every endpoint answers ${REST_REQUESTS_PER_ROUTE} random requests without a 500`, async () => {
    const routes = routesOf(server.app);
    expect(routes.length).toBeGreaterThan(5);
    const tokens = [undefined, ...sockets.map((s) => s.token), 'garbage'];
    let sent = 0;
    for (const route of routes) {
      const samples = fc.sample(fc.tuple(payloadArbitrary(), fc.string({ maxLength: 60 }), fc.nat(tokens.length - 1)), {
        numRuns: REST_REQUESTS_PER_ROUTE,
        seed: route.path.length * 31,
      });
      for (let i = 0; i < samples.length; i += 20) {
        await Promise.all(
          samples.slice(i, i + 20).map(async ([body, segment, t]) => {
            const path = route.path.replace(/:[a-zA-Z]+/g, () => (t % 2 ? randomUUID() : encodeURIComponent(segment) || 'x'));
            const token = tokens[t];
            const res = await fetch(server.url + path + (t % 3 === 0 ? `?afterSeq=${encodeURIComponent(segment)}&limit=-1` : ''), {
              method: route.method,
              headers: {
                'content-type': 'application/json',
                'x-beside-csrf': '1',
                ...(token ? { authorization: `Bearer ${token}` } : {}),
              },
              body: route.method === 'GET' || route.method === 'HEAD' ? undefined : (JSON.stringify(body) ?? 'undefined'),
            });
            const where = `${route.method} ${route.path} -> ${res.status}`;
            expect(res.status, where).toBeLessThan(500);
            if (res.status >= 400 && res.status !== 404) {
              const json = (await res.json()) as { error?: { code?: string; message?: string } };
              expect(json.error?.code, where).toBeTruthy();
              expect(json.error?.message, where).toBeTruthy();
            } else {
              await res.arrayBuffer();
            }
          }),
        );
        sent += 20;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(routes.length * REST_REQUESTS_PER_ROUTE);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect((await getJson(server.url, '/healthz')).status).toBe(200);
    expect(unhandled).toEqual([]);
  }, 600_000);
});
