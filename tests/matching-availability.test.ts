// Before the intake: GET /api/availability says whether anyone can answer in a language now, or when the next shift starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Availability, PublishedSlots } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { intake, newVisitor, ok } from './helpers/clients.js';
import { volunteerOnShift } from './helpers/matching.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { http } from './helpers/staffAuth.js';

const NOW = Date.parse('2026-03-04T09:45:00Z');
let server: TestServer;
const clock = new ManualClock(new Date(NOW));

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server?.stop();
});

const availability = (lang?: string) => http<Availability>(server, 'GET', `/api/availability${lang ? `?lang=${lang}` : ''}`);

describe('GET /api/availability', () => {
  it('needs no token, and says nobody is on shift (with no invented next shift) when none is scheduled', async () => {
    const res = await availability();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ language: 'en', volunteersOnShift: 0, at: new Date(NOW).toISOString() });
  });

  it('names the next scheduled shift of a volunteer who speaks the language, and only theirs', async () => {
    const admin = await server.addStaff({ role: 'admin' });
    const spanish = await server.addStaff({ languages: ['es'] });
    const published = await http<PublishedSlots>(server, 'POST', '/api/schedule/slots', {
      token: server.tokenFor(admin),
      body: { slots: [{ startsAt: '2026-03-04T18:00:00Z', endsAt: '2026-03-04T22:00:00Z' }] },
    });
    expect(published.status).toBe(201);
    const slot = published.body.slots[0]!;
    expect((await http(server, 'POST', `/api/schedule/slots/${slot.id}/signup`, { token: server.tokenFor(spanish) })).status).toBe(200);

    expect((await availability('es')).body).toMatchObject({ language: 'es', volunteersOnShift: 0, nextShiftAt: '2026-03-04T18:00:00.000Z' });
    expect((await availability('en')).body.nextShiftAt).toBeUndefined();
  });

  it('counts volunteers on shift and accepting, the same count a waiting survivor is given', async () => {
    const volunteer = await volunteerOnShift(server, { languages: ['en'] }, { accepting: false });
    // On shift but not accepting new chats: nobody can answer yet.
    expect((await availability('en')).body.volunteersOnShift).toBe(0);
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: true });
    const now = (await availability('en')).body;
    expect(now.volunteersOnShift).toBe(1);
    expect(now.nextShiftAt).toBeUndefined();

    // A survivor who then joins is told the same.
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: false });
    const survivor = await newVisitor(server.url);
    const status = await ok(survivor.socket, 'queue:join', intake());
    expect(status.volunteersOnShift).toBe((await availability('en')).body.volunteersOnShift);
    survivor.socket.disconnect();
    volunteer.socket.disconnect();
  });

  it('refuses a language it does not serve, naming the field', async () => {
    const res = await availability('fr');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'invalid', field: 'lang' } });
  });
});

