// Staff access: training recorded with its course, date and recorder; password resets by an admin-issued one-time
// link (hashed, single use, expiring, replaced by a newer one, audited, signs the person out everywhere); the names
// the audit log's filters and rows use instead of ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AuditResponse, PasswordResetIssued, PasswordResetPreview, SignedIn, StaffAccount, StaffDirectory } from '@beside/shared';
import { rowsOf } from '../server/src/db/connect.js';
import { listAudit } from '../server/src/domain/core/audit.js';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { createLogger } from '../server/src/logger.js';
import { connect, next } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, signIn } from './helpers/staffAuth.js';

const clock = new ManualClock(new Date('2026-03-04T10:00:00Z'));
const logLines: string[] = [];
let server: TestServer;
let admin: Awaited<ReturnType<TestServer['addStaff']>>;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({
    clock,
    env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true', LOG_LEVEL: 'debug' },
    logger: createLogger('debug', (l) => logLines.push(l)),
  });
  admin = await server.addStaff({ role: 'admin', displayName: 'Avery' });
  adminToken = server.tokenFor(admin);
});
afterAll(async () => {
  await server?.stop();
});

describe('training is recorded with its course, its date and who recorded it', () => {
  it('records them, shows them in the staff list, and audits the course and date', async () => {
    const volunteer = await server.addStaff({ trained: false, displayName: 'Quinn' });
    const res = await http<StaffAccount>(server, 'PUT', `/api/staff/${volunteer.id}/training`, {
      token: adminToken,
      body: { trained: true, course: 'Trauma-informed listening, cohort 4', completedOn: '2026-03-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      trained: true,
      trainingCompletedAt: '2026-03-01T12:00:00.000Z',
      training: {
        course: 'Trauma-informed listening, cohort 4',
        completedOn: '2026-03-01',
        recordedById: admin.id,
        recordedByName: 'Avery',
        recordedAt: '2026-03-04T10:00:00.000Z',
      },
    });
    const list = await http<{ staff: StaffAccount[] }>(server, 'GET', '/api/staff', { token: adminToken });
    expect(list.body.staff.find((s) => s.id === volunteer.id)?.training?.recordedByName).toBe('Avery');
    const [entry] = await listAudit(server.ctx.db, { targetId: volunteer.id, action: 'staff.training_recorded', limit: 1 });
    expect(entry?.details).toEqual({ course: 'Trauma-informed listening, cohort 4', completedOn: '2026-03-01' });
    expect(entry?.actorId).toBe(admin.id);
  });

  it('refuses a record without a course or a real past date, and a bare "trained: true"', async () => {
    const volunteer = await server.addStaff({ trained: false });
    const put = (body: unknown) => http(server, 'PUT', `/api/staff/${volunteer.id}/training`, { token: adminToken, body });
    expect((await put({ trained: true })).body.error).toMatchObject({ code: 'invalid', field: 'course' });
    expect((await put({ trained: true, course: '  ', completedOn: '2026-03-01' })).body.error.field).toBe('course');
    expect((await put({ trained: true, course: 'Core', completedOn: '2026-02-30' })).body.error.field).toBe('completedOn');
    expect((await put({ trained: true, course: 'Core', completedOn: '03/01/2026' })).body.error.field).toBe('completedOn');
    expect((await put({ trained: true, course: 'Core', completedOn: '2026-03-05' })).body.error).toMatchObject({ code: 'invalid', field: 'completedOn' });
    expect((await put({ trained: true, course: 'Core', completedOn: '2026-03-01', by: 'someone' })).body.error.field).toBe('by');
    const still = await http<StaffAccount>(server, 'GET', `/api/staff/${volunteer.id}`, { token: adminToken });
    expect(still.body.trained).toBe(false);
  });

  it('clearing it removes the record', async () => {
    const volunteer = await server.addStaff({ trained: false });
    await http(server, 'PUT', `/api/staff/${volunteer.id}/training`, { token: adminToken, body: { trained: true, course: 'Core', completedOn: '2026-03-02' } });
    const cleared = await http<StaffAccount>(server, 'PUT', `/api/staff/${volunteer.id}/training`, { token: adminToken, body: { trained: false } });
    expect(cleared.body.trained).toBe(false);
    expect(cleared.body.training).toBeUndefined();
    expect(await listAudit(server.ctx.db, { targetId: volunteer.id, action: 'staff.training_cleared', limit: 1 })).toHaveLength(1);
  });
});

describe('a password reset by an admin-issued one-time link', () => {
  const NEW_PASSWORD = 'a-fresh-long-passphrase-9';

  async function issue(staffId: string) {
    const res = await http<PasswordResetIssued>(server, 'POST', `/api/staff/${staffId}/password-reset`, { token: adminToken });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('is for admins only', async () => {
    const volunteer = await server.addStaff();
    const moderator = await server.addStaff({ role: 'moderator' });
    expect((await http(server, 'POST', `/api/staff/${volunteer.id}/password-reset`, { token: server.tokenFor(moderator) })).status).toBe(403);
    expect((await http(server, 'POST', `/api/staff/${volunteer.id}/password-reset`)).status).toBe(401);
    expect((await http(server, 'POST', `/api/staff/00000000-0000-4000-8000-000000000000/password-reset`, { token: adminToken })).status).toBe(404);
  });

  it('sets a new password once, keeps only a hash, signs the person out everywhere, and is audited', async () => {
    const volunteer = await server.addStaff({ displayName: 'Rowan' });
    const before = (await signIn(server, { email: volunteer.email, password: volunteer.password })).body as SignedIn;
    const socket = await connect(server.url, before.accessToken);

    const issued = await issue(volunteer.id);
    // Built on the configured base (here the default), never on the Host header the request carried.
    expect(issued.resetUrl).toBe(`http://localhost:${server.port}/reset#${issued.token}`);
    expect(issued.expiresAt).toBe('2026-03-05T10:00:00.000Z');
    const stored = rowsOf<{ token_hash: string }>(await server.ctx.db.execute(sql`SELECT token_hash FROM password_resets WHERE staff_id = ${volunteer.id}`));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(issued.token);

    const preview = await http<PasswordResetPreview>(server, 'POST', '/api/password-reset/preview', { body: { token: issued.token } });
    expect(preview.body).toEqual({ email: volunteer.email, displayName: 'Rowan', expiresAt: issued.expiresAt });

    // A common or short password is refused, and the link still works.
    const weak = await http(server, 'POST', '/api/password-reset', { body: { token: issued.token, password: 'password1234' } });
    expect(weak.body.error).toMatchObject({ code: 'invalid', field: 'password' });

    const closing = next(socket, 'session:closing');
    const done = await http(server, 'POST', '/api/password-reset', { body: { token: issued.token, password: NEW_PASSWORD } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ email: volunteer.email });
    expect((await closing).reason).toBe('revoked');
    socket.close();

    expect((await http(server, 'GET', '/api/auth/me', { token: before.accessToken })).status).toBe(401);
    expect((await signIn(server, { email: volunteer.email, password: volunteer.password })).status).toBe(401);
    expect((await signIn(server, { email: volunteer.email, password: NEW_PASSWORD })).body.status).toBe('signed_in');

    // Used up.
    const again = await http(server, 'POST', '/api/password-reset', { body: { token: issued.token, password: `${NEW_PASSWORD}-2` } });
    expect(again.status).toBe(404);
    expect((await http(server, 'POST', '/api/password-reset/preview', { body: { token: issued.token } })).status).toBe(404);

    expect(await listAudit(server.ctx.db, { targetId: volunteer.id, action: 'staff.password_reset_issued', limit: 5 })).toHaveLength(1);
    const [used] = await listAudit(server.ctx.db, { targetId: volunteer.id, action: 'auth.password_reset', limit: 5 });
    expect(used?.actorId).toBe(volunteer.id);
    // Neither the token nor the password is ever logged.
    const log = logLines.join('\n');
    expect(log).not.toContain(issued.token);
    expect(log).not.toContain(NEW_PASSWORD);
  });

  it('expires after 24 hours, and a newer link replaces an older one', async () => {
    const volunteer = await server.addStaff();
    const first = await issue(volunteer.id);
    const second = await issue(volunteer.id);
    expect((await http(server, 'POST', '/api/password-reset/preview', { body: { token: first.token } })).status).toBe(404);
    expect((await http(server, 'POST', '/api/password-reset/preview', { body: { token: second.token } })).status).toBe(200);
    clock.advance(24 * 3600_000 + 1000);
    const late = await http(server, 'POST', '/api/password-reset', { body: { token: second.token, password: NEW_PASSWORD } });
    expect(late.status).toBe(404);
    expect(late.body.error.message).toMatch(/Ask an admin for a new one/);
    expect((await signIn(server, { email: volunteer.email, password: volunteer.password })).body.status).toBe('signed_in');
  });

  it('answers an unknown or malformed token the same way', async () => {
    expect((await http(server, 'POST', '/api/password-reset/preview', { body: { token: 'x'.repeat(43) } })).status).toBe(404);
    const short = await http(server, 'POST', '/api/password-reset', { body: { token: 'abc', password: NEW_PASSWORD } });
    expect(short.body.error).toMatchObject({ code: 'invalid', field: 'token' });
  });
});

describe('the audit log names people', () => {
  it('lists staff by name for the filters (moderators and admins only), and names staff targets', async () => {
    const moderator = await server.addStaff({ role: 'moderator', displayName: 'Morgan' });
    const volunteer = await server.addStaff({ displayName: 'Sky' });
    const directory = await http<StaffDirectory>(server, 'GET', '/api/moderation/staff', { token: server.tokenFor(moderator) });
    expect(directory.status).toBe(200);
    expect(directory.body.staff).toContainEqual({ id: volunteer.id, displayName: 'Sky', role: 'volunteer', status: 'active' });
    expect(JSON.stringify(directory.body)).not.toContain('@');
    expect((await http(server, 'GET', '/api/moderation/staff', { token: server.tokenFor(volunteer) })).status).toBe(403);

    await http(server, 'PUT', `/api/staff/${volunteer.id}/training`, { token: adminToken, body: { trained: true, course: 'Core', completedOn: '2026-03-01' } });
    const page = await http<AuditResponse>(server, 'GET', `/api/moderation/audit?targetId=${volunteer.id}&actorId=${admin.id}`, {
      token: server.tokenFor(moderator),
    });
    expect(page.body.entries[0]).toMatchObject({ action: 'staff.training_recorded', actorName: 'Avery', targetName: 'Sky' });
  });
});
