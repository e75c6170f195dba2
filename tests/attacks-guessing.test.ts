// Attacks on the sign-in limits: guesses spread over many addresses (or one IPv6 /64) meet a limit per account, for
// passwords and for second-factor codes alike, while neither an attacker's failures nor a spray from a shared
// network keep the rightful owner out where they signed in before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { enableTotpWithSecret } from '../server/src/domain/staff/twoFactor.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, freshIp, nextTotpStep, signIn, totpCode } from './helpers/staffAuth.js';

let server: TestServer;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await server?.stop();
});

/** Sign-in answers for one guess per address, each from a fresh address, until the first refusal by the limit. */
async function guessFromRotatingAddresses(addresses: () => string, tries: number, creds: (i: number) => { email: string; password: string; totp?: string }) {
  const statuses: number[] = [];
  for (let i = 0; i < tries; i++) {
    const res = await signIn(server, creds(i), addresses());
    statuses.push(res.status);
    if (res.status === 429) break;
  }
  return statuses;
}

describe('password guessing across addresses', () => {
  it('40 rotating IPv4 addresses meet the per-account limit, and the owner still signs in from where they did before', async () => {
    const victim = await server.addStaff();
    const home = freshIp();
    expect((await signIn(server, { email: victim.email, password: victim.password }, home)).status).toBe(200);
    const statuses = await guessFromRotatingAddresses(freshIp, 40, (i) => ({ email: victim.email, password: `guess-${i}-lantern` }));
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(31);
    // From yet another address even the right password waits: a lucky guess after the limit does not get in.
    expect((await signIn(server, { email: victim.email, password: victim.password }, freshIp())).status).toBe(429);
    // The owner, where they signed in before, is not locked out by the attack.
    expect((await signIn(server, { email: victim.email, password: victim.password }, home)).status).toBe(200);
  }, 120_000);

  it('30 addresses of one IPv6 /64 count as one address', async () => {
    const victim = await server.addStaff();
    let n = 0;
    const sameSlash64 = () => `2001:db8:77:1::${(++n).toString(16)}`;
    const statuses = await guessFromRotatingAddresses(sameSlash64, 30, (i) => ({ email: victim.email, password: `guess-${i}-orchard` }));
    expect(statuses).toHaveLength(11);
    expect(statuses.at(-1)).toBe(429);
    expect((await signIn(server, { email: victim.email, password: victim.password }, '2001:db8:77:1:ffff::1')).status).toBe(429);
    // Another network is not blocked by that /64's streak.
    expect((await signIn(server, { email: victim.email, password: victim.password }, '2001:db8:77:2::1')).status).toBe(200);
  }, 120_000);
});

describe('second-factor guessing across addresses', () => {
  it('rotating addresses with the password known meet a limit on TOTP codes; the owner still signs in from home', async () => {
    const victim = await server.addStaff({ role: 'moderator' });
    const { secret } = await enableTotpWithSecret(server.ctx.db, server.ctx.clock, server.ctx.cipher, victim.id);
    const home = freshIp();
    nextTotpStep(clock);
    expect((await signIn(server, { email: victim.email, password: victim.password, totp: totpCode(secret, clock) }, home)).status).toBe(200);
    const wrongCode = (i: number) => String((Number(totpCode(secret, clock)) + 1 + i * 7919) % 1_000_000).padStart(6, '0');
    const statuses = await guessFromRotatingAddresses(freshIp, 40, (i) => ({ email: victim.email, password: victim.password, totp: wrongCode(i) }));
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(11);
    // The right code from a new address waits too; from home it works.
    nextTotpStep(clock);
    expect((await signIn(server, { email: victim.email, password: victim.password, totp: totpCode(secret, clock) }, freshIp())).status).toBe(429);
    expect((await signIn(server, { email: victim.email, password: victim.password, totp: totpCode(secret, clock) }, home)).status).toBe(200);
  }, 120_000);
});

describe('a spray from a shared address', () => {
  it('100 failed sign-ins on random e-mails do not keep staff who sign in there out', async () => {
    const colleague = await server.addStaff();
    const office = freshIp();
    expect((await signIn(server, { email: colleague.email, password: colleague.password }, office)).status).toBe(200);
    for (let i = 0; i < 100; i++) {
      expect((await signIn(server, { email: `spray-${i}-${Date.now()}@test.local`, password: 'spray-password-1' }, office)).status).toBe(401);
    }
    // The spray is stopped for accounts never signed in from there...
    expect((await signIn(server, { email: 'spray-next@test.local', password: 'spray-password-1' }, office)).status).toBe(429);
    // ...and the colleague's right password still works from the office.
    expect((await signIn(server, { email: colleague.email, password: colleague.password }, office)).status).toBe(200);
  }, 240_000);
});
