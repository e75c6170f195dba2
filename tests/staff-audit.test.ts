// The audit trail of staff accounts: every sign-in, failed sign-in, invite, role change, suspension and 2FA change
// leaves a row saying who, what, when and from which hashed IP; and no row can be changed or removed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteCreated, SignedIn, TotpSetup } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { marker } from './helpers/marker.js';
import { keyedIpHash } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, nextTotpStep, signIn, signedInWithTotp, totpCode } from './helpers/staffAuth.js';

let server: TestServer;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await server?.stop();
});

describe('the audit trail of staff accounts', () => {
  it('records each security-relevant act with actor, time and a hashed IP', async () => {
    const ip = '203.0.113.77';
    const password = `copper-kettle-${marker('sings')}`;
    const { row: admin, session } = await signedInWithTotp(server, clock, 'admin');
    const token = session.accessToken;
    clock.advance(1000);
    const started = clock.now();

    // failed sign-in, invite, acceptance, sign-in, 2FA change, role change, suspension
    await signIn(server, { email: admin.email, password: 'wrong-password-1' }, ip);
    const invite = await http<InviteCreated>(server, 'POST', '/api/staff/invites', {
      token,
      ip,
      body: { email: 'audited@test.local', role: 'volunteer' },
    });
    const accepted = await http(server, 'POST', '/api/invites/accept', {
      ip,
      body: { token: invite.body.token, password, displayName: 'Kai', languages: ['en'] },
    });
    const volunteerId = accepted.body.id as string;
    const login = (await signIn(server, { email: 'audited@test.local', password }, ip)).body as SignedIn;
    const setup = await http<TotpSetup>(server, 'POST', '/api/auth/2fa/setup', { token: login.accessToken, ip });
    nextTotpStep(clock);
    await http(server, 'POST', '/api/auth/2fa/confirm', { token: login.accessToken, ip, body: { code: totpCode(setup.body.secret, clock) } });
    await http(server, 'PATCH', `/api/staff/${volunteerId}`, { token, ip, body: { role: 'moderator' } });
    await http(server, 'POST', `/api/staff/${volunteerId}/status`, { token, ip, body: { status: 'suspended' } });

    const rows = (await listAudit(server.ctx.db, { since: started, limit: 100 })).reverse();
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    const expectations: [string, string | null, string][] = [
      ['auth.login_failed', null, 'anonymous'],
      ['staff.invited', admin.id, 'admin'],
      ['staff.invite_accepted', volunteerId, 'volunteer'],
      ['auth.login', volunteerId, 'volunteer'],
      ['auth.2fa_enabled', volunteerId, 'volunteer'],
      ['staff.role_changed', admin.id, 'admin'],
      ['staff.suspended', admin.id, 'admin'],
    ];
    for (const [action, actorId, actorRole] of expectations) {
      const [row] = byAction(action);
      expect(row, action).toBeDefined();
      expect(row!.actorId, action).toBe(actorId);
      expect(row!.actorRole, action).toBe(actorRole);
      expect(row!.at.getTime(), action).toBeGreaterThanOrEqual(started.getTime());
      expect(row!.ipHash, action).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      // The keyed hash of the address the request came from, computed here with the server's secret.
      expect(row!.ipHash, action).toBe(keyedIpHash(server, ip));
      expect(JSON.stringify(row), action).not.toContain(ip);
      expect(JSON.stringify(row), action).not.toContain(password);
      expect(JSON.stringify(row), action).not.toContain('copper-kettle');
    }
    // The same IP always hashes to the same value, so an admin can follow one source across rows.
    expect(new Set(expectations.map(([a]) => byAction(a)[0]!.ipHash)).size).toBe(1);
    expect(byAction('staff.role_changed')[0]!.targetId).toBe(volunteerId);
  });

  it('cannot be changed or removed, even by direct SQL', async () => {
    const v = await server.addStaff();
    await signIn(server, { email: v.email, password: 'wrong-password-1' });
    const [row] = await listAudit(server.ctx.db, { action: 'auth.login_failed', targetId: v.id, limit: 1 });
    expect(row).toBeDefined();
    await expect(server.ctx.db.execute(sql`UPDATE audit_log SET action = 'nothing' WHERE id = ${row!.id}`)).rejects.toThrow();
    await expect(server.ctx.db.execute(sql`DELETE FROM audit_log WHERE id = ${row!.id}`)).rejects.toThrow();
    await expect(server.ctx.db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
    const [still] = await listAudit(server.ctx.db, { action: 'auth.login_failed', targetId: v.id, limit: 1 });
    expect(still).toEqual(row);
  });
});
