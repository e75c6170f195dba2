// The queue as a survivor lives it: order, honest place, preference relaxed (or kept), place kept across a reload.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationView } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { publishSlots, signUpForSlot } from '../server/src/domain/staff/schedule.js';
import { collect, connect, intake, newVisitor, next, ok, sleep, type ClientSocket } from './helpers/clients.js';
import { connectListening, eventually, query, sweep, trackStatus, volunteerOnShift } from './helpers/matching.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let clock: ManualClock;
const sockets: ClientSocket[] = [];

beforeEach(async () => {
  clock = new ManualClock(new Date('2026-03-02T15:00:00Z'));
  server = await startTestServer({
    clock,
    env: { PREFERENCE_RELAX_SECONDS: '180', QUEUE_HOLD_SECONDS: '300', CHAT_COOLDOWN_SECONDS: '0' },
  });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.stop();
});

async function survivor() {
  const v = await newVisitor(server.url);
  sockets.push(v.socket);
  return { ...v, status: trackStatus(v.socket) };
}

async function volunteer(...args: Parameters<typeof volunteerOnShift> extends [unknown, ...infer R] ? R : never) {
  const v = await volunteerOnShift(server, ...args);
  sockets.push(v.socket);
  return v;
}

describe('queue order', () => {
  it('serves the urgent survivor first, then the longest waiting, and tells everyone their place as it changes', async () => {
    const a = await survivor();
    expect(await ok(a.socket, 'queue:join', intake())).toMatchObject({ state: 'waiting', position: 1, urgent: false });
    clock.advance(1_000);
    const b = await survivor();
    expect(await ok(b.socket, 'queue:join', intake())).toMatchObject({ position: 2 });
    clock.advance(1_000);
    const c = await survivor();
    const cStatus = await ok(c.socket, 'queue:join', intake({ inDanger: true }));
    expect(cStatus).toMatchObject({ state: 'waiting', position: 1, urgent: true });

    // The two who were ahead are pushed their new places without asking.
    await eventually(() => a.status.current?.position === 2, 5_000, 'a at position 2');
    await eventually(() => b.status.current?.position === 3, 5_000, 'b at position 3');

    const started = { a: next(a.socket, 'conversation:started'), b: next(b.socket, 'conversation:started'), c: next(c.socket, 'conversation:started') };
    const v = await volunteer({ capacity: 1 });
    const first = await started.c;
    await eventually(() => v.started.length === 1, 5_000, 'the volunteer told');
    expect(v.started.map((x) => x.id)).toEqual([first.id]);
    await eventually(() => b.status.current?.position === 2, 5_000, 'b moves up to 2');

    // The urgent survivor said "in immediate danger": the volunteer ends that chat only by saying why.
    await ok(v.socket, 'conversation:end', { conversationId: first.id, imminentReason: 'survivor_safe' });
    // A chat with someone in immediate danger is high-risk: the volunteer gets the longer break before the next one.
    await sleep(300);
    expect(v.started).toHaveLength(1);
    clock.advance(server.config.timing.highRiskCooldownSeconds * 1000 + 1000);
    await sweep(server);
    const second = await started.a;
    await ok(v.socket, 'conversation:end', { conversationId: second.id });
    const third = await started.b;
    await eventually(() => v.started.length === 3, 5_000, 'the volunteer told');
    expect(v.started.map((x) => x.id)).toEqual([first.id, second.id, third.id]);
  });

  it('pushes a new estimate when capacity changes, not only when the place does', async () => {
    const busy = await volunteer({ displayName: 'Busy' });
    const first = await survivor();
    const chatting = next(first.socket, 'conversation:started');
    await ok(first.socket, 'queue:join', intake());
    await chatting;
    clock.advance(1_000);
    const t = await survivor();
    await ok(t.socket, 'queue:join', intake());
    clock.advance(1_000);
    const s = await survivor();
    const before = await ok(s.socket, 'queue:join', intake());
    expect(before).toMatchObject({ state: 'waiting', position: 2, volunteersOnShift: 1 });
    expect(before.estimatedWaitSeconds).toBeGreaterThan(0);

    // A second volunteer: t is matched, s moves up, and twice the capacity turns over twice as fast.
    const moved = next(s.socket, 'queue:status', (st) => st.position === 1);
    await volunteer({ displayName: 'Second' });
    const after = await moved;
    expect(after.volunteersOnShift).toBe(2);
    expect(after.estimatedWaitSeconds!).toBeLessThan(before.estimatedWaitSeconds! / 2);
    expect(busy.started).toHaveLength(1);
  });

  it('counts places per language: a Spanish speaker is not behind English speakers', async () => {
    const en = await survivor();
    await ok(en.socket, 'queue:join', intake({ language: 'en' }));
    clock.advance(1_000);
    const es = await survivor();
    expect(await ok(es.socket, 'queue:join', intake({ language: 'es' }))).toMatchObject({ position: 1 });
  });
});

describe('a volunteer preference', () => {
  it('is honoured first, then relaxed after PREFERENCE_RELAX_SECONDS: the survivor is told, then matched with anyone', async () => {
    const man = await volunteer({ gender: 'man', displayName: 'Marco' });
    const s = await survivor();
    const joined = await ok(s.socket, 'queue:join', intake({ preference: 'woman' }));
    expect(joined).toMatchObject({
      state: 'waiting',
      preference: 'woman',
      preferenceRelaxed: false,
      preferredOnShift: 0,
      preferenceRelaxAt: new Date(clock.now().getTime() + 180_000).toISOString(),
    });
    // Honest: nobody fitting is on shift, so the wait is until the preference is relaxed.
    expect(joined.estimatedWaitSeconds).toBe(180);

    const events: string[] = [];
    s.socket.on('queue:status', (st) => events.push(`status:${st.preferenceRelaxed ? 'relaxed' : 'kept'}`));
    s.socket.on('conversation:started', () => events.push('started'));

    clock.advance(179_000);
    await sweep(server);
    await sleep(300);
    expect(man.started).toHaveLength(0);
    expect(events).not.toContain('started');

    clock.advance(2_000);
    const started = next(s.socket, 'conversation:started');
    await sweep(server);
    const conversation = await started;
    expect(conversation.volunteerName).toBe('Marco');
    // Told that the preference was relaxed before being matched.
    expect(events.indexOf('status:relaxed')).toBeGreaterThanOrEqual(0);
    expect(events.indexOf('status:relaxed')).toBeLessThan(events.indexOf('started'));
  });

  it('a survivor who chooses to keep waiting is never relaxed, and gets a volunteer who fits as soon as one comes', async () => {
    const man = await volunteer({ gender: 'man' });
    const s = await survivor();
    await ok(s.socket, 'queue:join', intake({ preference: 'woman' }));
    const kept = await ok(s.socket, 'queue:preference', { keep: true });
    expect(kept).toMatchObject({ state: 'waiting', keepingPreference: true, preferenceRelaxed: false });
    expect(kept.preferenceRelaxAt).toBeUndefined();

    clock.advance(30 * 60_000);
    await sweep(server);
    await sleep(300);
    expect(man.started).toHaveLength(0);
    expect((await ok(s.socket, 'session:state', {})).queue).toMatchObject({
      state: 'waiting',
      preferenceRelaxed: false,
    });

    const started = next(s.socket, 'conversation:started');
    await volunteer({ gender: 'woman', displayName: 'Wren' });
    expect((await started).volunteerName).toBe('Wren');
    expect(man.started).toHaveLength(0);
  });

  it('once relaxed while nobody was free, the survivor may still choose to keep waiting for it', async () => {
    const man = await volunteer({ gender: 'man', capacity: 1 });
    const other = await survivor();
    const busy = next(other.socket, 'conversation:started');
    await ok(other.socket, 'queue:join', intake());
    const otherChat = await busy;

    const s = await survivor();
    await ok(s.socket, 'queue:join', intake({ preference: 'woman' }));
    clock.advance(181_000);
    const relaxed = next(s.socket, 'queue:status', (st) => st.preferenceRelaxed === true);
    await sweep(server);
    await relaxed;

    const kept = await ok(s.socket, 'queue:preference', { keep: true });
    expect(kept).toMatchObject({ preferenceRelaxed: false, keepingPreference: true });
    await ok(man.socket, 'conversation:end', { conversationId: otherChat.id });
    clock.advance(600_000);
    await sweep(server);
    await sleep(300);
    expect(man.started).toHaveLength(1);

    const started = next(s.socket, 'conversation:started');
    await volunteer({ gender: 'woman', displayName: 'Ana' });
    expect((await started).volunteerName).toBe('Ana');
  });

  it('a survivor may also stop waiting for it at any time and take the next volunteer now', async () => {
    await volunteer({ gender: 'nonbinary', displayName: 'Kai' });
    const s = await survivor();
    await ok(s.socket, 'queue:join', intake({ preference: 'woman' }));
    const started = next(s.socket, 'conversation:started');
    await ok(s.socket, 'queue:preference', { keep: false });
    expect((await started).volunteerName).toBe('Kai');
    // In a conversation, a second place in the queue is refused (one chat at a time).
    const { request } = await import('./helpers/clients.js');
    expect(await request(s.socket, 'queue:join', intake())).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses the choice to a survivor who is not waiting with a preference', async () => {
    const s = await survivor();
    await ok(s.socket, 'queue:join', intake());
    const { request, requestRaw } = await import('./helpers/clients.js');
    expect(await request(s.socket, 'queue:preference', { keep: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await requestRaw(s.socket, 'queue:preference', { keep: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('keep my place', () => {
  it('a survivor who reloads or loses the connection keeps their place for QUEUE_HOLD_SECONDS, with the same token', async () => {
    const a = await survivor();
    await ok(a.socket, 'queue:join', intake());
    clock.advance(1_000);
    const b = await survivor();
    expect(await ok(b.socket, 'queue:join', intake())).toMatchObject({ position: 2 });

    a.socket.close();
    await heldPlaces(1);
    clock.advance(4 * 60_000);
    await sweep(server);
    // b is still behind a, whose place is held.
    const bState = await ok(b.socket, 'session:state', {});
    expect(bState.queue?.position).toBe(2);

    const back = await connect(server.url, a.token);
    sockets.push(back);
    const aState = await ok(back, 'session:state', {});
    expect(aState.queue).toMatchObject({ state: 'waiting', position: 1 });
    // Connected again: the place is no longer merely held (the server notes the connection as it sets it up).
    await eventually(async () => (await ok(back, 'session:state', {})).queue?.heldUntil === undefined, 5_000, 'place no longer held');

    // Gone for longer than the hold: the place is given up, and the one behind moves up.
    const bMoves = next(b.socket, 'queue:status', (st) => st.position === 1);
    back.close();
    await heldPlaces(1);
    clock.advance(5 * 60_000 + 1_000);
    await sweep(server);
    await bMoves;
    const late = await connect(server.url, a.token);
    sockets.push(late);
    expect((await ok(late, 'session:state', {})).queue).toEqual({ state: 'not_queued' });
  });

  it('a survivor whose place is held is not matched while away, and is matched once back', async () => {
    const a = await survivor();
    await ok(a.socket, 'queue:join', intake());
    a.socket.close();
    await heldPlaces(1);
    const v = await volunteer();
    await sleep(400);
    expect(v.started).toHaveLength(0);
    let started!: Promise<ConversationView>;
    const back = await connectListening(server.url, a.token, (socket) => {
      started = next(socket, 'conversation:started');
    });
    sockets.push(back);
    expect((await started).volunteerName).toBe(v.name);
  });
});

/** Waits until the server has noticed that `n` waiting survivors lost their connection. */
async function heldPlaces(n: number): Promise<void> {
  await eventually(
    async () =>
      (await query<{ n: number }>(server, "SELECT count(*)::int AS n FROM queue_entries WHERE status = 'waiting' AND disconnected_at IS NOT NULL"))[0]!.n === n,
    5_000,
    `${n} held place(s)`,
  );
}

describe('when nobody is on shift', () => {
  it('says so plainly, gives no made-up estimate, and tells when the next shift for their language starts', async () => {
    const s = await survivor();
    const none = await ok(s.socket, 'queue:join', intake({ language: 'es' }));
    expect(none).toMatchObject({ state: 'waiting', position: 1, volunteersOnShift: 0 });
    expect(none.estimatedWaitSeconds).toBeUndefined();
    expect(none.nextShiftAt).toBeUndefined();

    const spanish = await server.addStaff({ languages: ['es'] });
    const english = await server.addStaff({ languages: ['en'] });
    const admin = await server.addStaff({ role: 'admin' });
    const soon = new Date(clock.now().getTime() + 2 * 3600_000);
    const sooner = new Date(clock.now().getTime() + 3600_000);
    const [esSlot, enSlot] = await publishSlots(server.ctx.db, clock, admin.id, [
      { startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 3 * 3600_000).toISOString() },
      { startsAt: sooner.toISOString(), endsAt: new Date(sooner.getTime() + 3 * 3600_000).toISOString() },
    ]);
    await signUpForSlot(server.ctx.db, clock, spanish.id, esSlot!, 40);
    await signUpForSlot(server.ctx.db, clock, english.id, enSlot!, 40);
    const state = await ok(s.socket, 'session:state', {});
    // The English shift is sooner, but only a Spanish-speaking volunteer can take this survivor.
    expect(state.queue?.nextShiftAt).toBe(soon.toISOString());
  });
});

describe('the volunteers’ view of the queue', () => {
  it('counts waiting survivors by urgency, topic and language with the oldest wait, and carries no content', async () => {
    const staff = await server.addStaff({ languages: ['en', 'es'] });
    const watcher = await connect(server.url, server.tokenFor(staff));
    sockets.push(watcher);
    const pushed = collect(watcher, 'queue:summary');
    const empty = await ok(watcher, 'queue:summary', {});
    expect(empty).toMatchObject({ waiting: 0, byUrgency: { urgent: 0, normal: 0 } });
    expect(empty.oldestWaitSeconds).toBeUndefined();

    const joined: ClientSocket[] = [];
    for (const i of [
      intake({ topic: 'workplace', language: 'en' }),
      intake({ topic: 'sexual_assault', language: 'en', inDanger: true }),
      intake({ topic: 'workplace', language: 'es' }),
    ]) {
      const s = await survivor();
      await ok(s.socket, 'queue:join', i);
      joined.push(s.socket);
      clock.advance(60_000);
    }
    const summary = await ok(watcher, 'queue:summary', {});
    expect(summary).toMatchObject({
      waiting: 3,
      held: 0,
      byUrgency: { urgent: 1, normal: 2 },
      byTopic: { workplace: 2, sexual_assault: 1, partner_family: 0, childhood: 0, supporting_someone: 0, other: 0 },
      byLanguage: { en: 2, es: 1 },
      oldestWaitSeconds: 180,
      volunteersOnShift: 0,
    });
    expect(Object.keys(summary).sort()).toEqual(
      ['at', 'byLanguage', 'byTopic', 'byUrgency', 'freeSlots', 'held', 'oldestWaitSeconds', 'oldestWaitingSince', 'volunteersOnShift', 'waiting'].sort(),
    );
    // Pushed to staff as the queue changes, with the same shape.
    await eventually(() => pushed.some((p) => p.waiting === 3), 5_000, 'pushed summary');
    joined[0]!.close();
    await eventually(() => pushed.some((p) => p.held === 1 && p.waiting === 3), 5_000, 'held counted in a pushed summary');

    // Survivors cannot read it.
    const s = await survivor();
    const { request } = await import('./helpers/clients.js');
    const refused = await request(s.socket, 'queue:summary', {});
    expect(refused.ok).toBe(false);
  });
});
