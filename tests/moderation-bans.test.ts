// Bans that keep no identity, and the volunteer's end-and-block: keyed on the visitor id and the IP's HMAC, expiring.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BanView } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { bans } from '../server/src/db/schema.js';
import { connect, getJson, intake, next, ok, postJson, request, sleep } from './helpers/clients.js';
import { decide, moderator, openTranscript, pair, recordAll, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const clock = new ManualClock(new Date('2026-04-06T08:00:00Z'));
let mod: Awaited<ReturnType<typeof moderator>>;
beforeAll(async () => {
  server = await startTestServer({ clock });
  mod = await moderator(server);
});
afterAll(async () => {
  mod?.socket.close();
  await server?.stop();
});

const DAY = 24 * 60 * 60 * 1000;

async function session(): Promise<{ status: number; body: { token?: string; visitorId?: string; error?: { code: string; message: string } } }> {
  return postJson(server.url, '/api/visitor/session', undefined);
}

async function visitorSocket() {
  const s = await session();
  expect(s.status).toBe(201);
  return { socket: await connect(server.url, s.body.token!), visitorId: s.body.visitorId!, token: s.body.token! };
}

describe("the volunteer's end-and-block", () => {
  it('ends the chat as an ordinary end, holds that visitor back until a moderator decides, and a dismissal lets them back', async () => {
    const p = await pair(server);
    await sayOk(p.visitor.socket, p.conversation.id, 'lol this is a joke service');
    const survivorHears = recordAll(p.visitor.socket);
    const ended = next(p.visitor.socket, 'conversation:ended');
    const result = await ok(p.volunteer.socket, 'flag:raise', {
      conversationId: p.conversation.id,
      reason: 'trolling',
      text: 'repeated mockery',
      endAndBlock: true,
    });
    expect(result).toMatchObject({ blocked: true, ended: { conversationId: p.conversation.id }, flag: { status: 'open' } });
    // The survivor sees the same end as any chat a volunteer closes: nothing about a flag or a block.
    expect(await ended).toMatchObject({ endedBy: 'volunteer', reason: 'ended_by_volunteer' });
    await sleep(300);
    expect(survivorHears.map((e) => e.event)).toEqual(['conversation:ended']);

    const refused = await request(p.visitor.socket, 'queue:join', intake());
    expect(refused).toMatchObject({ ok: false, error: { code: 'banned' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/emergency number/);
    // A block is not keyed on the network: someone else on the same IP can still reach a volunteer.
    const neighbour = await visitorSocket();
    expect((await ok(neighbour.socket, 'queue:join', intake({ language: 'es' }))).state).toBe('waiting');
    await ok(neighbour.socket, 'queue:leave', {});
    const list = await getJson<{ bans: BanView[] }>(server.url, '/api/moderation/bans', mod.token);
    const block = list.body.bans.find((b) => b.flagId === result.flag.id)!;
    expect(block).toMatchObject({ kind: 'block', keyedOn: ['visitor'] });
    expect(new Date(block.expiresAt).getTime() - new Date(block.createdAt).getTime()).toBe(DAY);

    expect((await openTranscript(server, mod.token, p.conversation.id, { flagId: result.flag.id, purpose: 'review_flag' })).status).toBe(200);
    expect((await decide(server, mod.token, result.flag.id, { decision: 'dismiss', note: 'Teasing, not abuse.' })).status).toBe(200);
    expect((await ok(p.visitor.socket, 'queue:join', intake({ language: 'es' }))).state).toBe('waiting');
    await ok(p.visitor.socket, 'queue:leave', {});
    neighbour.socket.close();
    await p.close();
  });

  it('never blocks someone flagged as a risk to life', async () => {
    const p = await pair(server);
    const ack = await request(p.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'risk_to_life', endAndBlock: true });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid', field: 'endAndBlock' } });
    const still = await ok(p.visitor.socket, 'session:state', {});
    expect(still.conversations.map((c: { id: string }) => c.id)).toContain(p.conversation.id);
    await p.close();
  });
});

describe('banning the survivor', () => {
  it('is keyed on the visitor id and the keyed hash of the IP (never the IP), answers calmly, and expires after 30 days', async () => {
    const p = await pair(server);
    const earlier = await visitorSocket(); // another tab from the same network, opened before the ban
    const flag = (await ok(p.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'abusive_visitor' })).flag;
    expect((await openTranscript(server, mod.token, p.conversation.id, { flagId: flag.id, purpose: 'review_flag' })).status).toBe(200);
    const ended = next(p.visitor.socket, 'conversation:ended');
    const res = await decide(server, mod.token, flag.id, { decision: 'ban_survivor', note: 'Threats against the volunteer.' });
    expect(res.body).toMatchObject({ status: 'closed', outcome: 'survivor_banned' });
    expect(await ended).toMatchObject({ endedBy: 'moderator', reason: 'ended_by_moderator' });

    const [row] = await server.ctx.db.select().from(bans).where(eq(bans.flagId, flag.id));
    expect(row).toMatchObject({ kind: 'ban', visitorId: p.visitor.visitorId, ipHash: server.ctx.hashIp('127.0.0.1') });
    expect(row!.ipHash).not.toContain('127.0.0.1');
    expect(JSON.stringify(row)).not.toMatch(/127\.0\.0\.1|::1/);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(30 * DAY);

    const calm = await request(p.visitor.socket, 'queue:join', intake());
    expect(calm).toMatchObject({ ok: false, error: { code: 'banned' } });
    if (!calm.ok) {
      expect(calm.error.message).toMatch(/isn't available/);
      expect(calm.error.message).not.toMatch(/ban|abus|threat|flag/i);
    }
    expect(await request(earlier.socket, 'queue:join', intake())).toMatchObject({ ok: false, error: { code: 'banned' } });
    const newSession = await session();
    expect(newSession.status).toBe(403);
    expect(newSession.body.error).toMatchObject({ code: 'banned' });

    clock.advance(30 * DAY - 60_000);
    expect((await session()).status).toBe(403);
    clock.advance(2 * 60_000);
    const back = await visitorSocket();
    expect((await ok(back.socket, 'queue:join', intake({ language: 'es' }))).state).toBe('waiting');
    await ok(back.socket, 'queue:leave', {});
    back.socket.close();
    earlier.socket.close();
    await p.close();
  });

  it('can be lifted early by a moderator, and the lifting is audited', async () => {
    const p = await pair(server);
    const flag = (await ok(p.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'abusive_visitor' })).flag;
    await openTranscript(server, mod.token, p.conversation.id, { flagId: flag.id, purpose: 'review_flag' });
    await decide(server, mod.token, flag.id, { decision: 'ban_survivor', note: 'Abuse.', banDays: 7 });
    expect((await session()).status).toBe(403);
    const active = await getJson<{ bans: BanView[] }>(server.url, '/api/moderation/bans', mod.token);
    const ban = active.body.bans.find((b) => b.flagId === flag.id) as BanView;
    expect(ban).toMatchObject({ kind: 'ban', keyedOn: ['visitor', 'ip_hash'] });
    expect(new Date(ban.expiresAt).getTime() - new Date(ban.createdAt).getTime()).toBe(7 * DAY);
    const lifted = await postJson<BanView>(server.url, `/api/moderation/bans/${ban.id}/lift`, {}, mod.token);
    expect(lifted.status).toBe(200);
    expect(lifted.body.liftedAt).toBeDefined();
    expect((await session()).status).toBe(201);
    const log = await getJson<{ entries: { action: string; targetId: string }[] }>(server.url, `/api/moderation/audit?action=ban.lifted`, mod.token);
    expect(log.body.entries.map((e) => e.targetId)).toContain(ban.id);
    await p.close();
  });
});

