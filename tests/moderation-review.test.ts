// Flags from people and the review queue: who hears of a report, queue order, audited transcripts, decisions.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlagQueueItem, MyFlag, VolunteerWarningView } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { conversations, volunteerPresence } from '../server/src/db/schema.js';
import { collect, getJson, login, next, ok, request, requestRaw, sleep } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { audit, decide, eventually, moderator, openTranscript, pair, queue, recordAll, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
let mod: Awaited<ReturnType<typeof moderator>>;
beforeAll(async () => {
  server = await startTestServer({ clock });
  mod = await moderator(server, 'moderator', 'Morgan');
});
afterAll(async () => {
  mod?.socket.close();
  await server?.stop();
});

const MINUTE = 60_000;

async function reviewState(conversationId: string) {
  const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, conversationId));
  return { underReview: row!.underReview, reviewClosedAt: row!.reviewClosedAt };
}

describe('flags raised by people', () => {
  it("reach the moderators only: neither the survivor nor the volunteer learns of the other's report", async () => {
    const p = await pair(server);
    const said = marker('message');
    const reported = marker('report');
    await sayOk(p.visitor.socket, p.conversation.id, `He asked for my number earlier ${said}`);
    const survivorHears = recordAll(p.visitor.socket);
    const volunteerHears = recordAll(p.volunteer.socket);
    const newFlags = collect(mod.socket, 'flag:new');

    const report = await ok(p.visitor.socket, 'report:send', {
      conversationId: p.conversation.id,
      reason: 'asked_for_contact_details',
      text: `he wanted my instagram handle ${reported}`,
    });
    expect(report).toMatchObject({ conversationId: p.conversation.id, reason: 'asked_for_contact_details', status: 'open' });
    const again = await ok(p.visitor.socket, 'report:send', { conversationId: p.conversation.id, reason: 'other' });
    expect(again.id).toBe(report.id);

    const flagged = await ok(p.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'boundary_problem' });
    expect(flagged).toMatchObject({ blocked: false, flag: { reason: 'boundary_problem', status: 'open' } });

    await eventually(() => newFlags.length, (n) => n >= 2);
    await sleep(300);
    expect(newFlags.map((f) => f.reason).sort()).toEqual(['asked_for_contact_details', 'boundary_problem']);
    const fromSurvivor = newFlags.find((f) => f.source === 'survivor')!;
    const fromVolunteer = newFlags.find((f) => f.source === 'volunteer')!;
    expect(fromSurvivor.raisedBy).toEqual({ role: 'survivor' });
    expect(fromVolunteer.raisedBy).toEqual({ role: 'volunteer', name: 'Robin' });
    expect(fromSurvivor.hasNote).toBe(true);
    // No content in the queue: neither the message nor the reporter's words.
    const listed = JSON.stringify(await queue(server, mod.token));
    for (const leak of [said, reported, 'instagram handle', 'asked for my number']) expect(listed).not.toContain(leak);

    const relevant = (log: { event: string }[]) => log.map((e) => e.event).filter((e) => /flag|report|moderation|risk/.test(e));
    expect(relevant(survivorHears)).toEqual([]);
    expect(relevant(volunteerHears)).toEqual([]);
    // Each sees only what they raised themselves.
    expect((await ok(p.visitor.socket, 'flags:mine', {})).map((f) => f.id)).toEqual([report.id]);
    expect((await ok(p.volunteer.socket, 'flags:mine', {})).map((f) => f.reason)).toEqual(['boundary_problem']);
    const rest = await getJson<{ flags: MyFlag[] }>(server.url, '/api/flags/mine', p.visitor.token);
    expect(rest.body.flags.map((f) => f.id)).toEqual([report.id]);
    expect((await reviewState(p.conversation.id)).underReview).toBe(true);
    await p.close();
  });

  it('refuses a report from someone outside the conversation, and a survivor cannot use the volunteer flag', async () => {
    const p = await pair(server);
    const other = await pair(server, 'Sky');
    expect(await request(other.visitor.socket, 'report:send', { conversationId: p.conversation.id, reason: 'other' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(other.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'trolling' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(p.visitor.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'trolling' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(p.volunteer.socket, 'report:send', { conversationId: p.conversation.id, reason: 'other' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await p.close();
    await other.close();
  });
});

describe('the review queue', () => {
  it('lists open flags most severe first, then oldest first, with the reason and who raised it', async () => {
    const a = await pair(server, 'Ash');
    const b = await pair(server, 'Bo');
    const raise = async (socket: typeof a.visitor.socket, event: 'report:send' | 'flag:raise', conversationId: string, reason: string) => {
      clock.advance(MINUTE);
      const ack = await requestRaw(socket, event, { conversationId, reason });
      if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code}`);
      return ack.data as MyFlag | { flag: MyFlag };
    };
    const ids: Record<string, string> = {};
    const idOf = (r: MyFlag | { flag: MyFlag }) => ('flag' in r ? r.flag.id : r.id);
    ids.other = idOf(await raise(a.volunteer.socket, 'flag:raise', a.conversation.id, 'other')); // severity 1, oldest
    ids.disrespect = idOf(await raise(a.visitor.socket, 'report:send', a.conversation.id, 'disrespectful_or_judgemental')); // 2
    ids.risk = idOf(await raise(b.volunteer.socket, 'flag:raise', b.conversation.id, 'risk_to_life')); // 4
    ids.unsafe = idOf(await raise(b.visitor.socket, 'report:send', b.conversation.id, 'unsafe_or_threatening')); // 4, newer

    const mine = new Set(Object.values(ids));
    const order = (await queue(server, mod.token)).filter((f) => mine.has(f.id));
    expect(order.map((f) => f.id)).toEqual([ids.risk, ids.unsafe, ids.disrespect, ids.other]);
    expect(order.map((f) => f.severity)).toEqual([4, 4, 2, 1]);
    expect(order[0]).toMatchObject({ reason: 'risk_to_life', raisedBy: { role: 'volunteer', name: 'Bo' }, source: 'volunteer' });
    expect(order[1]).toMatchObject({ reason: 'unsafe_or_threatening', raisedBy: { role: 'survivor' } });
    // A volunteer's "risk to life" also marks the live conversation high-risk.
    expect((await server.ctx.db.select().from(conversations).where(eq(conversations.id, b.conversation.id)))[0]!.risk).toBe('high');
    await a.close();
    await b.close();
  });
});

describe('opening a transcript and deciding', () => {
  it('is an explicit, audited act that names the flag; flagged messages are highlighted; deciding unread is refused', async () => {
    const p = await pair(server);
    const said = marker('transcript');
    const hello = await sayOk(p.visitor.socket, p.conversation.id, `hi, I wanted to talk about work ${said}`);
    const flaggedLine = next(mod.socket, 'flag:new', (f) => f.conversationId === p.conversation.id);
    const bad = await sayOk(p.visitor.socket, p.conversation.id, `you are a useless bitch ${said}`);
    const flag = (await flaggedLine) as FlagQueueItem;

    expect((await decide(server, mod.token, flag.id, { decision: 'dismiss', note: 'unread' })).status).toBe(409);
    const noFlag = await openTranscript(server, mod.token, p.conversation.id, { purpose: 'review_flag' });
    expect(noFlag.status).toBe(400);
    expect(noFlag.body.error).toMatchObject({ code: 'invalid', field: 'flagId' });

    clock.advance(MINUTE);
    const opened = await openTranscript(server, mod.token, p.conversation.id, { flagId: flag.id, purpose: 'review_flag' });
    expect(opened.status).toBe(200);
    const t = opened.body;
    expect(t.messages.map((m) => [m.body, m.highlighted])).toEqual([
      [hello.body, false],
      [bad.body, true],
    ]);
    expect(t.messages.find((m) => m.id === bad.id)!.flagIds).toEqual([flag.id]);
    expect(t.flags.map((f) => f.id)).toEqual([flag.id]);
    expect(t.conversation).toMatchObject({ id: p.conversation.id, volunteerName: 'Robin', underReview: true });

    const entries = (await audit(server, mod.token, `action=transcript.opened&targetId=${p.conversation.id}`)).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: mod.id,
      actorRole: 'moderator',
      actorName: 'Morgan',
      at: clock.now().toISOString(),
      details: { flagId: flag.id, purpose: 'review_flag' },
    });
    // The queue now shows who opened it first.
    const item = (await queue(server, mod.token)).find((f) => f.id === flag.id)!;
    expect(item.firstOpenedByName).toBe('Morgan');
    // The audit log never holds what was said.
    const all = JSON.stringify((await audit(server, mod.token, 'limit=500')).entries);
    for (const leak of [said, 'useless bitch', 'wanted to talk']) expect(all).not.toContain(leak);
    await p.close();
  });

  it('closes the flag; whoever raised it sees it was reviewed with the outcome; the review closes with the last flag', async () => {
    const p = await pair(server);
    const report = await ok(p.visitor.socket, 'report:send', { conversationId: p.conversation.id, reason: 'disrespectful_or_judgemental', text: 'dismissive' });
    const vFlag = (await ok(p.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'trolling' })) as { flag: MyFlag };
    for (const id of [report.id, vFlag.flag.id]) {
      expect((await openTranscript(server, mod.token, p.conversation.id, { flagId: id, purpose: 'review_flag' })).status).toBe(200);
    }

    const volunteerReviewed = next(p.volunteer.socket, 'flag:reviewed');
    const closedForModerators = next(mod.socket, 'flag:closed', (c) => c.flagId === vFlag.flag.id);
    const dismissed = await decide(server, mod.token, vFlag.flag.id, { decision: 'dismiss', note: 'Not trolling; a hard conversation.' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'closed', outcome: 'dismissed', decidedByName: 'Morgan' });
    expect(await volunteerReviewed).toMatchObject({ id: vFlag.flag.id, status: 'closed', outcome: 'dismissed' });
    expect(await closedForModerators).toMatchObject({ outcome: 'dismissed' });
    expect(await reviewState(p.conversation.id)).toMatchObject({ underReview: true, reviewClosedAt: null });
    expect((await decide(server, mod.token, vFlag.flag.id, { decision: 'dismiss', note: 'again' })).status).toBe(409);

    const survivorReviewed = next(p.visitor.socket, 'flag:reviewed');
    const warning = next(p.volunteer.socket, 'moderation:warning');
    clock.advance(MINUTE);
    const secret = marker('warning');
    const warningNote = `Please keep a warmer tone. ${secret}`;
    const warned = await decide(server, mod.token, report.id, { decision: 'warn_volunteer', note: warningNote });
    expect(warned.status).toBe(200);
    const seen = await survivorReviewed;
    expect(seen).toMatchObject({ id: report.id, status: 'closed', outcome: 'volunteer_warned', reviewedAt: clock.now().toISOString() });
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(JSON.stringify(seen)).not.toContain('warmer tone');
    expect((await warning).note).toBe(warningNote);
    const warnings = await getJson<{ warnings: VolunteerWarningView[] }>(server.url, '/api/moderation/warnings/mine', p.volunteer.token);
    expect(warnings.body.warnings.map((w) => w.note)).toEqual([warningNote]);
    expect(await reviewState(p.conversation.id)).toEqual({ underReview: false, reviewClosedAt: clock.now() });
    expect((await ok(p.visitor.socket, 'flags:mine', {}))[0]).toMatchObject({ outcome: 'volunteer_warned' });
    const closed = await queue(server, mod.token, 'closed');
    expect(closed.map((f) => f.id)).toEqual(expect.arrayContaining([report.id, vFlag.flag.id]));

    const decided = (await audit(server, mod.token, `action=flag.decided`)).entries.filter((e) => e.details.conversationId === p.conversation.id);
    expect(decided.map((e) => e.details.outcome).sort()).toEqual(['dismissed', 'volunteer_warned']);
    expect(JSON.stringify(decided)).not.toContain(secret);
    expect(JSON.stringify(decided)).not.toContain('warmer tone');
    await p.close();
  });

  it("suspending the volunteer closes their sessions and puts the survivor back at the front of the queue", async () => {
    const p = await pair(server, 'Quinn');
    const report = await ok(p.visitor.socket, 'report:send', { conversationId: p.conversation.id, reason: 'sexual_or_inappropriate' });
    expect((await openTranscript(server, mod.token, p.conversation.id, { flagId: report.id, purpose: 'review_flag' })).status).toBe(200);
    const revoked = new Promise<string>((resolve) => {
      p.volunteer.socket.on('session:closing', (info) => resolve(info.reason));
      p.volunteer.socket.on('disconnect', () => resolve('disconnected'));
    });
    const survivorEnded = next(p.visitor.socket, 'conversation:ended');
    const res = await decide(server, mod.token, report.id, { decision: 'suspend_volunteer', note: 'Sexual remarks; suspended pending a talk.' });
    expect(res.status).toBe(200);
    expect(['revoked', 'disconnected']).toContain(await revoked);
    const ended = await survivorEnded;
    expect(ended).toMatchObject({ conversationId: p.conversation.id, continues: 'queue' });
    await expect(login(server.url, p.staff.email, p.staff.password)).rejects.toThrow(/401/);
    const entries = (await audit(server, mod.token, `action=volunteer.suspended&targetId=${p.staff.id}`)).entries;
    expect(entries[0]!.details).toMatchObject({ flagId: report.id, requeuedConversations: 1 });
    p.visitor.socket.close();
  });

  it('tells the survivor they are back at the front of the queue, and never that their volunteer went away', async () => {
    // The same order as an admin's suspension: chats back in line first, then the volunteer's connections cut.
    const p = await pair(server, 'Sasha');
    const report = await ok(p.visitor.socket, 'report:send', { conversationId: p.conversation.id, reason: 'sexual_or_inappropriate' });
    expect((await openTranscript(server, mod.token, p.conversation.id, { flagId: report.id, purpose: 'review_flag' })).status).toBe(200);
    const awayNotices = collect(p.visitor.socket, 'conversation:volunteer_away');
    const volunteerGone = new Promise<void>((resolve) => p.volunteer.socket.once('disconnect', () => resolve()));
    const ended = next(p.visitor.socket, 'conversation:ended');
    const backInLine = next(p.visitor.socket, 'queue:status', (s) => s.state === 'waiting');
    const res = await decide(server, mod.token, report.id, { decision: 'suspend_volunteer', note: 'Suspended pending a talk.' });
    expect(res.status).toBe(200);
    expect(await ended).toMatchObject({ conversationId: p.conversation.id, endedBy: 'system', continues: 'queue' });
    expect((await backInLine).state).toBe('waiting');
    await volunteerGone;
    // Once the server has seen the volunteer's last connection close, any "away" notice would already be on its way
    // (it follows that write); a round trip on the survivor's socket then delivers whatever was sent before it.
    await eventually(
      async () => (await server.ctx.db.select().from(volunteerPresence).where(eq(volunteerPresence.staffId, p.staff.id)))[0]?.disconnectedAt,
      (at) => !!at,
    );
    await ok(p.visitor.socket, 'session:state', {});
    expect(awayNotices).toEqual([]);
    await ok(p.visitor.socket, 'queue:leave', {});
    p.visitor.socket.close();
  });
});
