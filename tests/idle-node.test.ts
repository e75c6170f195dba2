// An idle node costs close to nothing: while nobody waits, chats or is on shift its timers sleep and it sends the
// database nothing; a committed change (0014's triggers) wakes what it concerns, on this node or, on PostgreSQL, any.
import { afterEach, describe, expect, it } from 'vitest';
import { intake, newVisitor, ok, onShiftVolunteer, sleep } from './helpers/clients.js';
import { eventually, query } from './helpers/matching.js';
import { createTestDatabase, startTestServer, type TestServer } from './helpers/server.js';

/** Short enough that any polling would show within the idle window below. */
const EAGER = { MATCH_SWEEP_MS: '100', BREAK_CHECK_SECONDS: '0.1', RETENTION_SWEEP_MS: '100' };
const IDLE_WINDOW_MS = 1_500;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function started(opts: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ ...opts, env: { ...EAGER, ...opts.env } });
  cleanups.push(() => server.stop());
  return server;
}

const allParked = (s: TestServer) => s.matchmaker.parked && s.breakReminders.parked && s.retention.parked;

/** Database round trips this node makes over `ms` of doing nothing. */
async function tripsWhileIdle(server: TestServer, ms: number): Promise<number> {
  const before = server.ctx.storage.roundTrips();
  await sleep(ms);
  return server.ctx.storage.roundTrips() - before;
}

describe('an idle node', () => {
  it('parks every timer once the start-up checks are done, and then sends the database nothing', { timeout: 60_000 }, async () => {
    const server = await started();
    // The start-up retention sweep runs within RETENTION_SWEEP_MS; the first queue sweep finds nothing to age.
    await eventually(() => allParked(server), 10_000, 'every timer parked');
    expect(await tripsWhileIdle(server, IDLE_WINDOW_MS)).toBe(0);
    expect(allParked(server)).toBe(true);
  });

  it('wakes for what a change makes due: a survivor waiting resumes the queue sweep, a volunteer on shift the break check, an ended chat the retention timer', { timeout: 90_000 }, async () => {
    const server = await started({ env: { PREFERENCE_RELAX_SECONDS: '1' } });
    await eventually(() => allParked(server), 10_000, 'every timer parked');

    // A survivor with a preference nobody on shift fits: the resumed sweep relaxes it after a second, as it must.
    const survivor = await newVisitor(server.url);
    cleanups.push(async () => void survivor.socket.close());
    await ok(survivor.socket, 'queue:join', intake({ preference: 'woman' }));
    expect(server.matchmaker.parked).toBe(false);
    await eventually(
      async () => (await query<{ preference_relaxed: boolean }>(server, `SELECT preference_relaxed FROM queue_entries WHERE visitor_id = '${survivor.visitorId}'`))[0]?.preference_relaxed,
      10_000,
      'the preference relaxed by the sweep',
    );

    // A volunteer on shift: the break check no longer sleeps (the reminder is due in two hours).
    const staff = await server.addStaff({ gender: 'man' });
    const volunteer = await onShiftVolunteer(server.url, staff);
    cleanups.push(async () => void volunteer.socket.close());
    await eventually(() => !server.breakReminders.parked, 10_000, 'the break check armed');

    // They chat and the chat ends: a transcript is now kept that will expire, so retention arms a timer.
    const [conversation] = await eventually(
      async () => {
        const rows = await query<{ id: string }>(server, `SELECT id FROM conversations WHERE visitor_id = '${survivor.visitorId}' AND status = 'active'`);
        return rows.length > 0 ? rows : undefined;
      },
      10_000,
      'the survivor matched',
    );
    await eventually(() => server.retention.parked, 10_000, 'retention parked while the chat is open');
    await ok(volunteer.socket, 'conversation:end', { conversationId: conversation!.id });
    await eventually(() => !server.retention.parked, 10_000, 'the retention timer armed');

    // Everyone leaves: the queue sweep parks again once nothing waits or chats, the break check once nobody is on shift.
    await ok(volunteer.socket, 'shift:set', { onShift: false });
    await eventually(() => server.matchmaker.parked && server.breakReminders.parked, 10_000, 'queue sweep and break check parked again');
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two nodes on PostgreSQL (LISTEN/NOTIFY)', () => {
  it('a parked node hears of a survivor who joined through the other, and ages the queue if that node stops sweeping', { timeout: 120_000 }, async () => {
    const db = (await createTestDatabase())!;
    cleanups.push(() => db.drop());
    const a = await started({ databaseUrl: db.url, env: { PREFERENCE_RELAX_SECONDS: '2' } });
    const b = await started({ databaseUrl: db.url, env: { PREFERENCE_RELAX_SECONDS: '2' } });
    await eventually(() => allParked(a) && allParked(b), 10_000, 'both nodes parked');
    expect(await tripsWhileIdle(b, IDLE_WINDOW_MS)).toBe(0);

    // Node A stops sweeping (busy, or about to go away) just after a survivor joins through it.
    const survivor = await newVisitor(a.url);
    cleanups.push(async () => void survivor.socket.close());
    const heard = b.ctx.storage.signals.received.matching;
    await ok(survivor.socket, 'queue:join', intake({ preference: 'woman' }));
    await a.matchmaker.stop();
    await eventually(() => b.ctx.storage.signals.received.matching > heard, 10_000, 'node B told of the survivor');
    expect(b.matchmaker.parked).toBe(false);
    // Node B, which took no part, relaxes the preference when it is due.
    await eventually(
      async () => (await query<{ preference_relaxed: boolean }>(b, `SELECT preference_relaxed FROM queue_entries WHERE visitor_id = '${survivor.visitorId}'`))[0]?.preference_relaxed,
      15_000,
      'the preference relaxed by node B',
    );
  });
});
