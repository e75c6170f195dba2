// Refresh tokens: rotation on every use, a replayed one revokes the whole session, the CSRF header, expiry.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { refreshTokens } from '../server/src/db/schema.js';
import { connect, next, sleep } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, signIn } from './helpers/staffAuth.js';

let server: TestServer;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await server?.stop();
});

async function volunteerSession() {
  const v = await server.addStaff();
  const res = await signIn(server, { email: v.email, password: v.password });
  expect(res.status).toBe(200);
  return { v, refresh: res.refreshCookie!, access: (res.body as SignedIn).accessToken };
}

const refresh = (cookie: string | undefined, csrf = true) => http<SignedIn>(server, 'POST', '/api/auth/refresh', { refresh: cookie, csrf });

describe('refreshing', () => {
  it('hands out a new access token and a new refresh cookie, each refresh token working once', async () => {
    const { v, refresh: first } = await volunteerSession();
    const r1 = await refresh(first);
    expect(r1.status).toBe(200);
    expect(r1.body.status).toBe('signed_in');
    expect(r1.body.user.id).toBe(v.id);
    expect(r1.refreshCookie).toBeTruthy();
    expect(r1.refreshCookie).not.toBe(first);
    expect(r1.setCookie).toMatch(/HttpOnly/i);
    expect((await http(server, 'GET', '/api/auth/me', { token: r1.body.accessToken })).status).toBe(200);
    const r2 = await refresh(r1.refreshCookie);
    expect(r2.status).toBe(200);
    expect(r2.refreshCookie).not.toBe(r1.refreshCookie);
  });

  it('stores refresh tokens only as hashes', async () => {
    const { refresh: cookie } = await volunteerSession();
    const rows = await server.ctx.db.select().from(refreshTokens);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(cookie);
    // What is stored is the SHA-256 of this very token: the absence above is not an accident of encoding.
    expect(rows.map((r) => r.tokenHash)).toContain(createHash('sha256').update(cookie).digest('base64url'));
  });

  it('a replayed refresh token revokes the whole family: the thief and the rightful holder both have to sign in again', async () => {
    const { v, refresh: stolen } = await volunteerSession();
    const rightful = await refresh(stolen);
    expect(rightful.status).toBe(200);
    // The copied, already-used token comes back.
    const replay = await refresh(stolen);
    expect(replay.status).toBe(401);
    expect(replay.refreshCookie).toBe('');
    // The newest token of the family is dead too, and so is its access token.
    expect((await refresh(rightful.refreshCookie)).status).toBe(401);
    expect((await http(server, 'GET', '/api/auth/me', { token: rightful.body.accessToken })).status).toBe(401);
    const [audit] = await listAudit(server.ctx.db, { actorId: v.id, action: 'auth.refresh_reuse_detected', limit: 5 });
    expect(audit).toBeDefined();
    expect(audit!.ipHash).toBeTruthy();
    // A fresh sign-in works.
    expect((await signIn(server, { email: v.email, password: v.password })).status).toBe(200);
  });

  it('needs the X-Beside-CSRF header (a cross-site form cannot send it)', async () => {
    const { refresh: cookie } = await volunteerSession();
    const res = await refresh(cookie, false);
    expect(res.status).toBe(403);
    // Refused before the token was touched: it still works with the header.
    expect((await refresh(cookie)).status).toBe(200);
    expect((await http(server, 'POST', '/api/auth/logout', { refresh: cookie, csrf: false })).status).toBe(403);
  });

  it('refuses no cookie, a made-up cookie, and a refresh token unused for more than 12 hours', async () => {
    expect((await refresh(undefined)).status).toBe(401);
    expect((await refresh('A'.repeat(43))).status).toBe(401);
    const { refresh: cookie } = await volunteerSession();
    clock.advance(12 * 3600_000 + 1000);
    expect((await refresh(cookie)).status).toBe(401);
  });

  it('ends a session 7 days after sign-in however often it is refreshed', async () => {
    let { refresh: cookie } = await volunteerSession();
    for (let day = 0; day < 6; day++) {
      clock.advance(11 * 3600_000);
      const r = await refresh(cookie);
      expect(r.status, `refresh after ${(day + 1) * 11}h`).toBe(200);
      cookie = r.refreshCookie!;
      clock.advance(11 * 3600_000);
      const r2 = await refresh(cookie);
      expect(r2.status).toBe(200);
      cookie = r2.refreshCookie!;
    }
    clock.advance(11 * 3600_000);
    // 6 * 22 h + 11 h = 143 h < 168 h: still inside the week.
    const late = await refresh(cookie);
    expect(late.status).toBe(200);
    clock.advance(11 * 3600_000);
    // 154 h: the cookie's lifetime is capped at the session end (168 h), so it still works ...
    const later = await refresh(late.refreshCookie);
    expect(later.status).toBe(200);
    clock.advance(15 * 3600_000);
    // ... but not past 168 h.
    expect((await refresh(later.refreshCookie)).status).toBe(401);
  });

  it('refuses a suspended person at once, however fresh their refresh token', async () => {
    const { v, refresh: cookie } = await volunteerSession();
    const admin = await server.addStaff({ role: 'admin' });
    await http(server, 'POST', `/api/staff/${v.id}/status`, { token: server.tokenFor(admin), body: { status: 'suspended' } });
    expect((await refresh(cookie)).status).toBe(401);
  });
});

describe('logging out', () => {
  it('revokes the session: its refresh token and access token stop working, and it is audited', async () => {
    const { v, refresh: cookie, access } = await volunteerSession();
    const out = await http(server, 'POST', '/api/auth/logout', { refresh: cookie, csrf: true });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/beside_refresh=;/);
    expect((await refresh(cookie)).status).toBe(401);
    expect((await http(server, 'GET', '/api/auth/me', { token: access })).status).toBe(401);
    expect(await listAudit(server.ctx.db, { actorId: v.id, action: 'auth.logout', limit: 5 })).toHaveLength(1);
  });

  it("closes that session's live connections and refuses its token on every endpoint; the person's other session goes on", async () => {
    const v = await server.addStaff();
    const signInAs = async () => {
      const res = await signIn(server, { email: v.email, password: v.password });
      return { refresh: res.refreshCookie!, access: (res.body as SignedIn).accessToken };
    };
    const laptop = await signInAs();
    const phone = await signInAs();
    const laptopSocket = await connect(server.url, laptop.access);
    const phoneSocket = await connect(server.url, phone.access);
    const closing = next(laptopSocket, 'session:closing');
    const dropped = new Promise<string>((resolve) => laptopSocket.once('disconnect', (reason) => resolve(reason)));
    expect((await http(server, 'GET', '/api/flags/mine', { token: laptop.access })).status).toBe(200);

    expect((await http(server, 'POST', '/api/auth/logout', { refresh: laptop.refresh, csrf: true })).status).toBe(204);
    expect(await closing).toEqual({ reason: 'revoked' });
    expect(await dropped).toBe('io server disconnect');
    // Endpoints open to visitors and staff alike check the session too, not only the token's signature.
    expect((await http(server, 'GET', '/api/flags/mine', { token: laptop.access })).status).toBe(401);
    await sleep(200);
    expect(phoneSocket.connected).toBe(true);
    expect((await http(server, 'GET', '/api/flags/mine', { token: phone.access })).status).toBe(200);
    phoneSocket.close();
  });

  it("refuses a suspended person's unexpired access token on endpoints open to visitors and staff alike", async () => {
    const { v, access } = await volunteerSession();
    expect((await http(server, 'GET', '/api/flags/mine', { token: access })).status).toBe(200);
    const admin = await server.addStaff({ role: 'admin' });
    await http(server, 'POST', `/api/staff/${v.id}/status`, { token: server.tokenFor(admin), body: { status: 'suspended' } });
    expect((await http(server, 'GET', '/api/flags/mine', { token: access })).status).toBe(401);
  });

  it('also works with just the access token (a client that lost its cookie)', async () => {
    const { refresh: cookie, access } = await volunteerSession();
    expect((await http(server, 'POST', '/api/auth/logout', { token: access, csrf: true })).status).toBe(204);
    expect((await refresh(cookie)).status).toBe(401);
  });
});
