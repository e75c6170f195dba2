// Access control, proved: who may read which transcript, whose room nobody else can join, and an append-only audit log.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, Transcript } from '@beside/shared';
import { getJson, next, ok, onShiftVolunteer, postJson, request, requestRaw, sleep } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { audit, moderator, openTranscript, pair, recordAll, sayOk } from './helpers/moderation.js';
import { newVisitor } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let mod: Awaited<ReturnType<typeof moderator>>;
let admin: Awaited<ReturnType<typeof moderator>>;
beforeAll(async () => {
  server = await startTestServer();
  mod = await moderator(server, 'moderator', 'Morgan');
  admin = await moderator(server, 'admin', 'Ada');
});
afterAll(async () => {
  mod?.socket.close();
  admin?.socket.close();
  await server?.stop();
});

describe('moderators read only flagged or escalated transcripts', () => {
  it('answers 403 for an ordinary conversation, whatever flag id or path is tried, and 200 through its own flag', async () => {
    const p = await pair(server);
    const q = await pair(server, 'Sky');
    const secret = marker('private');
    const words = `private words ${secret}`;
    await sayOk(p.visitor.socket, p.conversation.id, words);
    const foreign = (await ok(q.volunteer.socket, 'flag:raise', { conversationId: q.conversation.id, reason: 'trolling' })).flag;

    for (const body of [{ purpose: 'review_flag' }, { purpose: 'review_flag', flagId: randomUUID() }, { purpose: 'review_flag', flagId: foreign.id }]) {
      const res = await openTranscript(server, mod.token, p.conversation.id, body);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
    expect((await openTranscript(server, mod.token, randomUUID(), { purpose: 'review_flag' })).status).toBe(403);
    // Nor through the participants' routes.
    expect((await getJson(server.url, `/api/conversations/${p.conversation.id}/messages`, mod.token)).status).toBe(403);
    expect(await request(mod.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await request(mod.socket, 'supervision:observe', { conversationId: p.conversation.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Nothing was opened, so nothing was audited as opened.
    expect((await audit(server, mod.token, `action=transcript.opened&targetId=${p.conversation.id}`)).entries).toEqual([]);

    const own = (await ok(p.volunteer.socket, 'flag:raise', { conversationId: p.conversation.id, reason: 'other' })).flag;
    const opened = await openTranscript(server, admin.token, p.conversation.id, { flagId: own.id, purpose: 'review_flag' });
    expect(opened.status).toBe(200);
    expect((opened.body as Transcript).messages.map((m) => m.body)).toContain(words);
    await p.close();
    await q.close();
  });

  it('opens an escalated conversation without a flag, and records which escalation allowed it', async () => {
    const p = await pair(server);
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    const res = await openTranscript(server, mod.token, p.conversation.id, { purpose: 'live_supervision' });
    expect(res.status).toBe(200);
    const entry = (await audit(server, mod.token, `action=transcript.opened&targetId=${p.conversation.id}`)).entries[0]!;
    expect(entry.details).toMatchObject({ flagId: null, purpose: 'live_supervision', escalation: 'help_requested' });
    await p.close();
  });

  it('keeps every moderation endpoint from volunteers (403) and from survivors and strangers (401)', async () => {
    const p = await pair(server);
    const id = p.conversation.id;
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/moderation/flags'],
      ['GET', '/api/moderation/audit'],
      ['GET', '/api/moderation/bans'],
      ['GET', '/api/moderation/live'],
      ['POST', `/api/moderation/conversations/${id}/transcript`, { purpose: 'review_flag' }],
      ['POST', `/api/moderation/flags/${randomUUID()}/decision`, { decision: 'dismiss', note: 'x' }],
      ['POST', `/api/moderation/bans/${randomUUID()}/lift`, {}],
    ];
    for (const [token, expected] of [
      [p.volunteer.token, 403],
      [p.visitor.token, 401],
      [undefined, 401],
    ] as const) {
      for (const [method, url, body] of calls) {
        const res = method === 'GET' ? await getJson(server.url, url, token) : await postJson(server.url, url, body, token);
        expect(res.status, `${method} ${url}`).toBe(expected);
      }
    }
    await p.close();
  });
});

describe("nobody joins someone else's conversation", () => {
  it('refuses every event aimed at it from a stranger survivor, another volunteer and a non-observing moderator, and they hear nothing', async () => {
    const p = await pair(server);
    const stranger = await newVisitor(server.url);
    const otherVolunteer = (await pair(server, 'Sky')).volunteer;
    const watchers = [stranger.socket, otherVolunteer.socket, mod.socket];
    const heard = watchers.map((s) => recordAll(s));
    const id = p.conversation.id;
    const attempts: [string, Record<string, unknown>][] = [
      ['message:send', { conversationId: id, clientId: randomUUID(), body: 'let me in' }],
      ['messages:since', { conversationId: id, afterSeq: 0 }],
      ['typing', { conversationId: id, typing: true }],
      ['conversation:end', { conversationId: id }],
      ['report:send', { conversationId: id, reason: 'other' }],
      ['flag:raise', { conversationId: id, reason: 'other' }],
      ['help:request', { conversationId: id }],
      ['supervision:observe', { conversationId: id }],
      ['supervision:whisper', { conversationId: id, clientId: randomUUID(), body: 'psst' }],
      ['supervision:takeover', { conversationId: id }],
      ['supervision:send', { conversationId: id, clientId: randomUUID(), body: 'hello' }],
      ['supervision:end', { conversationId: id }],
      ['supervision:leave', { conversationId: id }],
    ];
    for (const socket of watchers) {
      for (const [event, payload] of attempts) {
        const ack = await requestRaw(socket, event, payload);
        expect(ack.ok, `${event} should be refused`).toBe(false);
        if (!ack.ok) expect(['forbidden', 'invalid']).toContain(ack.error.code);
      }
    }
    await sayOk(p.visitor.socket, id, 'only for my volunteer');
    await sayOk(p.volunteer.socket, id, 'I hear you');
    await ok(p.visitor.socket, 'typing', { conversationId: id, typing: true });
    await sleep(400);
    for (const log of heard) {
      const aboutIt = log.filter((e) => JSON.stringify(e.payload ?? '').includes(id));
      expect(aboutIt.map((e) => e.event)).toEqual([]);
    }
    // The conversation is untouched: still live, and nothing of the strangers' got in.
    const all = await ok(p.visitor.socket, 'messages:since', { conversationId: id, afterSeq: 0 });
    expect(all.map((m) => m.body)).toEqual(['only for my volunteer', 'I hear you']);
    stranger.socket.close();
    otherVolunteer.socket.close();
    await p.close();
  });
});

describe('volunteers read only their own current and handed-over conversations', () => {
  it('gives the volunteer a chat was handed to its messages, and takes them from the one who handed it on', async () => {
    const p = await pair(server, 'Jo');
    await sayOk(p.visitor.socket, p.conversation.id, 'before the hand-over');
    const kimRow = await server.addStaff({ displayName: 'Kim' });
    const kim = await onShiftVolunteer(server.url, kimRow);
    const kimStarted = next(kim.socket, 'conversation:started');
    const result = await ok(p.volunteer.socket, 'conversation:transfer', { conversationId: p.conversation.id, toVolunteerId: kim.userId });
    const handed = await kimStarted;
    expect(handed.id).toBe(result.newConversationId);
    await sayOk(p.visitor.socket, handed.id, 'after the hand-over');

    const kimReads = await ok(kim.socket, 'messages:since', { conversationId: handed.id, afterSeq: 0 });
    expect(kimReads.map((m) => m.body)).toContain('after the hand-over');
    expect((await getJson(server.url, `/api/conversations/${handed.id}/messages`, kim.token)).status).toBe(200);

    expect(await request(p.volunteer.socket, 'messages:since', { conversationId: handed.id, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await getJson(server.url, `/api/conversations/${handed.id}/messages`, p.volunteer.token)).status).toBe(403);
    // Nor the part before the hand-over, now that it is no longer theirs to hold.
    expect(await request(p.volunteer.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await getJson(server.url, `/api/conversations/${p.conversation.id}/messages`, p.volunteer.token)).status).toBe(403);
    for (const [event, payload] of [
      ['help:request', { conversationId: handed.id }],
      ['flag:raise', { conversationId: handed.id, reason: 'other' }],
      ['supervision:whisper', { conversationId: handed.id, clientId: randomUUID(), body: 'x' }],
    ] as const) {
      expect(await request(p.volunteer.socket, event, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    kim.socket.close();
    await p.close();
  });
});

describe('a volunteer after a chat ends', () => {
  it('can no longer read its transcript, while the survivor still can until they delete it', async () => {
    const p = await pair(server, 'Lee');
    await sayOk(p.visitor.socket, p.conversation.id, 'something private');
    expect((await ok(p.volunteer.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 })).length).toBe(1);
    await ok(p.visitor.socket, 'conversation:end', { conversationId: p.conversation.id });
    expect(await request(p.volunteer.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await getJson(server.url, `/api/conversations/${p.conversation.id}/messages`, p.volunteer.token)).status).toBe(403);
    const mine = await ok(p.visitor.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 });
    expect(mine.map((m) => m.body)).toEqual(['something private']);
    await p.close();
  });
});

describe('the audit log', () => {
  it('is browsed and filtered by moderators and admins, paged newest first', async () => {
    const p = await pair(server);
    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    await openTranscript(server, mod.token, p.conversation.id, { purpose: 'live_supervision' });
    await openTranscript(server, admin.token, p.conversation.id, { purpose: 'risk_follow_up' });

    const byAdmin = await audit(server, admin.token, `actorId=${admin.id}&action=transcript.opened&targetId=${p.conversation.id}`);
    expect(byAdmin.entries.map((e) => [e.actorName, e.details.purpose])).toEqual([['Ada', 'risk_follow_up']]);
    const forTarget = await audit(server, mod.token, `targetId=${p.conversation.id}`);
    expect(forTarget.entries.map((e) => e.action)).toEqual(['transcript.opened', 'transcript.opened', 'supervision.help_requested']);
    const page1 = await audit(server, mod.token, `targetId=${p.conversation.id}&limit=2`);
    expect(page1.entries).toHaveLength(2);
    expect(page1.nextBeforeId).toBeDefined();
    const page2 = await audit(server, mod.token, `targetId=${p.conversation.id}&limit=2&beforeId=${page1.nextBeforeId}`);
    expect(page2.entries.map((e) => e.action)).toEqual(['supervision.help_requested']);
    expect(page2.nextBeforeId).toBeUndefined();
    const future = await getJson<AuditResponse>(server.url, `/api/moderation/audit?since=2999-01-01T00:00:00Z`, mod.token);
    expect(future.body.entries).toEqual([]);
    expect((await getJson(server.url, '/api/moderation/audit?since=yesterday', mod.token)).status).toBe(400);
    await p.close();
  });

  it('cannot be changed or emptied, even with direct SQL', async () => {
    /** The database's own refusal, wherever the driver wrapped it. */
    const refusal = async (query: Promise<unknown>): Promise<string> => {
      try {
        await query;
        return 'accepted';
      } catch (err) {
        const messages: string[] = [];
        for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) messages.push(String((e as Error).message));
        return messages.join(' | ');
      }
    };
    expect(await refusal(server.ctx.db.execute(sql`UPDATE audit_log SET action = 'tampered'`))).toMatch(/append-only/);
    expect(await refusal(server.ctx.db.execute(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
    expect(await refusal(server.ctx.db.execute(sql`TRUNCATE audit_log`))).toMatch(/append-only/);
    const after = await audit(server, mod.token, 'limit=500');
    expect(after.entries.length).toBeGreaterThan(0);
    expect(after.entries.map((e) => e.action)).not.toContain('tampered');
  });

  it('has no code path that updates or deletes it', () => {
    const root = path.resolve(import.meta.dirname, '../server/src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          if (/\.(update|delete)\(\s*auditLog\b|(UPDATE|DELETE FROM|TRUNCATE)\s+audit_log/i.test(text)) offenders.push(path.relative(root, full));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
