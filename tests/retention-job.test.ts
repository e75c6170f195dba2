// Retention on a simulated clock: transcripts go RETENTION_HOURS after the chat ends (or its review closes), never under review.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { MessagesResponse } from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { getJson, sleep } from './helpers/clients.js';
import { endChat, exchange, messageCount, onShift, query, startChat, type Chat } from './helpers/privacy.js';
import { createTestDatabase, startTestServer, type TestServer } from './helpers/server.js';

const HOUR = 3_600_000;
const S = new Date('2026-03-10T12:00:00Z'); // when the sweep runs
const at = (hoursBeforeS: number) => new Date(S.getTime() - hoursBeforeS * HOUR);

let server: TestServer;
const clock = new ManualClock(at(100));
beforeAll(async () => {
  server = await startTestServer({ clock });
}, 180_000); // starting embedded PostgreSQL (WASM) can be slow on a busy machine
afterAll(async () => {
  await server?.stop();
});

async function chatEndedAt(when: Date, label: string): Promise<Chat> {
  clock.set(when);
  const volunteer = await onShift(server);
  const chat = await startChat(server, volunteer);
  await exchange(chat, `survivor line of ${label}`, `volunteer line of ${label}`);
  await endChat(chat);
  chat.volunteer.socket.close();
  return chat;
}

async function setReview(conversationId: string, underReview: boolean) {
  // What moderation does when a flag opens (under_review) and when the last flag is decided (closed).
  await server.ctx.db.execute(sql`
    UPDATE conversations SET under_review = ${underReview},
      review_closed_at = ${underReview ? null : clock.now().toISOString()}::timestamptz
    WHERE id = ${conversationId}`);
}

async function conversationRow(id: string) {
  const [row] = await query<{ status: string; transcript_deleted_at: Date | null; transcript_deleted_by: string | null }>(
    server.ctx.db,
    sql`SELECT status, transcript_deleted_at, transcript_deleted_by FROM conversations WHERE id = ${id}`,
  );
  return row!;
}

async function ipHashOf(visitorId: string): Promise<string | null> {
  const [row] = await query<{ ip_hash: string | null }>(server.ctx.db, sql`SELECT ip_hash FROM visitors WHERE id = ${visitorId}`);
  return row!.ip_hash;
}

async function noteCount(conversationId: string): Promise<number> {
  const [row] = await query<{ n: number | string }>(
    server.ctx.db,
    sql`SELECT count(*) AS n FROM test_private_notes WHERE conversation_id = ${conversationId}`,
  );
  return Number(row!.n);
}

describe('the retention sweep (72 hours by default)', () => {
  it('deletes exactly the transcripts whose time is up, keeps the rest, and keeps every conversation row', { timeout: 120_000 }, async () => {
    expect(server.config.privacy.retentionHours).toBe(72);

    // 100 hours before the sweep: three chats end, a fourth stays open.
    const underReview = await chatEndedAt(at(100), 'C');
    const reviewClosedLongAgo = await chatEndedAt(at(100), 'D');
    const reviewClosedRecently = await chatEndedAt(at(100), 'E');
    clock.set(at(100));
    const openChat = await startChat(server, await onShift(server));
    await exchange(openChat, 'survivor line of F', 'volunteer line of F');
    await setReview(underReview.conversation.id, true);
    await setReview(reviewClosedLongAgo.conversation.id, true);
    await setReview(reviewClosedRecently.conversation.id, true);

    const endedLongAgo = await chatEndedAt(at(73), 'A');
    clock.set(at(73));
    await setReview(reviewClosedLongAgo.conversation.id, false);
    const endedRecently = await chatEndedAt(at(71), 'B');
    clock.set(at(10));
    await setReview(reviewClosedRecently.conversation.id, false);

    // Private notes: any table with a conversation_id and an encrypted (*_enc) column goes with the transcript.
    await server.ctx.db.execute(
      sql`CREATE TABLE test_private_notes (id uuid PRIMARY KEY, conversation_id uuid NOT NULL, note_enc text NOT NULL)`,
    );
    for (const c of [endedLongAgo, endedRecently, underReview]) {
      await server.ctx.db.execute(
        sql`INSERT INTO test_private_notes VALUES (${randomUUID()}, ${c.conversation.id}, ${server.ctx.cipher.encrypt('note')})`,
      );
    }

    const all = [endedLongAgo, endedRecently, underReview, reviewClosedLongAgo, reviewClosedRecently, openChat];
    for (const c of all) expect(await messageCount(server.ctx.db, c.conversation.id)).toBe(2);

    clock.set(S);
    const result = await server.retention.runOnce();
    expect(result).toEqual({ deleted: 2, failed: 0, addressesForgotten: 2 });

    const gone = [endedLongAgo, reviewClosedLongAgo];
    const kept = [endedRecently, underReview, reviewClosedRecently, openChat];
    for (const c of gone) {
      expect(await messageCount(server.ctx.db, c.conversation.id)).toBe(0);
      const row = await conversationRow(c.conversation.id);
      expect(row.status).toBe('ended');
      expect(row.transcript_deleted_by).toBe('retention');
      expect(new Date(row.transcript_deleted_at!).toISOString()).toBe(S.toISOString());
    }
    for (const c of kept) {
      expect(await messageCount(server.ctx.db, c.conversation.id)).toBe(2);
      expect((await conversationRow(c.conversation.id)).transcript_deleted_at).toBeNull();
    }
    expect(await noteCount(endedLongAgo.conversation.id)).toBe(0);
    expect(await noteCount(endedRecently.conversation.id)).toBe(1);
    // Nothing is left to review or ban over for A's and D's survivors: their IP hash goes too; the others keep it.
    expect(await ipHashOf(endedLongAgo.visitor.visitorId)).toBeNull();
    expect(await ipHashOf(reviewClosedLongAgo.visitor.visitorId)).toBeNull();
    for (const c of kept) expect(await ipHashOf(c.visitor.visitorId)).toBe(server.ctx.hashIp('127.0.0.1'));
    expect(await noteCount(underReview.conversation.id)).toBe(1);

    // The survivor asking for the history of a deleted conversation gets nothing back.
    const history = await getJson<MessagesResponse>(
      server.url,
      `/api/conversations/${endedLongAgo.conversation.id}/messages`,
      endedLongAgo.visitor.token,
    );
    expect(history.status).toBe(200);
    expect(history.body.messages).toEqual([]);

    // Running again at the same moment deletes nothing more.
    expect(await server.retention.runOnce()).toEqual({ deleted: 0, failed: 0, addressesForgotten: 0 });

    // Two hours later, B has passed 72 hours; the reviewed ones have not.
    clock.set(new Date(S.getTime() + 2 * HOUR));
    expect(await server.retention.runOnce()).toEqual({ deleted: 1, failed: 0, addressesForgotten: 1 });
    expect(await messageCount(server.ctx.db, endedRecently.conversation.id)).toBe(0);
    expect(await noteCount(endedRecently.conversation.id)).toBe(0);

    // C stays as long as its review is open, however old; once closed, it gets the same 72 hours.
    clock.set(new Date(S.getTime() + 500 * HOUR));
    expect(await server.retention.runOnce()).toEqual({ deleted: 1, failed: 0, addressesForgotten: 1 }); // E (closed at S-10h)
    expect(await messageCount(server.ctx.db, underReview.conversation.id)).toBe(2);
    expect(await messageCount(server.ctx.db, reviewClosedRecently.conversation.id)).toBe(0);
    await setReview(underReview.conversation.id, false);
    clock.set(new Date(S.getTime() + 571 * HOUR));
    expect(await server.retention.runOnce()).toEqual({ deleted: 0, failed: 0, addressesForgotten: 0 });
    clock.set(new Date(S.getTime() + 573 * HOUR));
    expect(await server.retention.runOnce()).toEqual({ deleted: 1, failed: 0, addressesForgotten: 1 });
    expect(await messageCount(server.ctx.db, underReview.conversation.id)).toBe(0);
    expect(await noteCount(underReview.conversation.id)).toBe(0);

    // A conversation still going is never touched, whatever its age.
    expect(await messageCount(server.ctx.db, openChat.conversation.id)).toBe(2);

    const audit = await query<{ details: { deleted: number; addressesForgotten: number } }>(
      server.ctx.db,
      sql`SELECT details FROM audit_log WHERE action = 'retention.transcripts_deleted' ORDER BY id`,
    );
    expect(audit.map((a) => a.details.deleted)).toEqual([2, 1, 1, 1]);
    expect(audit.map((a) => a.details.addressesForgotten)).toEqual([2, 1, 1, 1]);

    for (const c of all) c.visitor.socket.close();
    openChat.volunteer.socket.close();
    await server.ctx.db.execute(sql`DROP TABLE test_private_notes`);
  });
});

describe('the scheduled job', () => {
  it('runs by itself every RETENTION_SWEEP_MS and deletes on the configured clock, not before', { timeout: 120_000 }, async () => {
    const jobClock = new ManualClock(new Date('2026-04-01T08:00:00Z'));
    const own = await startTestServer({ clock: jobClock, env: { RETENTION_HOURS: '1', RETENTION_SWEEP_MS: '150' } });
    try {
      const chat = await startChat(own, await onShift(own));
      await exchange(chat, 'a line that should go in an hour', 'and the reply');
      await endChat(chat);
      // Several sweeps run while less than an hour has passed on the clock: nothing is deleted.
      jobClock.advance(59 * 60_000);
      await sleep(600);
      expect(await messageCount(own.ctx.db, chat.conversation.id)).toBe(2);
      jobClock.advance(2 * 60_000);
      const deadline = Date.now() + 5000;
      while ((await messageCount(own.ctx.db, chat.conversation.id)) > 0 && Date.now() < deadline) await sleep(50);
      expect(await messageCount(own.ctx.db, chat.conversation.id)).toBe(0);
      chat.visitor.socket.close();
      chat.volunteer.socket.close();
    } finally {
      await own.stop();
    }
  });
});

describe('a node that restarts more often than the interval', () => {
  it('still sweeps: once a few seconds after start-up', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-retention-restart-'));
    const testDb = await createTestDatabase();
    const place = { dataDir, databaseUrl: testDb?.url };
    const restartClock = new ManualClock(new Date('2026-05-01T08:00:00Z'));
    const env = { RETENTION_SWEEP_MS: String(60 * 60_000) };
    try {
      const first = await startTestServer({ ...place, clock: restartClock, env });
      const chat = await startChat(first, await onShift(first));
      await exchange(chat, 'said before the restart', 'and answered');
      await endChat(chat);
      chat.visitor.socket.close();
      chat.volunteer.socket.close();
      await first.stop();

      restartClock.advance(73 * HOUR);
      const second = await startTestServer({ ...place, clock: restartClock, env });
      try {
        expect(await messageCount(second.ctx.db, chat.conversation.id)).toBe(2);
        const deadline = Date.now() + 15_000;
        while ((await messageCount(second.ctx.db, chat.conversation.id)) > 0 && Date.now() < deadline) await sleep(200);
        expect(await messageCount(second.ctx.db, chat.conversation.id)).toBe(0);
      } finally {
        await second.stop();
      }
    } finally {
      await testDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
