// The race: 200 survivors and 20 volunteers at once, with chats ending meanwhile. Nobody over capacity, nobody
// matched twice, nobody eligible left waiting while a volunteer is free. On PGlite, and on PostgreSQL with
// DATABASE_URL (where a second node on the same database claims at the same time).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationView, IntakeInput, Language, Topic, VolunteerGender, VolunteerPreference } from '@beside/shared';
import { type ClientSocket, connect, intake, postJson,  requestRaw } from './helpers/clients.js';
import { eventually, query } from './helpers/matching.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const SURVIVORS = 200;
const VOLUNTEERS = 20;
/** How many chats volunteers end while the race runs, so that slots free up in the middle of it. */
const ENDS = 60;

/**
 * The periodic sweep is off: every pair must be made by the matching that each event triggers, so a missed kick
 * fails the test instead of being papered over by the next sweep.
 */
const NO_SWEEP = { MATCH_SWEEP_MS: '600000' };

const servers: TestServer[] = [];
const sockets: ClientSocket[] = [];
afterAll(async () => {
  for (const s of sockets.splice(0)) s.close();
  // The node that created the database drops it: stop the others first.
  for (const s of servers.splice(0).reverse()) await s.stop();
});

/** Deterministic variety: most speak English, some Spanish; a few urgent; a few with a strict preference. */
function survivorIntake(i: number): IntakeInput {
  const language: Language = i % 7 === 3 ? 'es' : 'en';
  const preference: VolunteerPreference = i % 11 === 5 ? 'woman' : i % 13 === 7 ? 'man' : 'none';
  return intake({ language, preference, inDanger: i % 9 === 0, topic: i % 2 ? 'workplace' : 'sexual_assault' });
}

function volunteerSeed(i: number) {
  const languages: Language[] = i % 5 === 0 ? ['es'] : i % 5 === 1 ? ['en', 'es'] : ['en'];
  const genders: VolunteerGender[] = ['woman', 'man', 'nonbinary', 'unspecified'];
  const topics: Topic[] = i % 2 ? ['workplace'] : [];
  return { languages, capacity: (i % 3) + 1, gender: genders[i % 4]!, topics };
}

interface RaceResult {
  startedBySurvivor: Map<string, ConversationView[]>;
  startedByVolunteer: Map<string, ConversationView[]>;
}

/** Runs the race against one or more nodes sharing one database; clients are spread over the nodes. */
async function race(nodes: TestServer[]): Promise<RaceResult> {
  const primary = nodes[0]!;
  const staff = await Promise.all(Array.from({ length: VOLUNTEERS }, (_, i) => primary.addStaff(volunteerSeed(i))));
  const startedByVolunteer = new Map<string, ConversationView[]>();
  const startedBySurvivor = new Map<string, ConversationView[]>();
  let endsLeft = ENDS;
  const ending: Promise<unknown>[] = [];
  let lastEventAt = performance.now();

  const volunteers = await Promise.all(
    staff.map(async (member, i) => {
      const socket = await connect(nodes[i % nodes.length]!.url, primary.tokenFor(member));
      sockets.push(socket);
      const mine: ConversationView[] = [];
      startedByVolunteer.set(member.id, mine);
      socket.on('conversation:started', (c) => {
        mine.push(c);
        lastEventAt = performance.now();
        // Some chats end while the race runs: the freed slot must be taken by someone waiting. Chats with someone
        // in immediate danger are not among them: those are imminent (not ended alone) and followed by a longer break.
        if (endsLeft > 0 && !c.urgent) {
          endsLeft -= 1;
          ending.push(
            new Promise((r) => setTimeout(r, 10 + ((mine.length * 37) % 150))).then(() =>
              acked(socket, 'conversation:end', { conversationId: c.id }),
            ),
          );
        }
      });
      return socket;
    }),
  );
  const survivors = await Promise.all(
    Array.from({ length: SURVIVORS }, async (_, i) => {
      const session = await postJson<{ token: string; visitorId: string }>(nodes[i % nodes.length]!.url, '/api/visitor/session', undefined);
      const socket = await connect(nodes[i % nodes.length]!.url, session.body.token);
      sockets.push(socket);
      const mine: ConversationView[] = [];
      startedBySurvivor.set(session.body.visitorId, mine);
      socket.on('conversation:started', (c) => {
        mine.push(c);
        lastEventAt = performance.now();
      });
      return { socket, i };
    }),
  );

  // Everyone at once: volunteers coming on shift and survivors joining, interleaved.
  await Promise.all([
    ...volunteers.map((socket) => acked(socket, 'shift:set', { onShift: true })),
    ...survivors.map(({ socket, i }) => acked(socket, 'queue:join', survivorIntake(i))),
  ]);
  // Quiet: the planned ends are done (with two nodes and no Redis, a volunteer only hears of the matches made by
  // their own node, so fewer may happen) and nothing has been matched for a while.
  await eventually(() => endsLeft === 0 || performance.now() - lastEventAt > 3_000, 90_000, 'chat ends');
  await Promise.all(ending);
  await eventually(() => performance.now() - lastEventAt > 2_000, 60_000, 'matching to settle');
  return { startedBySurvivor, startedByVolunteer };
}

/** Correctness under a burst, not latency (the bench measures that): a generous wait for each answer. */
async function acked(socket: ClientSocket, event: 'shift:set' | 'queue:join' | 'conversation:end', payload: unknown): Promise<void> {
  const ack = await requestRaw(socket, event, payload, 120_000);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
}

/** The rules, written independently of the server: (waiting survivor, free volunteer) pairs that should have matched. */
async function eligibleWaitingPairs(server: TestServer): Promise<{ entry: string; volunteer: string }[]> {
  return query<{ entry: string; volunteer: string }>(
    server,
    `SELECT q.id AS entry, s.id AS volunteer
     FROM queue_entries q, staff s JOIN volunteer_presence p ON p.staff_id = s.id
     WHERE q.status = 'waiting' AND q.disconnected_at IS NULL
       AND p.on_shift AND p.accepting AND p.disconnected_at IS NULL
       AND (p.cooldown_until IS NULL OR p.cooldown_until <= now())
       AND q.language = ANY(s.languages)
       AND (q.preference = 'none' OR q.preference_relaxed OR q.preference = s.gender)
       AND (SELECT count(*) FROM conversations c WHERE c.volunteer_id = s.id AND c.status = 'active') < s.capacity`,
  );
}

async function checkInvariants(server: TestServer, result: RaceResult): Promise<void> {
  // Nobody over capacity, at any moment: the most chats that overlapped in time for each volunteer.
  const rows = await query<{ volunteer_id: string; capacity: number; started_at: string; ended_at: string | null }>(
    server,
    `SELECT c.volunteer_id, s.capacity, c.started_at, c.ended_at FROM conversations c JOIN staff s ON s.id = c.volunteer_id`,
  );
  const byVolunteer = new Map<string, { capacity: number; events: [number, number][] }>();
  for (const r of rows) {
    const v = byVolunteer.get(r.volunteer_id) ?? { capacity: r.capacity, events: [] };
    v.events.push([new Date(r.started_at).getTime(), +1]);
    if (r.ended_at) v.events.push([new Date(r.ended_at).getTime(), -1]);
    byVolunteer.set(r.volunteer_id, v);
  }
  for (const [id, v] of byVolunteer) {
    // An end and a start at the same instant: the end came first (the slot was free when claimed).
    v.events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let now = 0;
    let most = 0;
    for (const [, delta] of v.events) most = Math.max(most, (now += delta));
    expect(most, `volunteer ${id} with capacity ${v.capacity}`).toBeLessThanOrEqual(v.capacity);
  }

  // Nobody matched twice: one conversation per survivor at most, and one conversation:started.
  const perVisitor = await query<{ visitor_id: string; n: number }>(
    server,
    'SELECT visitor_id, count(*)::int AS n FROM conversations GROUP BY visitor_id HAVING count(*) > 1',
  );
  expect(perVisitor).toEqual([]);
  for (const [visitorId, started] of result.startedBySurvivor) {
    expect(started.length, `survivor ${visitorId}`).toBeLessThanOrEqual(1);
  }
  const volunteerCounts = await query<{ volunteer_id: string; n: number }>(
    server,
    'SELECT volunteer_id, count(*)::int AS n FROM conversations GROUP BY volunteer_id',
  );
  const told = [...result.startedByVolunteer.values()].flat();
  expect(new Set(told.map((c) => c.id)).size).toBe(told.length);
  expect(volunteerCounts.reduce((n, r) => n + r.n, 0)).toBeGreaterThanOrEqual(told.length);

  // Nobody lost: every survivor is either in a conversation (or had one) or still waiting.
  const [accounted] = await query<{ n: number }>(
    server,
    `SELECT count(DISTINCT v.id)::int AS n FROM visitors v
     WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id)
        OR EXISTS (SELECT 1 FROM queue_entries q WHERE q.visitor_id = v.id AND q.status = 'waiting')`,
  );
  expect(accounted!.n).toBe(SURVIVORS);

  // Nobody eligible left waiting while a volunteer is free.
  expect(await eligibleWaitingPairs(server)).toEqual([]);
  // And the race did real work: slots were filled, freed and filled again.
  const [matched] = await query<{ n: number }>(server, 'SELECT count(*)::int AS n FROM conversations');
  const capacity = Array.from({ length: VOLUNTEERS }, (_, i) => volunteerSeed(i).capacity).reduce((a, b) => a + b, 0);
  expect(matched!.n).toBeGreaterThan(capacity);
}

describe('200 survivors and 20 volunteers at once', () => {
  it(`on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, one node`, async () => {
    const server = await startTestServer({ env: NO_SWEEP });
    servers.push(server);
    const result = await race([server]);
    await checkInvariants(server, result);
    // Everyone the database paired was told, on one node.
    const [matched] = await query<{ n: number }>(server, 'SELECT count(*)::int AS n FROM conversations');
    const survivorsTold = [...result.startedBySurvivor.values()].filter((s) => s.length === 1).length;
    expect(survivorsTold).toBe(matched!.n);
  }, 240_000);

  it.skipIf(!process.env.DATABASE_URL)('on PostgreSQL, two nodes claiming at once on one database', async () => {
    // One service: the same secrets on both nodes, so a token from either is good on the other.
    const env = {
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_KEY: randomBytes(32).toString('hex'),
      IP_HASH_SECRET: randomBytes(32).toString('hex'),
      ...NO_SWEEP,
    };
    const a = await startTestServer({ env });
    servers.push(a);
    const url = a.config.database.kind === 'postgres' ? a.config.database.url : '';
    const b = await startTestServer({ databaseUrl: url, env });
    servers.push(b);
    const result = await race([a, b]);
    await checkInvariants(a, result);
    // The nodes really raced: both claimed, or one found rows the other held locked.
    const [sa, sb] = [a.ctx.matchmaker.stats, b.ctx.matchmaker.stats];
    expect(sa.rounds > 0 && sb.rounds > 0).toBe(true);
    expect((sa.claims > 0 && sb.claims > 0) || sa.contended + sb.contended > 0).toBe(true);
  }, 300_000);
});
