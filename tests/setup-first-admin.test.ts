// The first admin: never a default password; a one-time setup link printed on the console, or ADMIN_EMAIL/ADMIN_PASSWORD.
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { staff } from '../server/src/db/schema.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { http, signIn } from './helpers/staffAuth.js';

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

const PASSWORD = 'a long and unusual passphrase 42';

describe('with an empty database and no ADMIN_EMAIL', () => {
  it('creates no account, prints a one-time setup link, and the link makes one admin who must then set up two-factor', async () => {
    const said: string[] = [];
    const server = await startTestServer({ announce: (t) => said.push(t) });
    servers.push(server);
    const [{ n }] = (await server.ctx.db.select({ n: count() }).from(staff)) as [{ n: number }];
    expect(n).toBe(0);
    const link = /\/setup#([A-Za-z0-9_-]{16,200})/.exec(said.join('\n'));
    expect(link).not.toBeNull();
    const setupToken = link![1]!;

    const wrong = await http(server, 'POST', '/api/setup', {
      body: { setupToken: 'x'.repeat(32), email: 'first@beside.local', password: PASSWORD, displayName: 'Ada' },
    });
    expect(wrong.status).toBe(401);
    const weak = await http(server, 'POST', '/api/setup', {
      body: { setupToken, email: 'first@beside.local', password: 'password1234', displayName: 'Ada' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ field: 'password' });

    const made = await http(server, 'POST', '/api/setup', {
      body: { setupToken, email: 'first@beside.local', password: PASSWORD, displayName: 'Ada' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'admin', displayName: 'Ada' });
    // The link works once.
    const again = await http(server, 'POST', '/api/setup', {
      body: { setupToken, email: 'second@beside.local', password: PASSWORD, displayName: 'Bea' },
    });
    expect(again.status).toBe(401);
    expect(await server.ctx.db.select().from(staff).where(eq(staff.role, 'admin'))).toHaveLength(1);

    // An admin's password alone gives no token: two-factor comes first.
    const first = await signIn(server, { email: 'first@beside.local', password: PASSWORD });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('two_factor_setup_required');
    expect(first.body).not.toHaveProperty('accessToken');
  });
});

describe('a setup link left in an old log', () => {
  it('stops working after 24 hours', async () => {
    const clock = new ManualClock(new Date('2026-06-01T09:00:00Z'));
    const said: string[] = [];
    const server = await startTestServer({ clock, announce: (t) => said.push(t) });
    servers.push(server);
    const setupToken = /\/setup#([A-Za-z0-9_-]{16,200})/.exec(said.join('\n'))![1]!;
    clock.advance(24 * 3600_000 + 60_000);
    const late = await http(server, 'POST', '/api/setup', {
      body: { setupToken, email: 'late@beside.local', password: PASSWORD, displayName: 'Late' },
    });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/expired/);
    expect(await server.ctx.db.select().from(staff)).toHaveLength(0);
  });
});

describe('with ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  it('creates that admin at start-up and prints no setup link', async () => {
    const said: string[] = [];
    const server = await startTestServer({
      announce: (t) => said.push(t),
      env: { ADMIN_EMAIL: 'boss@beside.local', ADMIN_PASSWORD: PASSWORD },
    });
    servers.push(server);
    expect(said.join('\n')).not.toMatch(/\/setup#/);
    const admins = await server.ctx.db.select().from(staff).where(eq(staff.role, 'admin'));
    expect(admins.map((a) => a.email)).toEqual(['boss@beside.local']);
    const res = await signIn(server, { email: 'boss@beside.local', password: PASSWORD });
    expect(res.body.status).toBe('two_factor_setup_required');
  });
});
