// Signing in: the refresh cookie's protections, two-factor for moderators and admins, brute-force limits, and
// answers that never reveal whether an account exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInResponse, SignedIn, TotpConfirmed, TotpSetup } from '@beside/shared';
import { listAudit } from '../server/src/domain/core/audit.js';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { connect } from './helpers/clients.js';
import { keyedIpHash } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, freshIp, http, nextTotpStep, signIn, signedInWithTotp, totpCode } from './helpers/staffAuth.js';

let server: TestServer;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await server?.stop();
});

describe('a volunteer signing in with a password', () => {
  it('gets a 15-minute access token and a refresh token only in an httpOnly, Secure, SameSite=Strict cookie', async () => {
    const v = await server.addStaff();
    const res = await signIn(server, { email: v.email, password: v.password });
    expect(res.status).toBe(200);
    const body = res.body as SignedIn;
    expect(body.status).toBe('signed_in');
    expect(body.expiresIn).toBe(15 * 60);
    expect(body.user).toMatchObject({ id: v.id, role: 'volunteer', twoFactorEnabled: false });
    expect(JSON.stringify(body)).not.toContain(res.refreshCookie!);
    const cookie = res.setCookie!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/api\/auth(;|$)/i);
    expect((await http(server, 'GET', '/api/auth/me', { token: body.accessToken })).body.id).toBe(v.id);
  });

  it('writes a sign-in audit row with a hashed IP, never the IP itself', async () => {
    const v = await server.addStaff();
    const ip = freshIp();
    await signIn(server, { email: v.email, password: v.password }, ip);
    const [row] = await listAudit(server.ctx.db, { actorId: v.id, action: 'auth.login', limit: 5 });
    expect(row).toBeDefined();
    // The keyed hash of this address, computed here with the server's secret; the address itself nowhere in the row.
    expect(row!.ipHash).toBe(keyedIpHash(server, ip));
    expect(JSON.stringify(row)).not.toContain(ip);
    expect(row!.details).toMatchObject({ method: 'password' });
  });
});

describe('answers that do not reveal whether an account exists', () => {
  it('gives the same status and body for an unknown e-mail, a wrong password and a suspended account', async () => {
    const known = await server.addStaff();
    const suspended = await server.addStaff();
    await http(server, 'POST', `/api/staff/${suspended.id}/status`, {
      token: server.tokenFor(await server.addStaff({ role: 'admin' })),
      body: { status: 'suspended' },
    });
    const unknown = await signIn(server, { email: 'nobody-here@test.local', password: 'whatever-password-1' });
    const wrong = await signIn(server, { email: known.email, password: 'not-the-password-1' });
    const inactive = await signIn(server, { email: suspended.email, password: suspended.password });
    for (const res of [unknown, wrong, inactive]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(unknown.body);
      expect(res.refreshCookie).toBeUndefined();
    }
    const failures = await listAudit(server.ctx.db, { action: 'auth.login_failed', limit: 50 });
    expect(failures.map((f) => f.details.reason)).toEqual(expect.arrayContaining(['unknown_account', 'bad_password', 'account_suspended']));
  });

  it('takes about as long for an unknown e-mail as for a known one with a wrong password', async () => {
    const known = await server.addStaff();
    const time = async (email: string) => {
      const started = performance.now();
      await signIn(server, { email, password: 'definitely-wrong-1' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      unknownTimes.push(await time(`ghost-${i}@test.local`));
      knownTimes.push(await time(known.email));
    }
    // Both pay for one scrypt; without the dummy hash the unknown e-mail would answer many times faster.
    const ratio = median(unknownTimes) / median(knownTimes);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('brute force', () => {
  it('blocks the eleventh attempt after ten wrong passwords for an account from one IP, for an hour, even with the right password', async () => {
    const v = await server.addStaff();
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await signIn(server, { email: v.email, password: `wrong-password-${i}` }, ip)).status).toBe(401);
    }
    const eleventh = await signIn(server, { email: v.email, password: v.password }, ip);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error?.code).toBe('rate_limited');
    const retryAfter = Number(eleventh.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The same account from another IP is not blocked.
    expect((await signIn(server, { email: v.email, password: v.password }, freshIp())).status).toBe(200);
    // An unknown account blocked the same way answers the same 429: the block reveals nothing either.
    const ghostIp = freshIp();
    for (let i = 0; i < 10; i++) await signIn(server, { email: 'ghost-brute@test.local', password: `wrong-password-${i}` }, ghostIp);
    const ghost = await signIn(server, { email: 'ghost-brute@test.local', password: 'wrong-password-x' }, ghostIp);
    expect(ghost.status).toBe(429);
    expect(ghost.body).toEqual(eleventh.body);
  });

  it('counts consecutive failures: a success resets the count for that account and IP', async () => {
    const v = await server.addStaff();
    const ip = freshIp();
    for (let i = 0; i < 9; i++) await signIn(server, { email: v.email, password: `wrong-password-${i}` }, ip);
    expect((await signIn(server, { email: v.email, password: v.password }, ip)).status).toBe(200);
    for (let i = 0; i < 9; i++) await signIn(server, { email: v.email, password: `wrong-password-${i}` }, ip);
    expect((await signIn(server, { email: v.email, password: v.password }, ip)).status).toBe(200);
  });

  it('blocks an IP after 100 failures in a day, whatever accounts it tries', async () => {
    const v = await server.addStaff();
    const ip = freshIp();
    for (let i = 0; i < 100; i++) {
      const res = await signIn(server, { email: `spray-${i}@test.local`, password: 'spray-password-1' }, ip);
      expect(res.status).toBe(401);
    }
    const res = await signIn(server, { email: v.email, password: v.password }, ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3600);
  }, 240_000); // 100 scrypt checks
});

describe('two-factor for moderators and admins', () => {
  it('a moderator with only a password gets no token, only an enrollment token that opens nothing else', async () => {
    const m = await server.addStaff({ role: 'moderator' });
    const res = await signIn(server, { email: m.email, password: m.password });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('two_factor_setup_required');
    expect(res.body).not.toHaveProperty('accessToken');
    expect(res.refreshCookie).toBeUndefined();
    const enrollment = (res.body as { enrollmentToken: string }).enrollmentToken;
    expect((await http(server, 'GET', '/api/auth/me', { token: enrollment })).status).toBe(401);
    await expect(connect(server.url, enrollment)).rejects.toThrow(/unauthorized/);
  });

  it('sets up TOTP with the enrollment token, gets recovery codes and a session, and from then on needs a code', async () => {
    const m = await server.addStaff({ role: 'moderator' });
    const first = await signIn(server, { email: m.email, password: m.password });
    const enrollment = (first.body as { enrollmentToken: string }).enrollmentToken;

    const setup = await http<TotpSetup>(server, 'POST', '/api/auth/2fa/setup', { token: enrollment });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrongCode = await http(server, 'POST', '/api/auth/2fa/confirm', { token: enrollment, body: { code: '000000' } });
    expect(wrongCode.status).toBe(400);
    const confirmed = await http<TotpConfirmed>(server, 'POST', '/api/auth/2fa/confirm', {
      token: enrollment,
      body: { code: totpCode(setup.body.secret, clock) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.session?.status).toBe('signed_in');
    expect(confirmed.refreshCookie).toBeTruthy();
    expect((await http(server, 'GET', '/api/auth/me', { token: confirmed.body.session!.accessToken })).body).toMatchObject({
      twoFactorEnabled: true,
    });
    // The enrollment token cannot be used a second time to set up another secret.
    expect((await http(server, 'POST', '/api/auth/2fa/setup', { token: enrollment })).status).toBe(409);

    // Password alone: told a code is needed, no token.
    nextTotpStep(clock);
    const passwordOnly = await signIn(server, { email: m.email, password: m.password });
    expect(passwordOnly.body).toEqual({ status: 'two_factor_required', methods: ['totp', 'recovery_code'] } satisfies SignInResponse);
    expect(passwordOnly.refreshCookie).toBeUndefined();
    // Wrong code: the same refusal as a wrong password.
    const wrong = await signIn(server, { email: m.email, password: m.password, totp: '123456' });
    expect(wrong.status).toBe(401);
    // The right code signs in, once: the same code replayed is refused.
    const code = totpCode(setup.body.secret, clock);
    const ok = await signIn(server, { email: m.email, password: m.password, totp: code });
    expect(ok.body.status).toBe('signed_in');
    expect((await signIn(server, { email: m.email, password: m.password, totp: code })).status).toBe(401);
    // The right code with a wrong password is still refused.
    nextTotpStep(clock);
    expect((await signIn(server, { email: m.email, password: 'wrong-password-1', totp: totpCode(setup.body.secret, clock) })).status).toBe(401);

    // A recovery code works once, and is audited.
    const recovery = confirmed.body.recoveryCodes[0]!;
    expect((await signIn(server, { email: m.email, password: m.password, recoveryCode: recovery.toUpperCase() })).body.status).toBe('signed_in');
    expect((await signIn(server, { email: m.email, password: m.password, recoveryCode: recovery })).status).toBe(401);
    const used = await listAudit(server.ctx.db, { actorId: m.id, action: 'auth.recovery_code_used', limit: 5 });
    expect(used[0]?.details).toMatchObject({ remaining: 9 });
    expect(await listAudit(server.ctx.db, { actorId: m.id, action: 'auth.2fa_enabled', limit: 5 })).toHaveLength(1);
  });

  it('an admin whose 2FA is reset by another admin is signed out and must set it up again', async () => {
    const { row: target, session } = await signedInWithTotp(server, clock, 'admin');
    const { session: other } = await signedInWithTotp(server, clock, 'admin');
    const reset = await http(server, 'POST', `/api/staff/${target.id}/2fa/reset`, { token: other.accessToken });
    expect(reset.status).toBe(200);
    expect(reset.body.twoFactorEnabled).toBe(false);
    expect((await http(server, 'GET', '/api/auth/me', { token: session.accessToken })).status).toBe(401);
    expect((await signIn(server, { email: target.email, password: target.password })).body.status).toBe('two_factor_setup_required');
    expect(await listAudit(server.ctx.db, { targetId: target.id, action: 'auth.2fa_reset', limit: 5 })).toHaveLength(1);
  });
});

describe('two-factor for volunteers is optional', () => {
  it('a volunteer can turn it on (then needs a code) and off again (with password and code)', async () => {
    const v = await server.addStaff();
    const first = (await signIn(server, { email: v.email, password: v.password })).body as SignedIn;
    const token = first.accessToken;
    const setup = await http<TotpSetup>(server, 'POST', '/api/auth/2fa/setup', { token });
    const confirmed = await http<TotpConfirmed>(server, 'POST', '/api/auth/2fa/confirm', {
      token,
      body: { code: totpCode(setup.body.secret, clock) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.session).toBeUndefined();
    nextTotpStep(clock);
    expect((await signIn(server, { email: v.email, password: v.password })).body.status).toBe('two_factor_required');

    const badDisable = await http(server, 'POST', '/api/auth/2fa/disable', {
      token,
      body: { password: 'wrong-password-1', code: totpCode(setup.body.secret, clock) },
    });
    expect(badDisable.status).toBe(401);
    nextTotpStep(clock);
    const disabled = await http(server, 'POST', '/api/auth/2fa/disable', {
      token,
      body: { password: v.password, code: totpCode(setup.body.secret, clock) },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.twoFactorEnabled).toBe(false);
    expect((await signIn(server, { email: v.email, password: v.password })).body.status).toBe('signed_in');
    const actions = (await listAudit(server.ctx.db, { actorId: v.id, limit: 20 })).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.2fa_enabled', 'auth.2fa_disabled']));
  });

  it('a moderator may not turn two-factor off', async () => {
    const { session, secret } = await signedInWithTotp(server, clock, 'moderator');
    nextTotpStep(clock);
    const res = await http(server, 'POST', '/api/auth/2fa/disable', {
      token: session.accessToken,
      body: { password: 'irrelevant-password', code: totpCode(secret, clock) },
    });
    expect(res.status).toBe(403);
  });
});
