// Tokens as an attacker would try them against staff endpoints and the socket: every kind that is not a live
// staff access token is refused, and a signed-out session's token stops working at once.
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { connect, newVisitor } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http, signIn, signedInWithTotp } from './helpers/staffAuth.js';

let server: TestServer;
const clock = new ManualClock(new Date());
let admin: Awaited<ReturnType<TestServer['addStaff']>>;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { JWT_SECRET: TEST_JWT_SECRET, TRUST_PROXY: 'true' } });
  admin = await server.addStaff({ role: 'admin' });
});
afterAll(async () => {
  await server?.stop();
});

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const adminClaims = (over: Record<string, unknown> = {}) => ({
  typ: 'access',
  role: 'admin',
  sub: admin.id,
  iss: 'beside',
  aud: 'beside:staff',
  exp: Math.floor(Date.now() / 1000) + 600,
  ...over,
});
const sign = (claims: object, opts: jwt.SignOptions = { algorithm: 'HS256' }, secret = TEST_JWT_SECRET) =>
  jwt.sign(claims, secret, opts);

/** Staff endpoints of this issue, each of which must refuse a token that is not a live staff access token. */
const STAFF_ENDPOINTS: [string, string][] = [
  ['GET', '/api/auth/me'],
  ['GET', '/api/staff'],
  ['GET', '/api/staff/invites'],
  ['GET', '/api/schedule'],
  ['GET', '/api/schedule/coverage'],
];

async function refusedEverywhere(token: string): Promise<void> {
  for (const [method, path] of STAFF_ENDPOINTS) {
    const res = await http(server, method, path, { token });
    expect(res.status, `${method} ${path}`).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  }
  await expect(connect(server.url, token)).rejects.toThrow(/unauthorized/);
}

describe('a control: a properly signed admin token', () => {
  it('is accepted by every staff endpoint and the socket', async () => {
    const token = sign(adminClaims());
    for (const [method, path] of STAFF_ENDPOINTS) {
      expect((await http(server, method, path, { token })).status, `${method} ${path}`).toBe(200);
    }
    (await connect(server.url, token)).close();
  });
});

describe('forged and misused tokens are refused by staff endpoints and the socket', () => {
  it('wrong audience: a visitor-audience token carrying staff claims', async () => {
    await refusedEverywhere(sign(adminClaims({ aud: 'beside:visitor' })));
  });

  it('wrong audience: a token for some other service', async () => {
    await refusedEverywhere(sign(adminClaims({ aud: 'another-app' })));
  });

  it('wrong token type: a staff-audience token typed as a visitor token', async () => {
    await refusedEverywhere(sign(adminClaims({ typ: 'visitor' })));
  });

  it("wrong token type: a survivor's real visitor token", async () => {
    const visitor = await newVisitor(server.url);
    visitor.socket.close();
    for (const [method, path] of STAFF_ENDPOINTS) {
      expect((await http(server, method, path, { token: visitor.token })).status, `${method} ${path}`).toBe(401);
    }
  });

  it('wrong token type: the two-factor enrollment token a moderator gets instead of an access token', async () => {
    const moderator = await server.addStaff({ role: 'moderator' });
    const res = await signIn(server, { email: moderator.email, password: moderator.password });
    expect(res.body.status).toBe('two_factor_setup_required');
    const enrollmentToken = (res.body as { enrollmentToken: string }).enrollmentToken;
    await refusedEverywhere(enrollmentToken);
  });

  it('a staff access token cannot pose as a visitor: a visitor-typed token with the staff audience is refused', async () => {
    const visitor = await newVisitor(server.url);
    visitor.socket.close();
    const posing = sign({ typ: 'visitor', sub: visitor.visitorId, iss: 'beside', aud: 'beside:staff' }, { algorithm: 'HS256', expiresIn: 600 });
    await expect(connect(server.url, posing)).rejects.toThrow(/unauthorized/);
    // And an access token relabelled with the visitor audience is not a visitor either.
    const relabelled = sign({ typ: 'access', role: 'volunteer', sub: visitor.visitorId, iss: 'beside', aud: 'beside:visitor' }, {
      algorithm: 'HS256',
      expiresIn: 600,
    });
    await expect(connect(server.url, relabelled)).rejects.toThrow(/unauthorized/);
  });

  it('alg: none, unsigned', async () => {
    await refusedEverywhere(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(adminClaims())}.`);
  });

  it('an algorithm other than the pinned HS256 (HS512 with the right secret)', async () => {
    await refusedEverywhere(sign(adminClaims(), { algorithm: 'HS512' }));
  });

  it('an expired token', async () => {
    await refusedEverywhere(sign(adminClaims({ exp: Math.floor(Date.now() / 1000) - 5 })));
  });

  it('a token signed with another secret', async () => {
    await refusedEverywhere(sign(adminClaims(), { algorithm: 'HS256' }, 'another-secret-'.padEnd(64, 'y')));
  });

  it('the wrong issuer', async () => {
    await refusedEverywhere(sign(adminClaims({ iss: 'not-beside' })));
  });

  it('a refresh token presented as a bearer token', async () => {
    const volunteer = await server.addStaff();
    const res = await signIn(server, { email: volunteer.email, password: volunteer.password });
    expect(res.refreshCookie).toBeTruthy();
    await refusedEverywhere(res.refreshCookie!);
  });

  it("a role claim is not trusted: a volunteer's token edited to say admin no longer verifies", async () => {
    const volunteer = await server.addStaff();
    const res = await signIn(server, { email: volunteer.email, password: volunteer.password });
    const token = (res.body as { accessToken: string }).accessToken;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const edited = `${h}.${b64({ ...claims, role: 'admin' })}.${s}`;
    expect((await http(server, 'GET', '/api/staff', { token: edited })).status).toBe(401);
    // With its real claims it is a volunteer's token: signed in, but not an admin.
    expect((await http(server, 'GET', '/api/staff', { token })).status).toBe(403);
  });
});

describe('signing out', () => {
  it("refuses the signed-out session's access token at once, on REST and on the socket", async () => {
    const { session, refresh } = await signedInWithTotp(server, clock, 'admin');
    expect((await http(server, 'GET', '/api/staff', { token: session.accessToken })).status).toBe(200);
    const out = await http(server, 'POST', '/api/auth/logout', { refresh, csrf: true });
    expect(out.status).toBe(204);
    expect(out.refreshCookie).toBe('');
    expect((await http(server, 'GET', '/api/staff', { token: session.accessToken })).status).toBe(401);
    await expect(connect(server.url, session.accessToken)).rejects.toThrow(/unauthorized/);
    expect((await http(server, 'POST', '/api/auth/refresh', { refresh, csrf: true })).status).toBe(401);
  });

  it('other sessions of the same person stay signed in', async () => {
    const volunteer = await server.addStaff();
    const a = await signIn(server, { email: volunteer.email, password: volunteer.password });
    const b = await signIn(server, { email: volunteer.email, password: volunteer.password });
    await http(server, 'POST', '/api/auth/logout', { refresh: a.refreshCookie!, csrf: true });
    const tokenB = (b.body as { accessToken: string }).accessToken;
    expect((await http(server, 'GET', '/api/auth/me', { token: tokenB })).status).toBe(200);
  });
});
