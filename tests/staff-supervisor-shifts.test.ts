// Supervisor shifts and presence: role-aware slots, supervisor coverage beside volunteer coverage, and who among
// the supervisors is on call and connected right now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResponse, OnCallResponse, PublishedSlots, ShiftSlotView, SignupResult } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { nextShiftStartAt } from '../server/src/domain/staff/schedule.js';
import { supervisorCoverage } from '../server/src/domain/staff/supervisors.js';
import { connect } from './helpers/clients.js';
import { eventually } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http } from './helpers/staffAuth.js';

const MONDAY = Date.parse('2026-03-02T00:00:00Z');
const at = (hours: number) => new Date(MONDAY + hours * 3600_000).toISOString();

let server: TestServer;
const clock = new ManualClock(new Date(MONDAY + 8 * 3600_000 + 20 * 60_000));
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET } });
  adminToken = server.tokenFor(await server.addStaff({ role: 'admin', displayName: 'Ada' }));
});
afterAll(async () => {
  await server?.stop();
});

async function publish(slots: { startsAt: string; endsAt: string; role?: string }[]): Promise<ShiftSlotView[]> {
  const res = await http<PublishedSlots>(server, 'POST', '/api/schedule/slots', { token: adminToken, body: { slots } });
  expect(res.status).toBe(201);
  return res.body.slots;
}
const signUp = (token: string, slotId: string) => http<SignupResult>(server, 'POST', `/api/schedule/slots/${slotId}/signup`, { token });

describe('role-aware slots', () => {
  it('publishes volunteer and supervisor slots; only moderators and admins take a supervisor slot', async () => {
    const published = await publish([
      { startsAt: at(24 + 9), endsAt: at(24 + 13) },
      { startsAt: at(24 + 9), endsAt: at(24 + 13), role: 'supervisor' },
    ]);
    expect(published.map((s) => s.role).sort()).toEqual(['supervisor', 'volunteer']);
    const chat = published.find((s) => s.role === 'volunteer');
    const onCall = published.find((s) => s.role === 'supervisor');

    const bad = await http(server, 'POST', '/api/schedule/slots', {
      token: adminToken,
      body: { slots: [{ startsAt: at(30), endsAt: at(31), role: 'boss' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('slots.0.role');

    const volunteer = server.tokenFor(await server.addStaff({ displayName: 'Val' }));
    const refused = await signUp(volunteer, onCall!.id);
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await signUp(volunteer, chat!.id)).status).toBe(200);

    const mod = server.tokenFor(await server.addStaff({ role: 'moderator', displayName: 'Mina' }));
    const taken = await signUp(mod, onCall!.id);
    expect(taken.status).toBe(200);
    expect(taken.body.slot).toMatchObject({ role: 'supervisor', signedUp: true });
    expect(taken.body.slot.signups.map((s) => s.displayName)).toEqual(['Mina']);
    expect((await signUp(adminToken, onCall!.id)).status).toBe(200);

    // The week's schedule shows each slot's role to everyone, the volunteer included.
    const week = await http<{ slots: ShiftSlotView[] }>(server, 'GET', '/api/schedule', { token: volunteer });
    expect(week.body.slots.find((s) => s.id === onCall!.id)).toMatchObject({ role: 'supervisor', signedUp: false });
    expect(week.body.slots.find((s) => s.id === chat!.id)).toMatchObject({ role: 'volunteer', signedUp: true });
  });
});

describe('coverage', () => {
  it('shows hours with no supervisor beside hours with no volunteer, and neither kind of slot fills the other', async () => {
    const c = new ManualClock(new Date(MONDAY + 8 * 3600_000 + 20 * 60_000));
    const s = await startTestServer({ clock: c, env: { JWT_SECRET: TEST_JWT_SECRET } });
    try {
      const admin = s.tokenFor(await s.addStaff({ role: 'admin' }));
      const volunteer = s.tokenFor(await s.addStaff({ languages: ['en'] }));
      // A trained moderator who speaks English: in a supervisor slot they supervise, they do not take chats.
      const mod = s.tokenFor(await s.addStaff({ role: 'moderator', languages: ['en'] }));
      const published = await http<PublishedSlots>(s, 'POST', '/api/schedule/slots', {
        token: admin,
        body: {
          slots: [
            { startsAt: at(8), endsAt: at(12) },
            { startsAt: at(10), endsAt: at(14), role: 'supervisor' },
            { startsAt: at(20), endsAt: at(22), role: 'supervisor' },
            // Nobody takes this one: an empty supervisor slot covers nothing.
            { startsAt: at(14), endsAt: at(20), role: 'supervisor' },
          ],
        },
      });
      const byStart = (h: number) => published.body.slots.find((x) => x.startsAt === at(h))!;
      const [chat, morning, evening] = [byStart(8), byStart(10), byStart(20)];
      expect(chat!.role).toBe('volunteer');
      for (const [token, slot] of [
        [volunteer, chat],
        [mod, morning],
        [mod, evening],
      ] as const) {
        expect((await http(s, 'POST', `/api/schedule/slots/${slot!.id}/signup`, { token })).status).toBe(200);
      }
      const res = await http<CoverageResponse>(s, 'GET', '/api/schedule/coverage?days=1', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.from).toBe(at(8));
      const en = res.body.languages.find((l) => l.language === 'en')!;
      // English chats: 08-12 only (the moderator's supervisor hours are not chat hours).
      expect(en.gaps).toEqual([{ startsAt: at(12), endsAt: at(32) }]);
      expect(en.uncoveredHours).toBe(20);
      // Supervisors: 10-14 and 20-22 (the volunteer's 08-12 is no supervisor's).
      expect(res.body.supervisors.gaps).toEqual([
        { startsAt: at(8), endsAt: at(10) },
        { startsAt: at(14), endsAt: at(20) },
        { startsAt: at(22), endsAt: at(32) },
      ]);
      expect(res.body.supervisors.uncoveredHours).toBe(2 + 6 + 10);

      // The queue's "next shift" counts chat slots only: the moderator's 20:00 on-call slot is not one.
      expect(await nextShiftStartAt(s.ctx.db, new Date(MONDAY + 13 * 3600_000), 'en')).toBeUndefined();
    } finally {
      await s.stop();
    }
  });
});

describe('supervisors on shift and connected', () => {
  it('knows at every moment which supervisors are connected and which are on call', async () => {
    const [now] = await publish([{ startsAt: at(7), endsAt: at(10), role: 'supervisor' }]);
    const [later] = await publish([{ startsAt: at(11), endsAt: at(12), role: 'supervisor' }]);
    const onCallRow = await server.addStaff({ role: 'moderator', displayName: 'Noor' });
    const laterRow = await server.addStaff({ role: 'moderator', displayName: 'Lee' });
    const roamingRow = await server.addStaff({ role: 'moderator', displayName: 'Rae' });
    const volunteerRow = await server.addStaff({ displayName: 'Vic' });
    expect((await signUp(server.tokenFor(onCallRow), now!.id)).status).toBe(200);
    expect((await signUp(server.tokenFor(laterRow), later!.id)).status).toBe(200);

    const names = (list: { name: string }[]) => list.map((s) => s.name);
    // Noor is on call but not connected: the server says so.
    let seen = await supervisorCoverage(server.ctx);
    expect(seen.onCall).toEqual([{ id: onCallRow.id, name: 'Noor', online: false }]);
    expect(seen.online).toEqual([]);

    // Rae (not on call) and a volunteer connect: Rae is online, the volunteer is not a supervisor.
    const rae = await connect(server.url, server.tokenFor(roamingRow));
    const vic = await connect(server.url, server.tokenFor(volunteerRow));
    // A connection joins its rooms a moment after the handshake (its account is read first).
    seen = await eventually(() => supervisorCoverage(server.ctx), (c) => c.online.length > 0);
    expect(names(seen.online)).toEqual(['Rae']);
    expect(seen.onCall).toEqual([{ id: onCallRow.id, name: 'Noor', online: false }]);

    // Noor connects: on call and online.
    const noor = await connect(server.url, server.tokenFor(onCallRow));
    seen = await eventually(() => supervisorCoverage(server.ctx), (c) => c.onCall[0]?.online === true);
    expect(names(seen.online)).toEqual(['Noor', 'Rae']);
    expect(seen.onCall).toEqual([{ id: onCallRow.id, name: 'Noor', online: true }]);

    // The same through the console's endpoint, with whether anyone can be paged; volunteers may not ask.
    const rest = await http<OnCallResponse>(server, 'GET', '/api/supervision/on-call', { token: server.tokenFor(roamingRow) });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ pagerConfigured: false, pageAfterSeconds: 120 });
    expect(rest.body.onCall).toEqual([{ id: onCallRow.id, name: 'Noor', online: true }]);
    expect(names(rest.body.online)).toEqual(['Noor', 'Rae']);
    expect((await http(server, 'GET', '/api/supervision/on-call', { token: server.tokenFor(volunteerRow) })).status).toBe(403);

    // Noor disconnects: still on call, no longer online.
    noor.close();
    seen = await eventually(() => supervisorCoverage(server.ctx), (c) => !c.onCall[0]?.online);
    expect(seen.onCall).toEqual([{ id: onCallRow.id, name: 'Noor', online: false }]);
    expect(names(seen.online)).toEqual(['Rae']);

    // An hour later Noor's slot is over and Lee's has begun.
    clock.set(new Date(MONDAY + 11 * 3600_000 + 5 * 60_000));
    seen = await supervisorCoverage(server.ctx);
    expect(seen.onCall).toEqual([{ id: laterRow.id, name: 'Lee', online: false }]);
    rae.close();
    vic.close();
  });
});
