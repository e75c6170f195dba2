// Suspending or disabling takes effect at once: live sockets closed, sessions revoked, open chats back to the
// front of the queue; role changes and the guard rails around admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, StaffStatusChanged } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { staff } from '../server/src/db/schema.js';
import { collect, connect, intake, newVisitor, next, ok, sleep } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, signIn } from './helpers/staffAuth.js';

let server: TestServer;
let adminToken: string;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
  const admin = await server.addStaff({ role: 'admin' });
  adminId = admin.id;
  adminToken = server.tokenFor(admin);
});
afterAll(async () => {
  await server?.stop();
});

/** A volunteer signed in through the real login (so with a session and refresh cookie) and connected. */
async function volunteerSignedIn(language: 'en' | 'es' = 'en') {
  const v = await server.addStaff({ languages: [language], displayName: `V${Math.random().toString(36).slice(2, 6)}` });
  const res = await signIn(server, { email: v.email, password: v.password });
  const session = res.body as SignedIn;
  const socket = await connect(server.url, session.accessToken);
  return { v, socket, access: session.accessToken, refresh: res.refreshCookie! };
}

async function volunteerOnShift(language: 'en' | 'es' = 'en') {
  const signedIn = await volunteerSignedIn(language);
  await ok(signedIn.socket, 'shift:set', { onShift: true });
  return signedIn;
}

const setStatus = (id: string, status: string, token = adminToken) =>
  http<StaffStatusChanged>(server, 'POST', `/api/staff/${id}/status`, { token, body: { status, reason: 'conduct_review' } });

describe("a suspended volunteer's live socket", () => {
  it('is told the session was revoked and disconnected at once; reconnecting, refreshing and REST are refused', async () => {
    const a = await volunteerOnShift('es');
    const closing = next(a.socket, 'session:closing');
    const disconnected = new Promise<string>((resolve) => a.socket.once('disconnect', (reason) => resolve(reason)));

    const res = await setStatus(a.v.id, 'suspended');
    expect(res.status).toBe(200);
    expect(res.body.account.status).toBe('suspended');
    expect(await closing).toEqual({ reason: 'revoked' });
    expect(await disconnected).toBe('io server disconnect');

    await expect(connect(server.url, a.access)).rejects.toThrow(/unauthorized/);
    expect((await http(server, 'POST', '/api/auth/refresh', { refresh: a.refresh, csrf: true })).status).toBe(401);
    expect((await http(server, 'GET', '/api/auth/me', { token: a.access })).status).toBe(401);
    expect((await signIn(server, { email: a.v.email, password: a.v.password })).status).toBe(401);

    const [audit] = await listAudit(server.ctx.db, { targetId: a.v.id, action: 'staff.suspended', limit: 1 });
    expect(audit).toMatchObject({ actorId: adminId, actorRole: 'admin' });
    expect(audit!.details).toMatchObject({ from: 'active', to: 'suspended', reason: 'conduct_review' });
    expect(audit!.ipHash).toBeTruthy();
  });

  it("sends the survivor in their open chat back to the front of the queue, ahead of those already waiting", async () => {
    // Spanish only, so that no volunteer from another test can take these survivors.
    const a = await volunteerOnShift('es');
    const first = await newVisitor(server.url);
    const started = next(first.socket, 'conversation:started');
    await ok(first.socket, 'queue:join', intake({ language: 'es' }));
    const conversation = await started;

    // A second survivor waits: A has capacity 1 and nobody else speaks Spanish.
    const second = await newVisitor(server.url);
    const secondStatus = await ok(second.socket, 'queue:join', intake({ language: 'es' }));
    expect(secondStatus.state).toBe('waiting');

    const awayNotices = collect(first.socket, 'conversation:volunteer_away');
    const ended = next(first.socket, 'conversation:ended');
    const backInLine = next(first.socket, 'queue:status', (s) => s.state === 'waiting');
    const res = await setStatus(a.v.id, 'suspended');
    expect(res.body.requeuedConversations).toBe(1);
    expect(await ended).toMatchObject({ conversationId: conversation.id, endedBy: 'system' });
    expect((await backInLine).position).toBe(1);
    // Told plainly that they are back in line, not first that their volunteer went quiet.
    expect(awayNotices).toEqual([]);

    // The next Spanish-speaking volunteer on shift gets the survivor who was cut off, not the one who came later.
    const b = await volunteerSignedIn('es');
    const toFirst = next(first.socket, 'conversation:started');
    const toB = next(b.socket, 'conversation:started');
    await ok(b.socket, 'shift:set', { onShift: true });
    expect((await toFirst).id).toBe((await toB).id);
    const state = await ok(second.socket, 'queue:leave', {});
    expect(state.state).toBe('not_queued');
    for (const s of [first.socket, second.socket, b.socket]) s.close();
  });

  it('disabling works the same way, and reactivating lets the person sign in again (all audited)', async () => {
    const a = await volunteerOnShift();
    const closing = next(a.socket, 'session:closing');
    expect((await setStatus(a.v.id, 'disabled')).body.account.status).toBe('disabled');
    expect(await closing).toEqual({ reason: 'revoked' });
    expect((await signIn(server, { email: a.v.email, password: a.v.password })).status).toBe(401);
    expect((await setStatus(a.v.id, 'active')).body.account.status).toBe('active');
    const back = await signIn(server, { email: a.v.email, password: a.v.password });
    expect(back.status).toBe(200);
    // Back, but not on shift until they choose to be: no chat is routed to them on reconnecting.
    const socket = await connect(server.url, (back.body as SignedIn).accessToken);
    expect((await ok(socket, 'session:state', {})).volunteer?.onShift).toBe(false);
    socket.close();
    const actions = (await listAudit(server.ctx.db, { targetId: a.v.id, limit: 10 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.disabled', 'staff.reactivated']));
  });

  it('only admins can suspend', async () => {
    const target = await server.addStaff();
    const moderator = await server.addStaff({ role: 'moderator' });
    expect((await setStatus(target.id, 'suspended', server.tokenFor(moderator))).status).toBe(403);
    expect((await setStatus(target.id, 'suspended', server.tokenFor(target))).status).toBe(403);
  });
});

describe('roles', () => {
  it('a role change is audited and ends the person’s sessions so the new role applies everywhere', async () => {
    const a = await volunteerOnShift();
    const closing = next(a.socket, 'session:closing');
    const res = await http(server, 'PATCH', `/api/staff/${a.v.id}`, { token: adminToken, body: { role: 'moderator', capacity: 3 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'moderator', capacity: 3, twoFactorRequired: true, twoFactorEnabled: false });
    expect(await closing).toEqual({ reason: 'revoked' });
    // Now a moderator: the password alone no longer signs in.
    expect((await signIn(server, { email: a.v.email, password: a.v.password })).body.status).toBe('two_factor_setup_required');
    const [changed] = await listAudit(server.ctx.db, { targetId: a.v.id, action: 'staff.role_changed', limit: 1 });
    expect(changed!.details).toEqual({ from: 'volunteer', to: 'moderator' });
    const [profile] = await listAudit(server.ctx.db, { targetId: a.v.id, action: 'staff.profile_updated', limit: 1 });
    expect(profile!.details).toEqual({ fields: 'capacity' });
  });

  it('a profile change alone does not sign the person out', async () => {
    const a = await volunteerOnShift();
    let closed = false;
    a.socket.on('session:closing', () => (closed = true));
    const res = await http(server, 'PATCH', `/api/staff/${a.v.id}`, { token: adminToken, body: { capacity: 2, topics: ['childhood'] } });
    expect(res.body).toMatchObject({ capacity: 2, topics: ['childhood'] });
    await sleep(300);
    expect(closed).toBe(false);
    expect(a.socket.connected).toBe(true);
    a.socket.close();
  });

  it('an admin cannot suspend themself, and the last active admin cannot be demoted', async () => {
    expect((await setStatus(adminId, 'suspended')).status).toBe(403);
    const admins = (await http(server, 'GET', '/api/staff', { token: adminToken })).body.staff.filter(
      (s: { role: string; status: string }) => s.role === 'admin' && s.status === 'active',
    );
    expect(admins).toHaveLength(1);
    const demote = await http(server, 'PATCH', `/api/staff/${adminId}`, { token: adminToken, body: { role: 'volunteer' } });
    expect(demote.status).toBe(409);
  });

  it('lists staff for admins, without password hashes or two-factor secrets', async () => {
    const res = await http(server, 'GET', '/api/staff', { token: adminToken });
    expect(res.status).toBe(200);
    expect(res.body.staff.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/passwordHash|scrypt\$|totpSecret|totp_secret/);
    // Nor any stored hash or two-factor secret itself, whatever it would be called.
    const secrets = (await server.ctx.db.select().from(staff)).flatMap((r) => [r.passwordHash, r.totpSecretEnc]).filter((v): v is string => !!v);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
