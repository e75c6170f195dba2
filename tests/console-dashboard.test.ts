// The moderators' dashboard on seeded data and a stopped clock: every figure is checked exactly.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DashboardResponse, QueueHour } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { getJson, intake, newVisitor, ok } from './helpers/clients.js';
import { query } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const NOW = new Date('2026-05-20T14:30:00Z');
const t = (s: string) => new Date(s).toISOString();
const clock = new ManualClock(NOW);
let server: TestServer;
let volunteerId: string;
let moderatorToken: string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  const volunteer = await server.addStaff({ displayName: 'Robin', languages: ['en', 'es'] });
  volunteerId = volunteer.id;
  moderatorToken = server.tokenFor(await server.addStaff({ role: 'moderator' }));
  await seed(volunteer.id, (await server.addStaff({ displayName: 'Sam', languages: ['en'] })).id);
});
afterAll(async () => {
  await server?.stop();
});

async function exec(statement: ReturnType<typeof sql>) {
  await server.ctx.db.execute(statement);
}

async function visitor(): Promise<string> {
  const id = randomUUID();
  await exec(sql`INSERT INTO visitors (id, created_at, last_seen_at) VALUES (${id}, ${t('2026-05-01T00:00:00Z')}, ${t('2026-05-01T00:00:00Z')})`);
  return id;
}

async function entry(queuedAt: string, end: { matchedAt?: string; leftAt?: string; status?: 'left' | 'expired' | 'waiting' }) {
  const status = end.matchedAt ? 'matched' : (end.status ?? 'left');
  await exec(sql`
    INSERT INTO queue_entries (id, visitor_id, topic, language, want, status, queued_at, priority_at, matched_at, left_at)
    VALUES (${randomUUID()}, ${await visitor()}, 'workplace', 'en', 'to_be_heard', ${status}, ${t(queuedAt)}, ${t(queuedAt)},
            ${end.matchedAt ? t(end.matchedAt) : null}, ${end.leftAt ? t(end.leftAt) : null})`);
}

async function conversation(startedAt: string, volunteer: string, previous?: string): Promise<string> {
  const id = randomUUID();
  await exec(sql`
    INSERT INTO conversations (id, visitor_id, volunteer_id, topic, language, want, status, started_at, ended_at, previous_conversation_id)
    VALUES (${id}, ${await visitor()}, ${volunteer}, 'workplace', 'en', 'to_be_heard', 'ended', ${t(startedAt)}, ${t(startedAt)}, ${previous ?? null})`);
  return id;
}

async function flag(conversationId: string, reason: string, severity: number, createdAt: string, open: boolean) {
  await exec(sql`
    INSERT INTO flags (id, conversation_id, source, reason, severity, status, created_at, decided_at, decision)
    VALUES (${randomUUID()}, ${conversationId}, 'volunteer', ${reason}, ${severity}, ${open ? 'open' : 'closed'}, ${t(createdAt)},
            ${open ? null : t(createdAt)}, ${open ? null : 'dismissed'})`);
}

async function seed(bilingual: string, englishOnly: string) {
  // The queue. The window is the 24 hours from 2026-05-19 15:00 to now (14:30), by hour.
  await entry('2026-05-19T10:00:00Z', { matchedAt: '2026-05-19T10:05:00Z' }); // before the window
  await entry('2026-05-19T14:50:00Z', { matchedAt: '2026-05-19T15:20:00Z' }); // waiting as the window opens: 1800 s
  await entry('2026-05-20T12:00:00Z', { status: 'expired' }); // stopped waiting before left_at existed: no known end
  await entry('2026-05-20T13:00:00Z', { matchedAt: '2026-05-20T13:01:00Z' }); // 60 s
  await entry('2026-05-20T13:10:00Z', { matchedAt: '2026-05-20T13:13:00Z' }); // 180 s
  await entry('2026-05-20T13:20:00Z', { matchedAt: '2026-05-20T13:30:00Z' }); // 600 s
  await entry('2026-05-20T13:50:00Z', { matchedAt: '2026-05-20T14:10:00Z' }); // 1200 s, matched in the next hour
  await entry('2026-05-20T13:55:00Z', { leftAt: '2026-05-20T14:05:00Z' }); // gave up after 10 minutes
  await entry('2026-05-20T14:20:00Z', { status: 'waiting' }); // still waiting now

  // Chats: four today (plus a transfer's continuation, which is not a new chat), two yesterday, one at the very
  // start of the 14-day window and one a second before it.
  const first = await conversation('2026-05-20T13:01:00Z', bilingual);
  for (const at of ['2026-05-20T13:13:00Z', '2026-05-20T13:30:00Z', '2026-05-20T14:10:00Z']) await conversation(at, bilingual);
  await conversation('2026-05-20T14:15:00Z', englishOnly, first);
  for (const at of ['2026-05-19T10:05:00Z', '2026-05-19T15:20:00Z', '2026-05-07T00:00:00Z', '2026-05-06T23:59:59Z']) {
    await conversation(at, bilingual);
  }

  // Flags: the last 30 days start at 2026-04-20 14:30.
  await flag(first, 'abusive_visitor', 3, '2026-05-20T13:05:00Z', true);
  await flag(first, 'abusive_visitor', 3, '2026-05-10T09:00:00Z', true);
  await flag(first, 'abusive_visitor', 3, '2026-04-21T09:00:00Z', false);
  await flag(first, 'risk_to_life', 4, '2026-05-19T16:00:00Z', true);
  await flag(first, 'sexual_content', 3, '2026-05-01T12:00:00Z', false);
  await flag(first, 'trolling', 2, '2026-04-20T14:00:00Z', false); // 30 days and 30 minutes ago

  // Surveys of the last 30 days, and one older.
  const answers: [string, number | null, string | null][] = [
    ['2026-05-20T13:40:00Z', 5, 'yes'],
    ['2026-05-19T16:00:00Z', 4, 'unsure'],
    ['2026-05-02T16:00:00Z', null, 'no'],
    ['2026-04-19T16:00:00Z', 1, 'no'],
  ];
  for (const [at, heard, again] of answers) {
    const c = await conversation(at, bilingual);
    await exec(sql`INSERT INTO surveys (conversation_id, felt_heard, reach_again, created_at) VALUES (${c}, ${heard}, ${again}, ${t(at)})`);
  }

  // The schedule of the coming week: the bilingual volunteer 14:00-02:00 tonight, the English one Friday 08:00-12:00.
  for (const [startsAt, endsAt, who] of [
    ['2026-05-20T14:00:00Z', '2026-05-21T02:00:00Z', bilingual],
    ['2026-05-22T08:00:00Z', '2026-05-22T12:00:00Z', englishOnly],
  ] as const) {
    const slot = randomUUID();
    await exec(sql`INSERT INTO shift_slots (id, starts_at, ends_at) VALUES (${slot}, ${t(startsAt)}, ${t(endsAt)})`);
    await exec(sql`INSERT INTO shift_signups (slot_id, staff_id) VALUES (${slot}, ${who})`);
  }
}

const emptyHour = (hour: string): QueueHour => ({
  hour,
  joined: 0,
  matched: 0,
  abandoned: 0,
  peakWaiting: 0,
  waitingAtEnd: 0,
  waitP50Seconds: null,
  waitP90Seconds: null,
});

describe('GET /api/dashboard', () => {
  it('answers moderators and admins only', async () => {
    expect((await getJson(server.url, '/api/dashboard')).status).toBe(401);
    expect((await getJson(server.url, '/api/dashboard', server.tokenFor({ id: volunteerId, role: 'volunteer' }))).status).toBe(403);
    const visitor = await newVisitor(server.url);
    expect((await getJson(server.url, '/api/dashboard', visitor.token)).status).toBe(401);
    visitor.socket.close();
    const admin = await server.addStaff({ role: 'admin' });
    expect((await getJson(server.url, '/api/dashboard', server.tokenFor(admin))).status).toBe(200);
  });

  it('shows the queue of the last 24 hours by hour: joins, matches, give-ups, length, and waits p50/p90', async () => {
    const res = await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken);
    expect(res.status).toBe(200);
    const { queue } = res.body;
    expect(res.body.generatedAt).toBe(NOW.toISOString());
    expect(queue.from).toBe(t('2026-05-19T15:00:00Z'));
    expect(queue.to).toBe(NOW.toISOString());
    expect(queue.hours).toHaveLength(24);
    expect(queue.hours[0]!.hour).toBe(t('2026-05-19T15:00:00Z'));
    expect(queue.hours[23]!.hour).toBe(t('2026-05-20T14:00:00Z'));

    const byHour = new Map(queue.hours.map((h) => [h.hour, h]));
    // Someone who joined before the window and was matched at 15:20 after 30 minutes.
    expect(byHour.get(t('2026-05-19T15:00:00Z'))).toEqual({
      ...emptyHour(t('2026-05-19T15:00:00Z')),
      matched: 1,
      peakWaiting: 1,
      waitP50Seconds: 1800,
      waitP90Seconds: 1800,
    });
    // A join whose end is unknown counts as a join, never as waiting.
    expect(byHour.get(t('2026-05-20T12:00:00Z'))).toEqual({ ...emptyHour(t('2026-05-20T12:00:00Z')), joined: 1 });
    // Waits of 60, 180 and 600 s: the median 180, the 90th percentile 180 + 0.8 × (600 − 180) = 516.
    // At most two waited at once (13:55-14:00), and two were still waiting at 14:00.
    expect(byHour.get(t('2026-05-20T13:00:00Z'))).toEqual({
      hour: t('2026-05-20T13:00:00Z'),
      joined: 5,
      matched: 3,
      abandoned: 0,
      peakWaiting: 2,
      waitingAtEnd: 2,
      waitP50Seconds: 180,
      waitP90Seconds: 516,
    });
    // The current hour so far: one matched after 20 minutes, one gave up, one joined and is waiting now.
    expect(byHour.get(t('2026-05-20T14:00:00Z'))).toEqual({
      hour: t('2026-05-20T14:00:00Z'),
      joined: 1,
      matched: 1,
      abandoned: 1,
      peakWaiting: 2,
      waitingAtEnd: 1,
      waitP50Seconds: 1200,
      waitP90Seconds: 1200,
    });
    // Every other hour was quiet.
    const busy = new Set(['2026-05-19T15:00:00Z', '2026-05-20T12:00:00Z', '2026-05-20T13:00:00Z', '2026-05-20T14:00:00Z'].map(t));
    for (const h of queue.hours.filter((h) => !busy.has(h.hour))) expect(h).toEqual(emptyHour(h.hour));
  });

  it('counts new chats per UTC day for the last 14 days, today last', async () => {
    const { chatsPerDay } = (await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken)).body;
    expect(chatsPerDay.from).toBe(t('2026-05-07T00:00:00Z'));
    expect(chatsPerDay.days.map((d) => d.date)).toEqual(
      Array.from({ length: 14 }, (_, i) => `2026-05-${String(7 + i).padStart(2, '0')}`),
    );
    const counts = Object.fromEntries(chatsPerDay.days.filter((d) => d.chats > 0).map((d) => [d.date, d.chats]));
    // Today: 4 chats + 1 survey chat (13:40); yesterday: 2 + 1 survey chat (16:00); 2026-05-02's survey chat is older.
    expect(counts).toEqual({ '2026-05-07': 1, '2026-05-19': 3, '2026-05-20': 5 });
  });

  it('shows coverage gaps for the coming week, per language, as the schedule computes them', async () => {
    const { coverage } = (await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken)).body;
    expect(coverage.from).toBe(t('2026-05-20T14:00:00Z'));
    expect(coverage.to).toBe(t('2026-05-27T14:00:00Z'));
    const en = coverage.languages.find((l) => l.language === 'en')!;
    const es = coverage.languages.find((l) => l.language === 'es')!;
    expect(en).toEqual({
      language: 'en',
      uncoveredHours: 168 - 12 - 4,
      gaps: [
        { startsAt: t('2026-05-21T02:00:00Z'), endsAt: t('2026-05-22T08:00:00Z') },
        { startsAt: t('2026-05-22T12:00:00Z'), endsAt: t('2026-05-27T14:00:00Z') },
      ],
    });
    expect(es).toEqual({
      language: 'es',
      uncoveredHours: 168 - 12,
      gaps: [{ startsAt: t('2026-05-21T02:00:00Z'), endsAt: t('2026-05-27T14:00:00Z') }],
    });
    // The same answer as the schedule's own endpoint.
    const direct = await getJson(server.url, '/api/schedule/coverage', moderatorToken);
    expect(direct.body).toEqual(coverage);
  });

  it('counts flags of the last 30 days by reason, most frequent first, with how many are still open', async () => {
    const { flagsByReason } = (await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken)).body;
    expect(flagsByReason.from).toBe(t('2026-04-20T14:30:00Z'));
    expect(flagsByReason.total).toBe(5);
    expect(flagsByReason.reasons).toEqual([
      { reason: 'abusive_visitor', count: 3, open: 2 },
      { reason: 'risk_to_life', count: 1, open: 1 },
      { reason: 'sexual_content', count: 1, open: 0 },
    ]);
  });

  it('sums up the survivors\' surveys of the last 30 days, never one by one', async () => {
    const { surveys } = (await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken)).body;
    expect(surveys).toEqual({
      from: t('2026-04-20T14:30:00Z'),
      to: NOW.toISOString(),
      responses: 3,
      feltHeardAverage: 4.5,
      feltHeard: [0, 0, 0, 1, 1],
      reachAgain: { yes: 1, no: 1, unsure: 1 },
    });
  });

  it('moves with the clock: an hour later the oldest hour drops out and the wait is in the past', async () => {
    clock.set(new Date('2026-05-20T15:10:00Z'));
    try {
      const { queue } = (await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken)).body;
      expect(queue.hours[0]!.hour).toBe(t('2026-05-19T16:00:00Z'));
      expect(queue.hours.some((h) => h.waitP50Seconds === 1800)).toBe(false);
      // The survivor who joined at 14:20 is still waiting: the queue is one long all through the new hour.
      expect(queue.hours[23]).toEqual({ ...emptyHour(t('2026-05-20T15:00:00Z')), peakWaiting: 1, waitingAtEnd: 1 });
    } finally {
      clock.set(NOW);
    }
  });
});

describe('the time a survivor stops waiting', () => {
  it('is recorded when they leave the queue, so the dashboard knows when they stopped waiting', async () => {
    const visitor = await newVisitor(server.url);
    await ok(visitor.socket, 'queue:join', intake({ language: 'es' }));
    await ok(visitor.socket, 'queue:leave', {});
    const [row] = await query<{ status: string; left_at: Date | string | null }>(
      server.ctx.db,
      sql`SELECT q.status, q.left_at FROM queue_entries q WHERE q.visitor_id = ${visitor.visitorId}`,
    );
    expect(row!.status).toBe('left');
    expect(row!.left_at).not.toBeNull();
    visitor.socket.close();
  });
});

describe('survivors who left before anyone answered', () => {
  it('counts the last 24 hours: queue give-ups, and chats the survivor ended before any staff reply', async () => {
    const base = await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken);
    expect(base.status).toBe(200);
    const now = clock.now().getTime();
    const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    const before = base.body.leftBeforeAnswer;
    expect(before.to).toBe(new Date(now).toISOString());
    expect(before.from).toBe(new Date(now - 24 * 3600_000).toISOString());

    async function endedChat(opts: { endedAgo: number; staffWrote?: boolean; deleted?: boolean; previous?: string; by?: string }) {
      const id = randomUUID();
      await exec(sql`
        INSERT INTO conversations (id, visitor_id, volunteer_id, topic, language, want, status, started_at, ended_at, ended_by,
                                   end_reason, previous_conversation_id, transcript_deleted_at)
        VALUES (${id}, ${await visitor()}, ${volunteerId}, 'workplace', 'en', 'to_be_heard', 'ended', ${ago(opts.endedAgo + 5)},
                ${ago(opts.endedAgo)}, ${opts.by ?? 'visitor'}, 'ended_by_visitor', ${opts.previous ?? null},
                ${opts.deleted ? ago(opts.endedAgo) : null})`);
      await exec(sql`INSERT INTO messages (id, conversation_id, seq, client_id, sender_role, body_enc, created_at)
                     VALUES (${randomUUID()}, ${id}, 1, ${randomUUID()}, 'visitor', 'v1:x:x:x:x', ${ago(opts.endedAgo + 4)})`);
      if (opts.staffWrote) {
        await exec(sql`INSERT INTO messages (id, conversation_id, seq, client_id, sender_role, sender_id, body_enc, created_at)
                       VALUES (${randomUUID()}, ${id}, 2, ${randomUUID()}, 'volunteer', ${volunteerId}, 'v1:x:x:x:x', ${ago(opts.endedAgo + 3)})`);
      }
      return id;
    }
    const unanswered = await endedChat({ endedAgo: 30 }); // counted
    await endedChat({ endedAgo: 40, staffWrote: true }); // answered
    await endedChat({ endedAgo: 50, deleted: true }); // cannot say
    await endedChat({ endedAgo: 60, previous: unanswered }); // a continuation: answered before
    await endedChat({ endedAgo: 70, by: 'volunteer' }); // the volunteer ended it
    await endedChat({ endedAgo: 25 * 60 }); // too long ago
    await entry(ago(20), { leftAt: ago(10) }); // gave up in the queue
    await entry(ago(26 * 60), { leftAt: ago(25 * 60) }); // too long ago

    const after = (await getJson<DashboardResponse>(server.url, '/api/dashboard', moderatorToken)).body.leftBeforeAnswer;
    expect(after.inChat - before.inChat).toBe(1);
    expect(after.inQueue - before.inQueue).toBe(1);
  });
});
