// Invitations are the only way in: one-time, expiring links; a profile chosen on acceptance; no chats before training.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteCreated, SignedIn, StaffAccount } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { staffInvites } from '../server/src/db/schema.js';
import { connect, intake, newVisitor, next, ok, request } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, signIn } from './helpers/staffAuth.js';

let server: TestServer;
const clock = new ManualClock(new Date());
let adminToken: string;
let adminId: string;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
  const admin = await server.addStaff({ role: 'admin' });
  adminId = admin.id;
  adminToken = server.tokenFor(admin);
});
afterAll(async () => {
  await server?.stop();
});

let n = 0;
const newEmail = () => `invitee-${++n}-${Date.now()}@test.local`;

async function invite(role = 'volunteer', email = newEmail()) {
  const res = await http<InviteCreated>(server, 'POST', '/api/staff/invites', { token: adminToken, body: { email, role } });
  expect(res.status).toBe(201);
  return { ...res.body, email };
}

const profile = {
  displayName: 'Robin',
  languages: ['en', 'es'],
  topics: ['workplace'],
  capacity: 2,
  gender: 'nonbinary',
};
const GOOD_PASSWORD = 'lantern-orchard-71-quietly';

describe('inviting', () => {
  it('returns a one-time link; only a hash of its token is stored; it is audited', async () => {
    const created = await invite();
    expect(created.inviteUrl).toMatch(/\/invite#[A-Za-z0-9_-]{40,}$/);
    expect(created.inviteUrl.endsWith(created.token)).toBe(true);
    expect(created.invite).toMatchObject({ email: created.email, role: 'volunteer', status: 'pending', invitedBy: adminId });
    const hours = (Date.parse(created.invite.expiresAt) - Date.parse(created.invite.createdAt)) / 3600_000;
    expect(hours).toBe(72);
    const rows = await server.ctx.db.select().from(staffInvites);
    expect(JSON.stringify(rows)).not.toContain(created.token);
    expect(rows.map((r) => r.tokenHash)).toContain(createHash('sha256').update(created.token).digest('base64url'));
    const [row] = await listAudit(server.ctx.db, { actorId: adminId, action: 'staff.invited', targetId: created.invite.id, limit: 1 });
    expect(row?.ipHash).toBeTruthy();
  });

  it('is for admins only: a volunteer is forbidden, a survivor and an anonymous caller are refused', async () => {
    const volunteer = await server.addStaff();
    const body = { email: newEmail(), role: 'admin' };
    expect((await http(server, 'POST', '/api/staff/invites', { token: server.tokenFor(volunteer), body })).status).toBe(403);
    const moderator = await server.addStaff({ role: 'moderator' });
    expect((await http(server, 'POST', '/api/staff/invites', { token: server.tokenFor(moderator), body })).status).toBe(403);
    const visitor = await newVisitor(server.url);
    visitor.socket.close();
    expect((await http(server, 'POST', '/api/staff/invites', { token: visitor.token, body })).status).toBe(401);
    expect((await http(server, 'POST', '/api/staff/invites', { body })).status).toBe(401);
  });

  it('refuses to invite an address that already has an account', async () => {
    const existing = await server.addStaff();
    const res = await http(server, 'POST', '/api/staff/invites', { token: adminToken, body: { email: existing.email, role: 'volunteer' } });
    expect(res.status).toBe(409);
  });

  it('there is no open sign-up: without an invitation nothing creates an account', async () => {
    const res = await http(server, 'POST', '/api/invites/accept', {
      body: { token: 'x'.repeat(43), password: GOOD_PASSWORD, ...profile },
    });
    expect(res.status).toBe(404);
    expect((await signIn(server, { email: 'walk-in@test.local', password: GOOD_PASSWORD })).status).toBe(401);
  });
});

describe('accepting an invitation', () => {
  it('sets a password and the profile shown to survivors; the link then works no more', async () => {
    const created = await invite();
    const preview = await http(server, 'POST', '/api/invites/preview', { body: { token: created.token } });
    expect(preview.body).toMatchObject({ email: created.email, role: 'volunteer' });
    const accepted = await http<StaffAccount>(server, 'POST', '/api/invites/accept', {
      body: { token: created.token, password: GOOD_PASSWORD, ...profile },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      email: created.email,
      role: 'volunteer',
      displayName: 'Robin',
      languages: ['en', 'es'],
      topics: ['workplace'],
      capacity: 2,
      gender: 'nonbinary',
      trained: false,
      status: 'active',
    });
    // Used once: a second acceptance and a preview both fail the same way an unknown link does.
    const again = await http(server, 'POST', '/api/invites/accept', { body: { token: created.token, password: GOOD_PASSWORD, ...profile } });
    expect(again.status).toBe(404);
    expect((await http(server, 'POST', '/api/invites/preview', { body: { token: created.token } })).status).toBe(404);
    expect((await signIn(server, { email: created.email, password: GOOD_PASSWORD })).body.status).toBe('signed_in');
    const list = await http(server, 'GET', '/api/staff/invites', { token: adminToken });
    expect(list.body.invites.find((i: { id: string }) => i.id === created.invite.id)?.status).toBe('accepted');
  });

  it('expires after 72 hours', async () => {
    const created = await invite();
    clock.advance(72 * 3600_000 + 1000);
    const res = await http(server, 'POST', '/api/invites/accept', { body: { token: created.token, password: GOOD_PASSWORD, ...profile } });
    expect(res.status).toBe(404);
  });

  it('a newer invitation for the same address replaces the older one; a revoked one cannot be used', async () => {
    const email = newEmail();
    const older = await invite('volunteer', email);
    const newer = await invite('volunteer', email);
    expect((await http(server, 'POST', '/api/invites/preview', { body: { token: older.token } })).status).toBe(404);
    expect((await http(server, 'DELETE', `/api/staff/invites/${newer.invite.id}`, { token: adminToken })).body.status).toBe('revoked');
    expect((await http(server, 'POST', '/api/invites/preview', { body: { token: newer.token } })).status).toBe(404);
  });

  it('refuses short and common passwords, naming the field, and keeps the invitation usable', async () => {
    const created = await invite();
    for (const password of ['short-pw', 'password1234', 'Password12345!', 'qwertyuiop123', '111111111111', 'abcdefghijklmnop', 'volunteer2024']) {
      const res = await http(server, 'POST', '/api/invites/accept', { body: { token: created.token, password, ...profile } });
      expect(res.status, password).toBe(400);
      expect(res.body.error.field, password).toBe('password');
    }
    const ok = await http(server, 'POST', '/api/invites/accept', { body: { token: created.token, password: GOOD_PASSWORD, ...profile } });
    expect(ok.status).toBe(201);
  });

  it('an invited moderator must set up two-factor at first sign-in', async () => {
    const created = await invite('moderator');
    await http(server, 'POST', '/api/invites/accept', { body: { token: created.token, password: GOOD_PASSWORD, ...profile } });
    expect((await signIn(server, { email: created.email, password: GOOD_PASSWORD })).body.status).toBe('two_factor_setup_required');
  });
});

describe('training', () => {
  it('nobody is routed chats before an admin records their training', async () => {
    const created = await invite();
    const account = (
      await http<StaffAccount>(server, 'POST', '/api/invites/accept', {
        body: { token: created.token, password: GOOD_PASSWORD, ...profile, languages: ['es'] },
      })
    ).body;
    const session = (await signIn(server, { email: created.email, password: GOOD_PASSWORD })).body as SignedIn;
    const socket = await connect(server.url, session.accessToken);
    const refused = await request(socket, 'shift:set', { onShift: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const recorded = await http<StaffAccount>(server, 'PUT', `/api/staff/${account.id}/training`, {
      token: adminToken,
      body: { trained: true, course: 'Core listening skills', completedOn: '2026-01-10' },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.trained).toBe(true);
    expect(recorded.body.trainingCompletedAt).toBeTruthy();
    expect(await listAudit(server.ctx.db, { targetId: account.id, action: 'staff.training_recorded', limit: 1 })).toHaveLength(1);

    await ok(socket, 'shift:set', { onShift: true });
    const visitor = await newVisitor(server.url);
    const started = next(socket, 'conversation:started');
    await ok(visitor.socket, 'queue:join', intake({ language: 'es' }));
    expect((await started).volunteerName).toBe('Robin');
    visitor.socket.close();
    socket.close();
  });
});
