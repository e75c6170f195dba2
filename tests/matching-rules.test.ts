// Who gets the chat: language required, topic preferred, capacity, cool-downs, least loaded then longest idle.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { intake, newVisitor, next, ok, request, sleep, type ClientSocket } from './helpers/clients.js';
import { query, sweep, volunteerOnShift } from './helpers/matching.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let clock: ManualClock;
const sockets: ClientSocket[] = [];

beforeEach(async () => {
  clock = new ManualClock(new Date('2026-03-03T18:00:00Z'));
  server = await startTestServer({
    clock,
    env: { CHAT_COOLDOWN_SECONDS: '60', HIGH_RISK_COOLDOWN_SECONDS: '600', PREFERENCE_RELAX_SECONDS: '180' },
  });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.stop();
});

async function volunteer(...args: Parameters<typeof volunteerOnShift> extends [unknown, ...infer R] ? R : never) {
  const v = await volunteerOnShift(server, ...args);
  sockets.push(v.socket);
  return v;
}

/** A survivor joins and the test gets their conversation:started (or a promise that never settles). */
async function join(over: Parameters<typeof intake>[0] = {}) {
  const s = await newVisitor(server.url);
  sockets.push(s.socket);
  const started = next(s.socket, 'conversation:started', () => true, 20_000);
  started.catch(() => undefined);
  const status = await ok(s.socket, 'queue:join', intake(over));
  return { ...s, started, status };
}

/** Runs the matchmaker's sweep and gives the notifications a moment: long enough to see that nothing happened. */
async function nothingHappens(): Promise<void> {
  await sweep(server);
  await sleep(400);
}

describe('matching rules', () => {
  it('requires the language and prefers the volunteer trained for the topic', async () => {
    const english = await volunteer({ languages: ['en'], displayName: 'Eli' });
    clock.advance(60_000);
    const spanishSurvivor = await join({ language: 'es' });
    await nothingHappens();
    expect(english.started).toHaveLength(0);
    expect(spanishSurvivor.status).toMatchObject({ state: 'waiting', volunteersOnShift: 0 });

    await volunteer({ languages: ['es', 'en'], displayName: 'Sol' });
    expect((await spanishSurvivor.started).volunteerName).toBe('Sol');

    // Eli has been idle far longer, but Tam is trained for this topic.
    clock.advance(60_000);
    await volunteer({ languages: ['en'], topics: ['sexual_assault'], displayName: 'Tam' });
    const s = await join({ topic: 'sexual_assault' });
    expect((await s.started).volunteerName).toBe('Tam');
    // Without a trained volunteer free, the topic is not required: Eli takes the next one.
    const t = await join({ topic: 'sexual_assault' });
    expect((await t.started).volunteerName).toBe('Eli');
  });

  it('gives the chat to the least loaded, then the longest idle, and never beyond the capacity the volunteer chose', async () => {
    const first = await volunteer({ capacity: 2, displayName: 'First' });
    clock.advance(10_000);
    const second = await volunteer({ capacity: 2, displayName: 'Second' });
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(10_000);
      const s = await join();
      names.push((await s.started).volunteerName);
    }
    // 1: both free, First idle longer. 2: Second is less loaded. 3: equal load, First idle longer. 4: Second.
    expect(names).toEqual(['First', 'Second', 'First', 'Second']);

    const fifth = await join();
    await nothingHappens();
    expect(first.started.length + second.started.length).toBe(4);
    expect(fifth.status).toMatchObject({ state: 'waiting', position: 1 });

    // Capacity is 1 to 3, chosen by the volunteer.
    for (const capacity of [0, 4, 1.5]) {
      expect(await request(second.socket, 'shift:set', { onShift: true, capacity })).toMatchObject({
        ok: false,
        error: { code: 'invalid', field: 'capacity' },
      });
    }
    const raised = await ok(second.socket, 'shift:set', { onShift: true, capacity: 3 });
    expect(raised).toMatchObject({ capacity: 3, activeConversations: 2 });
    expect((await fifth.started).volunteerName).toBe('Second');
    const [load] = await query<{ n: number }>(server, `SELECT count(*)::int AS n FROM conversations WHERE volunteer_id = '${second.id}' AND status = 'active'`);
    expect(load!.n).toBe(3);
  });

  it('rests a volunteer for the cool-down after each chat, and for longer after a high-risk one', async () => {
    const v = await volunteer({ displayName: 'Rue' });
    const a = await join();
    const chatA = await a.started;
    const rested = next(v.socket, 'volunteer:state', (st) => st.cooldownUntil !== undefined);
    await ok(v.socket, 'conversation:end', { conversationId: chatA.id });
    expect((await rested).cooldownUntil).toBe(new Date(clock.now().getTime() + 60_000).toISOString());

    const b = await join();
    // Honest: the wait is the rest of the cool-down.
    expect(b.status).toMatchObject({ state: 'waiting', position: 1, estimatedWaitSeconds: 60 });
    clock.advance(59_000);
    await nothingHappens();
    expect(v.started).toHaveLength(1);
    clock.advance(2_000);
    await sweep(server);
    const chatB = await b.started;

    // A volunteer (or moderator) marked this chat high-risk: the pause after it is HIGH_RISK_COOLDOWN_SECONDS.
    await query(server, `UPDATE conversations SET risk = 'high' WHERE id = '${chatB.id}'`);
    await ok(v.socket, 'conversation:end', { conversationId: chatB.id });
    const c = await join();
    clock.advance(61_000);
    await nothingHappens();
    expect(v.started).toHaveLength(2);
    clock.advance(540_000);
    await sweep(server);
    expect((await c.started).volunteerName).toBe('Rue');
  });

  it('routes nothing to a volunteer who is not accepting, not connected, or off shift', async () => {
    const paused = await volunteer({ displayName: 'Paused' }, { accepting: false });
    const gone = await volunteer({ displayName: 'Gone' });
    gone.socket.close();
    const off = await volunteer({ displayName: 'Off' });
    await ok(off.socket, 'shift:set', { onShift: false });
    await sleep(300);
    const s = await join();
    await nothingHappens();
    expect(paused.started.length + off.started.length).toBe(0);
    expect(s.status).toMatchObject({ state: 'waiting', volunteersOnShift: 0 });
    await ok(paused.socket, 'shift:set', { onShift: true, accepting: true });
    expect((await s.started).volunteerName).toBe('Paused');
  });
});
