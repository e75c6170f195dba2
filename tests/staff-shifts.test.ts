// Shifts: a published weekly schedule, sign-ups with a weekly-hours warning, coverage gaps by language, the next
// shift for the queue, and break reminders for volunteers on shift too long.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakReminder, CoverageResponse, PublishedSlots, ScheduleResponse,  SignupResult } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { nextShiftStartAt } from '../server/src/domain/staff/schedule.js';
import { collect, connect, next, ok, onShiftVolunteer, sleep } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http } from './helpers/staffAuth.js';

const MONDAY = Date.parse('2026-03-02T00:00:00Z');
const at = (hours: number) => new Date(MONDAY + hours * 3600_000).toISOString();

let server: TestServer;
const clock = new ManualClock(new Date(MONDAY + 8 * 3600_000));
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({
    clock,
    env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true', BREAK_CHECK_SECONDS: '0.1' },
  });
  adminToken = server.tokenFor(await server.addStaff({ role: 'admin' }));
});
afterAll(async () => {
  await server?.stop();
});

async function publish(slots: [number, number][]) {
  const res = await http<PublishedSlots>(server, 'POST', '/api/schedule/slots', {
    token: adminToken,
    body: { slots: slots.map(([s, e]) => ({ startsAt: at(s), endsAt: at(e) })) },
  });
  expect(res.status).toBe(201);
  return res.body.slots;
}
const signUp = (token: string, slotId: string) => http<SignupResult>(server, 'POST', `/api/schedule/slots/${slotId}/signup`, { token });

describe('the weekly schedule', () => {
  it('admins publish slots that every staff member sees; nobody else may publish', async () => {
    const [slot] = await publish([[24 + 9, 24 + 13]]);
    const volunteer = await server.addStaff();
    const token = server.tokenFor(volunteer);
    const week = await http<ScheduleResponse>(server, 'GET', '/api/schedule', { token });
    expect(week.status).toBe(200);
    expect(week.body.from).toBe(at(0));
    expect(week.body.to).toBe(at(7 * 24));
    expect(week.body.slots.map((s) => s.id)).toContain(slot!.id);
    const denied = await http(server, 'POST', '/api/schedule/slots', {
      token,
      body: { slots: [{ startsAt: at(30), endsAt: at(31) }] },
    });
    expect(denied.status).toBe(403);
    const bad = await http(server, 'POST', '/api/schedule/slots', { token: adminToken, body: { slots: [{ startsAt: at(31), endsAt: at(30) }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('slots.0.endsAt');
    expect(await listAudit(server.ctx.db, { action: 'schedule.published', limit: 5 })).not.toHaveLength(0);
  });

  it('warns (but accepts) a sign-up that takes someone over 12 hours in a week', async () => {
    const slots = await publish([
      [48 + 8, 48 + 12],
      [72 + 8, 72 + 12],
      [96 + 8, 96 + 12],
      [120 + 8, 120 + 12],
      [7 * 24 + 8, 7 * 24 + 12], // next week: does not count towards this one
    ]);
    const token = server.tokenFor(await server.addStaff());
    const hours: number[] = [];
    for (const slot of slots.slice(0, 3)) {
      const res = await signUp(token, slot.id);
      expect(res.status).toBe(200);
      expect(res.body.warning).toBeUndefined();
      expect(res.body.slot.signedUp).toBe(true);
      hours.push(res.body.weeklyHours);
    }
    expect(hours).toEqual([4, 8, 12]);
    const next = await signUp(token, slots[4]!.id);
    expect(next.body).toMatchObject({ weeklyHours: 4 });
    expect(next.body.warning).toBeUndefined();
    const over = await signUp(token, slots[3]!.id);
    expect(over.status).toBe(200);
    expect(over.body.warning).toEqual({ weeklyHours: 16, limit: 12 });
    // Signing up twice is harmless.
    expect((await signUp(token, slots[3]!.id)).body.weeklyHours).toBe(16);
    // Cancelling takes the slot off their week.
    const cancelled = await http(server, 'DELETE', `/api/schedule/slots/${slots[3]!.id}/signup`, { token });
    expect(cancelled.body.signedUp).toBe(false);
  });

  it('refuses a sign-up for a shift that has already ended', async () => {
    const [past] = await publish([[1, 2]]);
    const res = await signUp(server.tokenFor(await server.addStaff()), past!.id);
    expect(res.status).toBe(409);
  });

  it('being scheduled is not being on shift, and going on shift needs no schedule', async () => {
    const [now] = await publish([[7, 11]]);
    const scheduled = await server.addStaff();
    await signUp(server.tokenFor(scheduled), now!.id);
    const socket = await connect(server.url, server.tokenFor(scheduled));
    const state = await ok(socket, 'session:state', {});
    expect(state.volunteer?.onShift).toBe(false);
    socket.close();
    const unscheduled = await onShiftVolunteer(server.url, await server.addStaff());
    expect((await ok(unscheduled.socket, 'session:state', {})).volunteer?.onShift).toBe(true);
    await ok(unscheduled.socket, 'shift:set', { onShift: false });
    unscheduled.socket.close();
  });
});

describe('coverage and the next shift', () => {
  it('shows, by language, the hours of the coming day with no trained, active volunteer scheduled', async () => {
    // A fresh server so that other tests' slots do not count.
    const c = new ManualClock(new Date(MONDAY + 8 * 3600_000 + 20 * 60_000));
    const s = await startTestServer({ clock: c, env: { JWT_SECRET: TEST_JWT_SECRET } });
    try {
      const admin = s.tokenFor(await s.addStaff({ role: 'admin' }));
      const both = await s.addStaff({ languages: ['en', 'es'] });
      const english = await s.addStaff({ languages: ['en'] });
      const untrained = await s.addStaff({ languages: ['es'], trained: false });
      const suspended = await s.addStaff({ languages: ['es'] });
      const published = await http<PublishedSlots>(s, 'POST', '/api/schedule/slots', {
        token: admin,
        body: {
          slots: [
            { startsAt: at(8), endsAt: at(12) },
            { startsAt: at(12), endsAt: at(16) },
            { startsAt: at(16), endsAt: at(20) },
            { startsAt: new Date(MONDAY + 20.5 * 3600_000).toISOString(), endsAt: at(22) },
          ],
        },
      });
      const [morning, afternoon, evening, late] = published.body.slots;
      await http(s, 'POST', `/api/schedule/slots/${morning!.id}/signup`, { token: s.tokenFor(both) });
      await http(s, 'POST', `/api/schedule/slots/${afternoon!.id}/signup`, { token: s.tokenFor(english) });
      await http(s, 'POST', `/api/schedule/slots/${evening!.id}/signup`, { token: s.tokenFor(untrained) });
      await http(s, 'POST', `/api/schedule/slots/${evening!.id}/signup`, { token: s.tokenFor(suspended) });
      await http(s, 'POST', `/api/staff/${suspended.id}/status`, { token: admin, body: { status: 'suspended' } });
      await http(s, 'POST', `/api/schedule/slots/${late!.id}/signup`, { token: s.tokenFor(english) });

      const res = await http<CoverageResponse>(s, 'GET', '/api/schedule/coverage?days=1', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.from).toBe(at(8)); // the start of the current hour
      const en = res.body.languages.find((l) => l.language === 'en')!;
      const es = res.body.languages.find((l) => l.language === 'es')!;
      // English: 08-16 and 21-22 covered (20-21 only half covered by the 20:30 slot).
      expect(en.gaps).toEqual([
        { startsAt: at(16), endsAt: at(21) },
        { startsAt: at(22), endsAt: at(32) },
      ]);
      expect(en.uncoveredHours).toBe(15);
      // Spanish: only the morning; the untrained and the suspended volunteer do not count.
      expect(es.gaps).toEqual([{ startsAt: at(12), endsAt: at(32) }]);
      expect(es.uncoveredHours).toBe(20);

      // Moderators may look too; volunteers may not.
      expect((await http(s, 'GET', '/api/schedule/coverage', { token: s.tokenFor(await s.addStaff({ role: 'moderator' })) })).status).toBe(200);
      expect((await http(s, 'GET', '/api/schedule/coverage', { token: s.tokenFor(english) })).status).toBe(403);
      const week = await http<CoverageResponse>(s, 'GET', '/api/schedule/coverage', { token: admin });
      expect(week.body.languages[0]!.uncoveredHours).toBeLessThanOrEqual(7 * 24);
      expect(Date.parse(week.body.to) - Date.parse(week.body.from)).toBe(7 * 24 * 3600_000);

      // The next shift for the queue's "nobody on shift; next shift at ...": the first slot starting after now
      // with someone who speaks the language (a slot already running does not count).
      const now = c.now();
      expect((await nextShiftStartAt(s.ctx.db, now, 'en'))?.toISOString()).toBe(at(12));
      expect(await nextShiftStartAt(s.ctx.db, now, 'es')).toBeUndefined();
      expect((await nextShiftStartAt(s.ctx.db, new Date(MONDAY + 13 * 3600_000), 'en'))?.toISOString()).toBe(
        new Date(MONDAY + 20.5 * 3600_000).toISOString(),
      );
    } finally {
      await s.stop();
    }
  }, 180_000); // starts a second server: slow on a loaded machine
});

describe('break reminders', () => {
  it('remind a volunteer after 2 hours continuously on shift, and again after each further 2 hours, not once off shift', async () => {
    const staff = await server.addStaff();
    const { socket } = await onShiftVolunteer(server.url, staff);
    const reminders = collect(socket, 'volunteer:break_reminder');
    clock.advance(119 * 60_000);
    await sleep(500);
    expect(reminders).toHaveLength(0);

    const first = next(socket, 'volunteer:break_reminder');
    clock.advance(2 * 60_000);
    const r1: BreakReminder = await first;
    expect(r1.minutesOnShift).toBe(121);
    await sleep(400);
    expect(reminders).toHaveLength(1); // once, not on every check

    clock.advance(60 * 60_000);
    await sleep(400);
    expect(reminders).toHaveLength(1);
    const second = next(socket, 'volunteer:break_reminder');
    clock.advance(61 * 60_000);
    expect((await second).minutesOnShift).toBe(242);

    await ok(socket, 'shift:set', { onShift: false });
    clock.advance(5 * 3600_000);
    await sleep(500);
    expect(reminders).toHaveLength(2);

    // A new shift starts a new count.
    await ok(socket, 'shift:set', { onShift: true });
    clock.advance(100 * 60_000);
    await sleep(400);
    expect(reminders).toHaveLength(2);
    await ok(socket, 'shift:set', { onShift: false });
    socket.close();
  });

  it('use BREAK_REMINDER_MINUTES when configured', async () => {
    const c = new ManualClock(new Date(MONDAY));
    const s = await startTestServer({ clock: c, env: { BREAK_REMINDER_MINUTES: '30', BREAK_CHECK_SECONDS: '0.1' } });
    try {
      const { socket } = await onShiftVolunteer(s.url, await s.addStaff());
      const reminder = next(socket, 'volunteer:break_reminder');
      c.advance(31 * 60_000);
      expect((await reminder).minutesOnShift).toBe(31);
      socket.close();
    } finally {
      await s.stop();
    }
  }, 180_000); // starts a second server
});
